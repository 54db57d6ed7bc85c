#include "app/jobs/register_migration.h"

#include <chrono>

#include "app/core/error.h"

namespace rececon {

RegisterMigrationReport migrateRegister(DataFolder& folder, const std::string& url, JobContext& job) {
  const auto started = std::chrono::steady_clock::now();
  const db::DatabaseLocation target = db::DatabaseLocation::parse(url, folder.dir());
  if (!target.isPostgres()) {
    throw InvalidInput("移行先「" + url + "」は PostgreSQL のデータベースではありません。"
                       "診療所のサーバーのデータベースを postgresql:// のURLで指定してください。");
  }
  db::Database& source = folder.database();
  if (target.describe() == source.location().describe()) {
    throw InvalidInput("移行先「" + target.describe() + "」はこの端末が今使っている台帳そのものです。別の空のデータベースを指定してください。");
  }

  RegisterMigrationReport report;
  report.source = source.location().describe();
  report.target = target.describe();
  {
    db::Database server(target);  // connecting claims an empty database and makes the schema
    report.tables = db::copyRegister(source, server, [&](std::int64_t done, std::int64_t total, const std::string& table) {
      job.step(done, total, "台帳の移行（" + table + "）");
    });
  }
  // What the other terminals will see: the committed copy read again over a connection of its own.
  db::Database fresh(target);
  db::verifyRegisterCopy(fresh, report.tables);
  for (const auto& t : report.tables) report.rows += t.rows;
  report.milliseconds =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace rececon
