#include "app/cli/help_text.h"

#include <Poco/Util/Option.h>

#include <string_view>
#include <vector>

#include "app/core/utf8.h"

namespace rececon::cli {
namespace {

constexpr std::size_t kWidth = 80;
constexpr std::size_t kOptionColumn = 26;  // where an option's description starts

// Characters a Japanese line never starts with (kinsoku): they go with the character before them.
bool neverStartsALine(char32_t cp) {
  return std::u32string_view(U"）」』】〕、。，．・ー：；？！…)]},.:;?!").find(cp) != std::u32string_view::npos;
}

std::string wrapLine(const std::u32string& line, std::size_t width, std::size_t indent) {
  std::string out;
  std::u32string current;            // the line being built
  std::vector<std::size_t> ends;     // the column after each character of current
  std::size_t startColumn = 0;       // where current begins: 0, then indent
  const auto columnAt = [&](std::size_t i) { return i == 0 ? startColumn : ends[i - 1]; };
  const auto restart = [&](std::u32string rest) {
    while (!rest.empty() && rest.front() == U' ') rest.erase(0, 1);
    current.clear();
    ends.clear();
    startColumn = indent;
    for (const char32_t c : rest) {
      current += c;
      ends.push_back(columnAt(current.size() - 1) + static_cast<std::size_t>(utf8::columns(c)));
    }
  };
  for (const char32_t cp : line) {
    const std::size_t w = static_cast<std::size_t>(utf8::columns(cp));
    if (!current.empty() && columnAt(current.size()) + w > width) {
      // After the last space past the indent (never in the padding before a description column) …
      std::size_t cut = std::u32string::npos;
      for (std::size_t i = current.size(); i-- > 1;) {
        if (current[i] == U' ' && columnAt(i) >= indent) {
          cut = i;
          break;
        }
      }
      // … else between two characters, keeping closing punctuation with the character before it.
      if (cut == std::u32string::npos) cut = current.size() - (neverStartsALine(cp) && current.size() > 1 ? 1 : 0);
      std::u32string head = current.substr(0, cut);
      while (!head.empty() && head.back() == U' ') head.pop_back();
      out += utf8::encode(head) + "\n" + std::string(indent, ' ');
      restart(current.substr(cut));
    }
    current += cp;
    ends.push_back(columnAt(current.size() - 1) + w);
  }
  return out + utf8::encode(current);
}

}  // namespace

std::string wrapToWidth(const std::string& text, std::size_t width, std::size_t indent) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    out += wrapLine(utf8::decode(text.substr(start, end - start)), width, indent);
    if (end == text.size()) break;
    out += "\n";
    start = end + 1;
  }
  return out;
}

void printHelp(std::ostream& out, const Poco::Util::OptionSet& options, const std::string& command,
               const std::string& usage, const std::string& header, const std::string& footer) {
  out << wrapToWidth("usage: " + command + " " + usage, kWidth, 4) << "\n";
  if (!header.empty()) out << wrapToWidth(header, kWidth, 0) << "\n";
  out << "\n";
  for (const auto& option : options) {
    std::string name = "  --" + option.fullName();
    if (option.takesArgument()) name += "=" + option.argumentName();
    std::string line = name;
    const std::size_t nameWidth = utf8::displayWidth(name);
    line += nameWidth + 2 <= kOptionColumn ? std::string(kOptionColumn - nameWidth, ' ') : "\n" + std::string(kOptionColumn, ' ');
    out << wrapToWidth(line + option.description(), kWidth, kOptionColumn) << "\n";
  }
  if (!footer.empty()) out << "\n" << wrapToWidth(footer, kWidth, 40) << "\n";
}

}  // namespace rececon::cli
