#pragma once
// The database seam: the repositories are written once over this small interface, and two backends
// implement it — SQLite through SQLiteCpp (the one-PC default) and PostgreSQL through libpqxx (a clinic
// server shared by several terminals). db-internal: nothing outside db/ sees it.
//
// SQL is written once, in the dialect both engines share: named parameters (:name), INSERT … ON CONFLICT,
// RETURNING, COALESCE. What still differs — DDL types and identity columns, placeholders on the wire,
// how a writer takes the database, how failures are named — lives in the backends and sql_dialect.

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rececon::db {

enum class Dialect { Sqlite, Postgres };

// What went wrong in the engine, before it is named for a person (guarded() in database_errors.h turns it
// into a coded Error with what the program was doing).
class DatabaseFailure : public std::runtime_error {
 public:
  enum class Kind { Busy, Full, NoAccess, Damaged, Io, Constraint, Other };
  DatabaseFailure(Kind kind, const std::string& detail) : std::runtime_error(detail), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// One prepared statement of a backend. Parameters are bound by name; after run() or each next(), the
// current row is read by column name. Reset before it is reused.
class SqlQuery {
 public:
  virtual ~SqlQuery() = default;
  virtual void bindInt64(std::string_view name, std::int64_t value) = 0;
  virtual void bindText(std::string_view name, std::string_view value) = 0;
  virtual void bindBlob(std::string_view name, std::string_view bytes) = 0;
  virtual void bindNull(std::string_view name) = 0;
  // Runs the statement on the first call; true while there is a row to read.
  virtual bool next() = 0;
  virtual bool isNull(std::string_view column) = 0;
  virtual std::int64_t int64(std::string_view column) = 0;
  virtual std::string text(std::string_view column) = 0;
  virtual std::string blob(std::string_view column) = 0;
  // Rows changed by the statement just run (INSERT, UPDATE, DELETE).
  virtual std::int64_t changes() = 0;
  // Forgets the bindings and the rows, ready to run again.
  virtual void reset() = 0;
};

// Many rows into one table, without a statement or round trip per row: a bulk load's path (a migration of
// a million patients, a copy of a register). Values are set by column position; endRow() takes the row.
// SQLite holds the rows until flush() and writes them as multi-row INSERTs; PostgreSQL streams them into a
// COPY opened at the first row and completed by flush() — so nothing else may run on the connection
// between a table's first endRow() and its flush(), and tables whose rows refer to each other are written
// parent first. Used inside a write transaction; nothing is read back.
class SqlBulkInsert {
 public:
  virtual ~SqlBulkInsert() = default;
  virtual void setInt64(std::size_t column, std::int64_t value) = 0;
  virtual void setText(std::size_t column, std::string_view value) = 0;
  virtual void setBlob(std::size_t column, std::string_view bytes) = 0;
  virtual void setNull(std::size_t column) = 0;
  // Takes the row as set (a column not set since the last row is NULL).
  virtual void endRow() = 0;
  // Writes the rows held back; statements may run between flushes, not during one.
  virtual void flush() = 0;
};

// A table as the engine describes it: what copying a whole register from one engine to the other needs
// to know without a hand-kept list of tables.
struct ColumnShape {
  enum class Kind { Integer, Blob, Other };  // SQLite INTEGER / BLOB, PostgreSQL bigint / bytea; the rest
  std::string name;
  Kind kind = Kind::Other;
};

struct TableShape {
  std::string name;
  std::vector<ColumnShape> columns;     // in the order the table declares them
  std::vector<std::string> primaryKey;  // its columns in key order; empty when it has none
  std::vector<std::string> references;  // the tables its foreign keys point to (itself included)
};

// An index made by CREATE INDEX (not one behind a primary key or a constraint): what a bulk load may
// drop and make again from `definition`, the engine's own CREATE statement for it.
struct IndexShape {
  std::string name;
  std::string definition;
};

// One connection. Used by one thread at a time.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;
  virtual std::unique_ptr<SqlQuery> prepare(const std::string& sql) = 0;
  // Rows for table's columns (named as the table names them), written in bulk.
  virtual std::unique_ptr<SqlBulkInsert> bulkInsert(const std::string& table, const std::vector<std::string>& columns) = 0;
  // Several statements without parameters (a migration step).
  virtual void execScript(const std::string& sql) = 0;
  // A write transaction: the engine's way of making writers take turns (SQLite: BEGIN IMMEDIATE;
  // PostgreSQL: a transaction-scoped advisory lock taken first, so that read-then-write steps written for
  // one writer at a time stay correct with many terminals).
  virtual void beginWrite() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  virtual bool inTransaction() const = 0;
  // A number that changes whenever another connection commits a change to the register (SQLite's
  // data_version; on PostgreSQL a counter every write transaction bumps as it commits): a window compares
  // it once a second and re-reads its lists only when it moved.
  virtual std::int64_t changeCounter() = 0;
  // The engine's own check of the stored register: "ok", or what it found.
  virtual std::string integrityCheck() = 0;

  // The register's tables by name: neither the engine's own nor rececon_meta (PostgreSQL's bookkeeping,
  // made by the connection, not by the migrations).
  virtual std::vector<TableShape> tables() = 0;
  // The table's indexes made by CREATE INDEX, by name.
  virtual std::vector<IndexShape> secondaryIndexes(const std::string& table) = 0;
  // The table's foreign keys a bulk load is better off dropping and adding again at its end (`definition`:
  // what follows ADD CONSTRAINT name). PostgreSQL checks each row by a trigger running a query, and
  // checks every row in one join when the key is added back: all of them. SQLite checks a row with one
  // B-tree lookup and cannot drop a constraint: none.
  virtual std::vector<IndexShape> foreignKeysToSuspend(const std::string& table) = 0;
  // After rows were inserted with their ids given (a copy from another register): the next row inserted
  // without one is numbered past them. SQLite does so by itself; PostgreSQL's identity sequences (the id
  // columns) are moved to the table's highest value.
  virtual void advanceIdentity(const std::string& table) = 0;
};

}  // namespace rececon::db
