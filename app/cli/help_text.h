#pragma once
// Help text for a terminal: lines wrapped by display width (a kanji takes two columns) and never inside a
// UTF-8 character. Poco's HelpFormatter counts bytes and cuts Japanese characters in half.

#include <Poco/Util/OptionSet.h>

#include <ostream>
#include <string>

namespace rececon::cli {

// Wraps text to `width` columns; continuation lines start with `indent` spaces. A break goes after the last
// ASCII space that fits, else between two characters. Every line of text is wrapped on its own.
std::string wrapToWidth(const std::string& text, std::size_t width, std::size_t indent);

// usage, header, every option with its description, then the footer — all wrapped to 80 columns.
void printHelp(std::ostream& out, const Poco::Util::OptionSet& options, const std::string& command,
               const std::string& usage, const std::string& header = "", const std::string& footer = "");

}  // namespace rececon::cli
