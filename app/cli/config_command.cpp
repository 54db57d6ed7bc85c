// rececon-cli config get KEY | set KEY VALUE | show

#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/terminal_identity.h"

namespace rececon::cli {
namespace {

void printSetting(CliContext& c, const SettingValue& s) {
  if (c.json) {
    printJson(*c.out, toJson(s));
    return;
  }
  *c.out << s.spec->key << "\t" << (s.value.empty() ? "（未設定）" : s.value) << (s.isDefault && !s.value.empty() ? "（既定値）" : "")
         << "\t" << s.spec->label << "（" << settingScopeLabel(s.spec->scope) << "）\n";
}

// terminal.id belongs to this machine (the data folder's terminal.conf), like every terminal setting, and
// is read and checked by its own rules (terminal_identity.h).
constexpr const char* kTerminalIdKey = "terminal.id";

Poco::JSON::Object::Ptr terminalIdJson(const TerminalIdentity& t) {
  auto o = newJsonObject();
  o->set("key", kTerminalIdKey);
  o->set("value", t.id);
  o->set("source", t.source);
  o->set("scope", "terminal");
  return o;
}

void printTerminalId(CliContext& c) {
  const TerminalIdentity t = terminalIdentity(c.folder().dir());
  const std::string note = t.source == "host" ? "（ホスト名から自動）" : t.source == "env" ? "（環境変数）" : "";
  if (c.json) {
    printJson(*c.out, terminalIdJson(t));
    return;
  }
  *c.out << kTerminalIdKey << "\t" << t.id << note << "\t端末識別子（" << settingScopeLabel(SettingScope::Terminal) << "）\n";
}

}  // namespace

int runConfigCommand(CliContext& c, const std::vector<std::string>& args) {
  const std::string verb = args.empty() ? "" : args[0];
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  auto o = parseCommandOptions(rest, {}, "config get KEY | config set KEY VALUE | config show", *c.out);
  if (!o) return 0;
  const auto& words = o->positional;
  if (!words.empty() && words[0] == kTerminalIdKey && (verb == "get" || verb == "set")) {
    if (verb == "set" && words.size() == 2) setTerminalId(c.folder().dir(), words[1]);
    else if (verb == "set" || words.size() != 1) throw UsageError("使い方: config get terminal.id / config set terminal.id 値");
    printTerminalId(c);
    return 0;
  }
  SiteSettings settings(c.folder().database());
  if (verb == "get" && words.size() == 1) {
    printSetting(c, settings.get(words[0]));
  } else if (verb == "set" && words.size() == 2) {
    printSetting(c, settings.set(words[0], words[1], c.resolvedOperator()));
  } else if (verb == "show" && words.empty()) {
    if (c.json) {
      auto array = newJsonArray();
      for (const auto& s : settings.all()) array->add(toJson(s));
      array->add(terminalIdJson(terminalIdentity(c.folder().dir())));
      printJson(*c.out, array);
    } else {
      for (const auto& s : settings.all()) printSetting(c, s);
      printTerminalId(c);
    }
  } else {
    throw UsageError("使い方: config get KEY / config set KEY VALUE / config show");
  }
  return 0;
}

}  // namespace rececon::cli
