#pragma once
// The PostgreSQL backend of the database seam (libpqxx): one register on a clinic server shared by every
// terminal. Writers take turns through a transaction-scoped advisory lock (the same discipline as SQLite's
// BEGIN IMMEDIATE, so every read-then-write step stays correct with many terminals); a lock not granted
// within the busy time-out is a DB_BUSY error, as with SQLite. Readers never wait. db-internal.

#include <memory>
#include <string>

#include "db/sql_connection.h"

#include <pqxx/connection>
#include <pqxx/transaction>

namespace rececon::db {

class PostgresConnection : public SqlConnection {
 public:
  // Connects (libpq URL; the password from libpq's password or service file) and claims an empty
  // database for rececon. Throws EnvironmentError when the server cannot be reached or the database
  // belongs to something else.
  explicit PostgresConnection(const std::string& url);
  ~PostgresConnection() override;

  Dialect dialect() const override { return Dialect::Postgres; }
  std::unique_ptr<SqlQuery> prepare(const std::string& sql) override;
  std::unique_ptr<SqlBulkInsert> bulkInsert(const std::string& table, const std::vector<std::string>& columns) override;
  void execScript(const std::string& sql) override;
  void beginWrite() override;
  void commit() override;
  void rollback() noexcept override;
  std::vector<TableShape> tables() override;
  std::vector<IndexShape> secondaryIndexes(const std::string& table) override;
  std::vector<IndexShape> foreignKeysToSuspend(const std::string& table) override;
  void advanceIdentity(const std::string& table) override;
  bool inTransaction() const override { return static_cast<bool>(tx_); }
  std::int64_t changeCounter() override;

  // Reads every table of the register through (a damaged page or file is an error): "ok" or what failed.
  std::string integrityCheck() override;

  pqxx::connection& raw() { return *conn_; }
  // The transaction statements run in: the writer's, or nullptr outside one.
  pqxx::dbtransaction* transaction() { return tx_.get(); }

 private:
  void claim();
  std::vector<IndexShape> catalogueDefinitions(const char* sql, const std::string& table);
  void makeSchema();

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::dbtransaction> tx_;
  int statements_ = 0;  // prepared statement names: s1, s2 …
};

// Translates an exception of libpqxx in flight into a DatabaseFailure (anything else passes through).
[[noreturn]] void rethrowPostgresFailure();

}  // namespace rececon::db
