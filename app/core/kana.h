#pragma once
// Kana folding for search and comparison. Names are stored as entered (for display) and,
// next to them, as a search key made by normalizeKana(). Pure functions; any thread.

#include <string>
#include <string_view>

namespace rececon {

// The search/comparison key of a kana name:
//  * half-width katakana -> full-width, with ﾞ/ﾟ (and combining or spacing dakuten) composed;
//  * hiragana -> katakana;
//  * ASCII and ideographic spaces, tabs and middle dots (・ ･ ·) removed;
//  * full-width ASCII -> ASCII, Latin letters upper-cased.
// Small kana stay small: ｷｮｳｺ and キヨウコ are different keys.
// Throws InvalidInput on malformed UTF-8.
std::string normalizeKana(std::string_view text);

// True when text (after normalizeKana) holds only katakana, the long-vowel mark, iteration marks
// and Latin letters: what a フリガナ field may contain. Empty text is not kana.
bool isKanaName(std::string_view text);

}  // namespace rececon
