#include "app/core/line_wrap.h"

#include <string_view>
#include <vector>

#include "app/core/utf8.h"

namespace rececon {
namespace {

// Characters a Japanese line never starts with (kinsoku): they go with the character before them.
bool neverStartsALine(char32_t cp) {
  return std::u32string_view(U"）」』】〕、。，．・ー：；？！…)]},.:;?!").find(cp) != std::u32string_view::npos;
}

std::string wrapLine(const std::u32string& line, std::size_t width, std::size_t indentSpaces, const CharWidth& widthOf) {
  const std::size_t indent = indentSpaces * widthOf(U' ');
  std::string out;
  std::u32string current;         // the line being built
  std::vector<std::size_t> ends;  // the position after each character of current
  std::size_t start = 0;          // where current begins: 0, then indent
  const auto positionAt = [&](std::size_t i) { return i == 0 ? start : ends[i - 1]; };
  const auto restart = [&](std::u32string rest) {
    while (!rest.empty() && rest.front() == U' ') rest.erase(0, 1);
    current.clear();
    ends.clear();
    start = indent;
    for (const char32_t c : rest) {
      current += c;
      ends.push_back(positionAt(current.size() - 1) + widthOf(c));
    }
  };
  for (const char32_t cp : line) {
    const std::size_t w = widthOf(cp);
    if (!current.empty() && positionAt(current.size()) + w > width) {
      // After the last space past the indent (never in the padding before a description column) …
      std::size_t cut = std::u32string::npos;
      for (std::size_t i = current.size(); i-- > 1;) {
        if (current[i] == U' ' && positionAt(i) >= indent) {
          cut = i;
          break;
        }
      }
      // … else between two characters, keeping closing punctuation with the character before it.
      if (cut == std::u32string::npos) cut = current.size() - (neverStartsALine(cp) && current.size() > 1 ? 1 : 0);
      std::u32string head = current.substr(0, cut);
      while (!head.empty() && head.back() == U' ') head.pop_back();
      out += utf8::encode(head) + "\n" + std::string(indentSpaces, ' ');
      restart(current.substr(cut));
    }
    current += cp;
    ends.push_back(positionAt(current.size() - 1) + w);
  }
  return out + utf8::encode(current);
}

}  // namespace

std::string wrapText(const std::string& text, std::size_t width, std::size_t indentSpaces, const CharWidth& widthOf) {
  std::string out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find('\n', begin), text.size());
    out += wrapLine(utf8::decode(text.substr(begin, end - begin)), width, indentSpaces, widthOf);
    if (end == text.size()) break;
    out += "\n";
    begin = end + 1;
  }
  return out;
}

}  // namespace rececon
