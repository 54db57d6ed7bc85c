#pragma once
// One connection to the register — a SQLite file (the default) or a PostgreSQL database (a clinic
// server) — with its cache of prepared statements. Opening migrates an older schema and refuses a newer
// one or a foreign database. Every writer goes through WriteTransaction (writers take turns, whichever
// engine). A Database is used by one thread at a time; open one per thread.

#include <filesystem>
#include <optional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/database_location.h"
#include "db/sql_connection.h"
#include "db/sql_statement.h"

namespace rececon::db {

struct SchemaStatus {
  int version = 0;       // the schema version the database is at
  int buildVersion = 0;  // what this build migrates to
  bool integrityOk = false;
  std::string integrityMessage;  // "ok" or the engine's findings
};

class Database {
 public:
  // Opens (creating a SQLite file if missing) and migrates. Throws EnvironmentError when the database
  // cannot be opened, belongs to another application or was written by a newer build.
  explicit Database(const DatabaseLocation& location);
  explicit Database(const std::filesystem::path& file) : Database(DatabaseLocation(file)) {}
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Where this connection goes: another thread opens its own connection to the same place.
  const DatabaseLocation& location() const { return location_; }
  Dialect dialect() const { return connection_->dialect(); }
  // True when opening made the schema (the database was empty): a site's first run.
  bool createdNow() const { return createdNow_; }

  // Changes whenever another connection commits to the register (see SqlConnection::changeCounter).
  std::int64_t changeCounter();

  // A prepared statement for sql (named parameters, :name) from the cache, prepared on first use.
  // Caller translates errors (guarded).
  Statement prepare(const std::string& sql);

  // The engine's integrity check plus the schema version. Throws EnvironmentError on I/O failure.
  SchemaStatus check();

  // SQLite: copies the whole database to target with the online backup (readers and writers may go on).
  // PostgreSQL: refused with the pg_dump command to use. Throws EnvironmentError when target exists or
  // cannot be written.
  void backupTo(const std::filesystem::path& target);

  SqlConnection& connection() { return *connection_; }

  // The key this connection seals the tamper-evident trail with, as trail_chain.cpp decided it at the first
  // seal (unset before; nullopt inside: this machine has no key of the site's).
  std::optional<std::optional<std::string>>& sealingKey() { return sealingKey_; }

 private:
  friend class Statement;
  void giveBack(std::string sql, std::unique_ptr<SqlQuery> query);

  DatabaseLocation location_;
  std::unique_ptr<SqlConnection> connection_;
  bool createdNow_ = false;
  std::optional<std::optional<std::string>> sealingKey_;
  // Declared after connection_ so that statements are finalised before the connection closes.
  std::unordered_map<std::string, std::vector<std::unique_ptr<SqlQuery>>> idle_;
};

// The writer's turn: begun on construction (SQLite BEGIN IMMEDIATE; PostgreSQL BEGIN and the site's
// writer lock); rolled back unless commit() is called.
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
