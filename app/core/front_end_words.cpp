#include "app/core/front_end_words.h"

#include <array>
#include <string_view>

namespace rececon {
namespace {

struct Way {
  std::string_view marker, window, cli;
};

constexpr std::array kWays = {
    Way{kHowDiagnose, "「連携の点検」（F9）", "rececon-cli diag"},
    Way{kHowSettings, "設定（ファイル → 設定）", "rececon-cli config set"},
    Way{kHowShowSettings, "設定（ファイル → 設定）", "rececon-cli config show"},
};

// A command is set off from the Japanese that follows it by a space, as a person would type it; not
// before closing punctuation.
bool wantsSpaceAfterCommand(std::string_view rest) {
  for (const std::string_view closing : {"）", ")", "、", "。", " ", "」"})
    if (rest.starts_with(closing)) return false;
  return !rest.empty();
}

}  // namespace

std::string inFrontEndWords(std::string text, FrontEnd frontEnd) {
  for (const Way& way : kWays) {
    for (std::size_t at = text.find(way.marker); at != std::string::npos; at = text.find(way.marker, at)) {
      std::string words(frontEnd == FrontEnd::Window ? way.window : way.cli);
      if (frontEnd == FrontEnd::Cli && wantsSpaceAfterCommand(std::string_view(text).substr(at + way.marker.size())))
        words += ' ';
      text.replace(at, way.marker.size(), words);
      at += words.size();
    }
  }
  return text;
}

}  // namespace rececon
