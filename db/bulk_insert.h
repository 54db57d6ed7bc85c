#pragma once
// Rows written in bulk into one table, bound by name exactly as a Statement is — so one function binds a
// record for the single INSERT and for a bulk load, and one column table (InsertColumn) keeps the two in
// step. Rows reach the table by flush() (see SqlBulkInsert: on PostgreSQL a COPY is open from the first
// row to flush(), and nothing else may run meanwhile). db-internal; used inside a WriteTransaction.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/sql_connection.h"

namespace rececon::db {

class Database;

// One column of an INSERT and the parameter that fills it. A parameter may fill several columns
// (:now → created_at and updated_at).
struct InsertColumn {
  const char* column;
  const char* parameter;
};

// INSERT INTO table (columns…) VALUES (:parameters…) — the single-row statement over the same table.
std::string insertSql(const std::string& table, const std::vector<InsertColumn>& columns);

class BulkInsert {
 public:
  BulkInsert(Database& db, const std::string& table, std::vector<InsertColumn> columns);

  BulkInsert& bind(std::string_view name, std::int64_t value);
  BulkInsert& bind(std::string_view name, int value) { return bind(name, static_cast<std::int64_t>(value)); }
  BulkInsert& bind(std::string_view name, std::string_view value);
  BulkInsert& bind(std::string_view name, const std::string& value) { return bind(name, std::string_view(value)); }
  BulkInsert& bind(std::string_view name, const char* value) { return bind(name, std::string_view(value)); }
  BulkInsert& bindNull(std::string_view name);

  // Takes the row as bound; a parameter left unbound is NULL.
  void endRow();
  // Writes the rows held back (PostgreSQL). Statements may run between flushes.
  void flush();

 private:
  // The columns the parameter fills; throws InternalError for a name the table does not have.
  const std::vector<std::size_t>& columnsOf(std::string_view parameter) const;

  std::vector<InsertColumn> columns_;
  std::vector<std::pair<std::string, std::vector<std::size_t>>> parameters_;  // in first-use order
  mutable std::size_t nextGuess_ = 0;  // parameters are bound in the same order row after row
  std::unique_ptr<SqlBulkInsert> rows_;
};

}  // namespace rececon::db
