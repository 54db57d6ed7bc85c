#pragma once
// The SQLite backend of the database seam (SQLiteCpp): one file in the data folder, configured for a
// window and a nightly batch sharing it — WAL, synchronous=FULL, foreign keys, a busy timeout, BEGIN
// IMMEDIATE for every writer. The file is made private (0600) and never opened through a link.
// db-internal.

#include <filesystem>
#include <memory>

#include "db/sql_connection.h"

namespace SQLite {
class Database;
}

namespace rececon::db {

class SqliteConnection : public SqlConnection {
 public:
  // Opens (creating) the file. Throws EnvironmentError when it cannot be opened or belongs to another
  // application.
  explicit SqliteConnection(const std::filesystem::path& file);
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::Sqlite; }
  std::unique_ptr<SqlQuery> prepare(const std::string& sql) override;
  std::unique_ptr<SqlBulkInsert> bulkInsert(const std::string& table, const std::vector<std::string>& columns) override;
  void execScript(const std::string& sql) override;
  void beginWrite() override;
  void commit() override;
  void rollback() noexcept override;
  std::vector<TableShape> tables() override;
  std::vector<IndexShape> secondaryIndexes(const std::string& table) override;
  std::vector<IndexShape> foreignKeysToSuspend(const std::string&) override { return {}; }
  void advanceIdentity(const std::string& table) override;
  bool inTransaction() const override { return inTransaction_; }
  std::int64_t changeCounter() override;

  // PRAGMA integrity_check: "ok" or SQLite's findings.
  std::string integrityCheck() override;
  // Copies the whole database to target with SQLite's online backup. Throws EnvironmentError when target
  // exists or cannot be written.
  void backupTo(const std::filesystem::path& target);

 private:
  std::unique_ptr<SQLite::Database> sql_;
  bool inTransaction_ = false;
};

// The register's file is made 0600 before SQLite opens it, whatever the umask, and its WAL companions
// too. `mayExist` = false: the file must not exist yet (a backup never replaces anything).
void makePrivateFile(const std::filesystem::path& file, bool mayExist);

// Translates an exception of SQLiteCpp in flight into a DatabaseFailure (anything else passes through).
[[noreturn]] void rethrowSqliteFailure();

}  // namespace rececon::db
