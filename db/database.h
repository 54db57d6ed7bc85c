#pragma once
// One connection to the rececon database file, configured for a GUI and a nightly batch sharing it:
// WAL, synchronous=FULL, foreign keys, a busy timeout, and BEGIN IMMEDIATE for every write.
// Opening migrates an older schema and refuses a newer one or a foreign file.
// A Database is used by one thread at a time; open one per thread.

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace rececon::db {

class Database;

// A prepared statement borrowed from the connection's cache; handed back (reset, bindings cleared)
// when the handle goes out of scope. Preparing SQL costs more than running a simple INSERT, so every
// repository goes through this. Nested use of the same SQL gets a second statement.
class CachedStatement {
 public:
  CachedStatement(Database& owner, std::string sql, std::unique_ptr<SQLite::Statement> statement);
  CachedStatement(CachedStatement&&) noexcept;
  CachedStatement& operator=(CachedStatement&&) = delete;
  ~CachedStatement();
  SQLite::Statement& get() { return *statement_; }

 private:
  Database* owner_;
  std::string sql_;
  std::unique_ptr<SQLite::Statement> statement_;
};

constexpr int kApplicationId = 0x52434543;  // "RCEC"

struct SchemaStatus {
  int version = 0;       // PRAGMA user_version
  int buildVersion = 0;  // what this build migrates to
  bool integrityOk = false;
  std::string integrityMessage;  // "ok" or SQLite's findings
};

class Database {
 public:
  // Opens (creating if missing) and migrates. Throws EnvironmentError when the file cannot be opened,
  // belongs to another application or was written by a newer build.
  explicit Database(const std::filesystem::path& file);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::filesystem::path& file() const { return file_; }
  SQLite::Database& sql() { return *sql_; }

  // A prepared statement for sql from the cache (prepared on first use). Caller translates errors.
  CachedStatement prepare(const std::string& sql);

  // PRAGMA integrity_check plus the schema version. Throws EnvironmentError on I/O failure.
  SchemaStatus check();

  // Copies the whole database to target with SQLite's online backup (readers and writers may go on).
  // Throws EnvironmentError when target exists or cannot be written.
  void backupTo(const std::filesystem::path& target);

 private:
  friend class CachedStatement;
  void giveBack(std::string sql, std::unique_ptr<SQLite::Statement> statement);

  std::filesystem::path file_;
  std::unique_ptr<SQLite::Database> sql_;
  // Declared after sql_ so that statements are finalised before the connection closes.
  std::unordered_map<std::string, std::vector<std::unique_ptr<SQLite::Statement>>> idle_;
};

// BEGIN IMMEDIATE on construction; rolls back unless commit() is called.
class WriteTransaction {
 public:
  explicit WriteTransaction(Database& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace rececon::db
