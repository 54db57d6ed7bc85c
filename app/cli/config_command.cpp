// rececon-cli config get KEY | set KEY VALUE | show

#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/site_settings.h"

namespace rececon::cli {
namespace {

void printSetting(CliContext& c, const SettingValue& s) {
  if (c.json) {
    printJson(*c.out, toJson(s));
    return;
  }
  *c.out << s.spec->key << "\t" << (s.value.empty() ? "（未設定）" : s.value) << (s.isDefault && !s.value.empty() ? "（既定値）" : "")
         << "\t" << s.spec->label << "\n";
}

}  // namespace

int runConfigCommand(CliContext& c, const std::vector<std::string>& args) {
  const std::string verb = args.empty() ? "" : args[0];
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  auto o = parseCommandOptions(rest, {}, "config get KEY | config set KEY VALUE | config show", *c.out);
  if (!o) return 0;
  SiteSettings settings(c.folder().database());
  const auto& words = o->positional;
  if (verb == "get" && words.size() == 1) {
    printSetting(c, settings.get(words[0]));
  } else if (verb == "set" && words.size() == 2) {
    printSetting(c, settings.set(words[0], words[1], c.resolvedOperator()));
  } else if (verb == "show" && words.empty()) {
    if (c.json) {
      auto array = newJsonArray();
      for (const auto& s : settings.all()) array->add(toJson(s));
      printJson(*c.out, array);
    } else {
      for (const auto& s : settings.all()) printSetting(c, s);
    }
  } else {
    throw UsageError("使い方: config get KEY / config set KEY VALUE / config show");
  }
  return 0;
}

}  // namespace rececon::cli
