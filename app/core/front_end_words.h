#pragma once
// Advice written in the lower layers says what to do ("open the linkage diagnosis"), never which key or
// command does it: it names the action as {how:NAME}, and each front-end puts in its own way of doing it
// (the window a menu or key, rececon-cli a command). Pure; any thread.
//
//   "「連携の点検」の内容とともに…" is written  "{how:diagnose}の内容とともに…"
//   window: 「連携の点検」（F9）の内容とともに…     CLI: rececon-cli diag の内容とともに…

#include <string>

namespace rececon {

enum class FrontEnd { Window, Cli };

// The actions advice may name.
inline constexpr const char* kHowDiagnose = "{how:diagnose}";          // the linkage diagnosis
inline constexpr const char* kHowSettings = "{how:settings}";          // change the site's settings
inline constexpr const char* kHowShowSettings = "{how:show_settings}";  // read the settings

// The text with every {how:NAME} replaced by how it is done in the front-end; an unknown name is left
// as written.
std::string inFrontEndWords(std::string text, FrontEnd frontEnd);

}  // namespace rececon
