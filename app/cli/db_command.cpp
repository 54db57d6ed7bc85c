// rececon-cli db check | backup PATH | use URL | use --default

#include <Poco/Util/Application.h>

#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"

namespace rececon::cli {

int runDbCommand(CliContext& c, const std::vector<std::string>& args) {
  const std::string verb = args.empty() ? "" : args[0];
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  auto o = parseCommandOptions(rest, {}, "db check | db backup PATH | db use URL | db use --default", *c.out);
  if (!o) return 0;
  if (verb == "use" && o->positional.size() == 1) {
    // This machine's choice, kept in its own data folder: connecting first proves the URL works.
    const std::string chosen = o->positional[0] == "--default" ? "" : o->positional[0];
    const std::string where = rememberDatabaseChoice(c.dataDir ? *c.dataDir : defaultDataDir(), chosen);
    if (c.json) {
      auto j = newJsonObject();
      j->set("database", where);
      printJson(*c.out, j);
    } else {
      *c.out << "この端末の台帳: " << where << "\n";
    }
    return 0;
  }
  auto& database = c.folder().database();
  if (verb == "check" && o->positional.empty()) {
    const auto status = database.check();
    if (c.json) {
      auto j = newJsonObject();
      j->set("database", c.folder().databaseLocation().describe());
      j->set("schema_version", status.version);
      j->set("build_schema_version", status.buildVersion);
      j->set("integrity_ok", status.integrityOk);
      j->set("integrity", status.integrityMessage);
      printJson(*c.out, j);
    } else {
      *c.out << "データベース: " << c.folder().databaseLocation().describe() << "\n"
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
  throw UsageError("使い方: db check / db backup PATH / db use URL / db use --default");
}

}  // namespace rececon::cli
