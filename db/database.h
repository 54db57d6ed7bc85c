#pragma once
// One connection to the rececon database file, configured for a GUI and a nightly batch sharing it:
// WAL, synchronous=FULL, foreign keys, a busy timeout, and BEGIN IMMEDIATE for every write.
// Opening migrates an older schema and refuses a newer one or a foreign file.
// A Database is used by one thread at a time; open one per thread.

#include <filesystem>
#include <memory>
#include <string>

namespace SQLite {
class Database;
}

namespace rececon::db {

constexpr int kApplicationId = 0x52434543;  // "RCEC"

struct SchemaStatus {
  int version = 0;        // PRAGMA user_version
  int buildVersion = 0;   // what this build migrates to
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

  // PRAGMA integrity_check plus the schema version. Throws EnvironmentError on I/O failure.
  SchemaStatus check();

  // Copies the whole database to target with SQLite's online backup (readers and writers may go on).
  // Throws EnvironmentError when target exists or cannot be written.
  void backupTo(const std::filesystem::path& target);

 private:
  std::filesystem::path file_;
  std::unique_ptr<SQLite::Database> sql_;
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
