// rececon-cli db check | backup PATH

#include <Poco/Util/Application.h>

#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"

namespace rececon::cli {

int runDbCommand(CliContext& c, const std::vector<std::string>& args) {
  const std::string verb = args.empty() ? "" : args[0];
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  auto o = parseCommandOptions(rest, {}, "db check | db backup PATH", *c.out);
  if (!o) return 0;
  auto& database = c.folder().database();
  if (verb == "check" && o->positional.empty()) {
    const auto status = database.check();
    if (c.json) {
      auto j = newJsonObject();
      j->set("file", database.file().string());
      j->set("schema_version", status.version);
      j->set("build_schema_version", status.buildVersion);
      j->set("integrity_ok", status.integrityOk);
      j->set("integrity", status.integrityMessage);
      printJson(*c.out, j);
    } else {
      *c.out << "データベース: " << database.file().string() << "\n"
             << "スキーマ: " << status.version << "（このプログラム: " << status.buildVersion << "）\n"
             << "整合性: " << (status.integrityOk ? "問題ありません" : "問題があります\n" + status.integrityMessage)
             << "\n";
    }
    return status.integrityOk ? Poco::Util::Application::EXIT_OK : Poco::Util::Application::EXIT_DATAERR;
  }
  if (verb == "backup" && o->positional.size() == 1) {
    database.backupTo(o->positional[0]);
    if (c.json) {
      auto j = newJsonObject();
      j->set("backup", o->positional[0]);
      printJson(*c.out, j);
    } else {
      *c.out << "バックアップを作成しました: " << o->positional[0] << "\n";
    }
    return 0;
  }
  throw UsageError("使い方: db check / db backup PATH");
}

}  // namespace rececon::cli
