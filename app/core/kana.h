#pragma once
// Kana folding for storage, search and comparison. A フリガナ is stored in one form,
// toFullWidthKatakana(), so that lists never mix hiragana and half-width katakana; next to it the register
// keeps a search key made by normalizeKana(). Pure functions; any thread.

#include <optional>
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

// The stored form of a フリガナ as typed in any kana script: full-width katakana.
//  * hiragana and half-width katakana -> full-width katakana, ﾞ/ﾟ (and combining or spacing dakuten)
//    composed with the kana before them (ﾊﾟ -> パ);
//  * the long-vowel mark (ー ｰ), iteration marks (ヽヾゝゞ) and the middle dot of foreign names (・ ･)
//    are kept, in full width;
//  * the separator convention: spaces (ASCII, ideographic, tabs) around the text are removed and every
//    run of them between family and given name becomes ONE ideographic space U+3000:
//    "ﾔﾏﾀﾞ  ﾊﾅｺ" and "やまだ はなこ" are both stored as "ヤマダ　ハナコ".
// nullopt when text holds anything else (Latin letters, digits, kanji, symbols, a voicing mark with
// nothing to compose with) or no kana at all. Throws InvalidInput on malformed UTF-8.
std::optional<std::string> toFullWidthKatakana(std::string_view text);

// True when toFullWidthKatakana() accepts text: what a フリガナ field may contain (kana and spaces).
// False for malformed UTF-8 and for text without kana.
bool isKanaName(std::string_view text);
inline constexpr const char* kKanaExpected =
    "カタカナ・ひらがな・半角カナで入力してください（姓と名の間は空白。漢字・英字・数字・記号は使えません）。";

}  // namespace rececon
