#include "app/cli/help_text.h"

#include <Poco/Util/Option.h>

#include "app/core/line_wrap.h"
#include "app/core/utf8.h"

namespace rececon::cli {
namespace {

constexpr std::size_t kWidth = 80;
constexpr std::size_t kOptionColumn = 26;  // where an option's description starts

}  // namespace

std::string wrapToWidth(const std::string& text, std::size_t width, std::size_t indent) {
  return wrapText(text, width, indent, [](char32_t c) { return static_cast<std::size_t>(utf8::columns(c)); });
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
