// rececon-cli db check | backup PATH | use URL | use --default | migrate-to URL

#include <Poco/Util/Application.h>

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/register_migration.h"
#include "app/jobs/trail_check.h"

namespace rececon::cli {
namespace {

// The URL quoted for a POSIX shell: a libpq URL carries ? and &.
std::string shellQuoted(const std::string& text) {
  std::string out = "'";
  for (const char ch : text) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

// This machine keeps its register: the report says what was copied and how each terminal (this one
// included) is pointed at the server, which is done on purpose, one terminal at a time.
int migrateTo(CliContext& c, const std::string& url) {
  const bool showProgress = !c.json && isatty(STDERR_FILENO);
  JobContext job([&](std::int64_t done, std::int64_t total, const std::string& what) {
    if (showProgress) std::cerr << "\r" << what << "… " << done << " / " << total << "\x1b[K" << std::flush;
  });
  const RegisterMigrationReport report = migrateRegister(c.folder(), url, job);
  if (showProgress) std::cerr << "\n";
  const std::string useCommand = "rececon-cli db use " + shellQuoted(report.target);
  if (c.json) {
    auto tables = newJsonArray();
    for (const auto& t : report.tables) {
      auto j = newJsonObject();
      j->set("table", t.table);
      j->set("rows", t.rows);
      j->set("sha256", t.sha256);
      tables->add(j);
    }
    auto j = newJsonObject();
    j->set("source", report.source);
    j->set("target", report.target);
    j->set("tables", tables);
    j->set("rows", report.rows);
    j->set("milliseconds", report.milliseconds);
    j->set("verified", true);
    j->set("use_command", useCommand);
    printJson(*c.out, j);
    return 0;
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(report.milliseconds) / 1000.0);
  *c.out << "台帳をサーバーに移しました。\n"
         << "  移行元: " << report.source << "\n"
         << "  移行先: " << report.target << "\n\n"
         << "表ごとの行数（移行先で読み直し、行数と内容のハッシュが一致したもの）:\n";
  for (const auto& t : report.tables) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-24s %9lld 行  %.16s…\n", t.table.c_str(), static_cast<long long>(t.rows), t.sha256.c_str());
    *c.out << line;
  }
  *c.out << "  合計 " << report.rows << " 行（" << report.tables.size() << " 表、" << seconds << " 秒）\n\n"
         << "この端末はまだ元の台帳（" << report.source << "）を使っています。自動では切り替えていません。\n"
         << "各端末（この端末も）をサーバーの台帳に切り替えるには、端末ごとに次を実行してください:\n"
         << "  " << useCommand << "\n"
         << "移行の後に元の台帳で登録・変更した内容はサーバーに移りません。切り替えるまで、元の台帳には書き込まないでください。\n";
  return 0;
}

}  // namespace

int runDbCommand(CliContext& c, const std::vector<std::string>& args) {
  const std::string verb = args.empty() ? "" : args[0];
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  Poco::Util::OptionSet set;
  set.addOption(flagOption("default", "db use: この端末をデータフォルダの rececon.db に戻す"));
  auto o = parseCommandOptions(rest, set, "db check | db backup PATH | db use URL | db use --default | db migrate-to URL", *c.out);
  if (!o) return 0;
  if (verb == "use" && o->positional.size() == (o->has("default") ? 0u : 1u)) {
    // This machine's choice, kept in its own data folder: connecting first proves the URL works.
    const std::string chosen = o->has("default") ? "" : o->positional[0];
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
  if (verb == "migrate-to" && o->positional.size() == 1) return migrateTo(c, o->positional[0]);
  auto& database = c.folder().database();
  if (verb == "check" && o->positional.empty()) {
    const auto status = database.check();
    const TrailVerdict trail = verifyTrail(c.folder());
    if (c.json) {
      auto j = newJsonObject();
      j->set("database", c.folder().databaseLocation().describe());
      j->set("schema_version", status.version);
      j->set("build_schema_version", status.buildVersion);
      j->set("integrity_ok", status.integrityOk);
      j->set("integrity", status.integrityMessage);
      j->set("trail_intact", trail.intact);
      j->set("trail_links", trail.links);
      j->set("trail", trail.finding);
      j->set("trail_note", trail.note);
      printJson(*c.out, j);
    } else {
      *c.out << "データベース: " << c.folder().databaseLocation().describe() << "\n"
             << "スキーマ: " << status.version << "（このプログラム: " << status.buildVersion << "）\n"
             << "整合性: " << (status.integrityOk ? "問題ありません" : "問題があります\n" + status.integrityMessage)
             << "\n"
             << trailVerdictText(trail);
    }
    return status.integrityOk && trail.intact ? Poco::Util::Application::EXIT_OK : Poco::Util::Application::EXIT_DATAERR;
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
  throw UsageError("使い方: db check / db backup PATH / db use URL / db use --default / db migrate-to URL");
}

}  // namespace rececon::cli
