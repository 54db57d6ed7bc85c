#pragma once
// Breaking Japanese and mixed text into lines of a given width, for a terminal (columns: a kanji takes
// two) and for the window (pixels). A break goes after the last ASCII space that fits, else between two
// characters, never before closing punctuation (kinsoku: 、。）」 stay with the character before them)
// and never inside a UTF-8 character. Pure; any thread.

#include <cstddef>
#include <functional>
#include <string>

namespace rececon {

// How wide one character is, in the caller's unit (columns, pixels).
using CharWidth = std::function<std::size_t(char32_t)>;

// Wraps every line of text to `width`; continuation lines start with `indent` spaces (counted in the
// same unit through `widthOf(U' ')`).
std::string wrapText(const std::string& text, std::size_t width, std::size_t indentSpaces, const CharWidth& widthOf);

}  // namespace rececon
