#pragma once
// UTF-8 <-> code points, and the character-width folds that Japanese input needs.
// Pure functions; any thread.

#include <string>
#include <string_view>

namespace rececon::utf8 {

// Decodes UTF-8. Throws InvalidInput on a malformed sequence (never replaces bytes).
std::u32string decode(std::string_view text);

// Encodes code points as UTF-8. Throws InternalError on a surrogate or out-of-range value.
std::string encode(std::u32string_view text);
void append(std::string& out, char32_t cp);

// True when text is well-formed UTF-8.
bool isValid(std::string_view text);

// Number of code points (text must be valid UTF-8).
std::size_t length(std::string_view text);

// Full-width ASCII (！..～) and the ideographic space become their ASCII forms; all else is kept.
std::string foldFullWidthAscii(std::string_view text);

// A value as a person typed it, made comparable: full-width ASCII folded, surrounding spaces
// removed. Empty for malformed UTF-8 (callers that must say why check isValid first).
std::string normalizeTyped(std::string_view text);

// Removes leading and trailing ASCII and ideographic spaces.
std::string trim(std::string_view text);

// Columns a character takes on a terminal: 2 for East Asian wide and full-width characters (kanji, kana,
// full-width forms), 1 for the rest (half-width katakana included), 0 for combining marks.
int columns(char32_t cp);
// Columns of a whole text (must be valid UTF-8).
std::size_t displayWidth(std::string_view text);

}  // namespace rececon::utf8
