#pragma once
// A prepared statement borrowed from the Database's cache, as the repositories use it: bind by name,
// step through the rows, read columns by name. Handed back (reset) when it goes out of scope. Preparing
// SQL costs more than running a simple INSERT, so every repository goes through the cache.
// db-internal.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "db/sql_connection.h"

namespace rececon::db {

class Database;

class Statement {
 public:
  Statement(Database& owner, std::string sql, std::unique_ptr<SqlQuery> query);
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Names are written without the colon the SQL puts before them.
  Statement& bind(std::string_view name, std::int64_t value) { query_->bindInt64(name, value); return *this; }
  Statement& bind(std::string_view name, int value) { query_->bindInt64(name, value); return *this; }
  Statement& bind(std::string_view name, bool value) { query_->bindInt64(name, value ? 1 : 0); return *this; }
  Statement& bind(std::string_view name, std::string_view value) { query_->bindText(name, value); return *this; }
  Statement& bind(std::string_view name, const std::string& value) { query_->bindText(name, value); return *this; }
  Statement& bind(std::string_view name, const char* value) { query_->bindText(name, value); return *this; }
  Statement& bind(std::string_view name, const std::optional<std::int64_t>& value);
  Statement& bind(std::string_view name, const std::optional<std::string>& value);
  Statement& bindBlob(std::string_view name, std::string_view bytes) { query_->bindBlob(name, bytes); return *this; }
  Statement& bindNull(std::string_view name) { query_->bindNull(name); return *this; }

  // Runs on the first call; true while there is a row.
  bool next() { return query_->next(); }
  // Runs a statement whose rows (if any) are not wanted; returns the rows it changed.
  std::int64_t run();
  // The first column of the first row (COUNT(*), RETURNING id); throws when there is no row.
  std::int64_t singleInt64(std::string_view column);

  bool isNull(std::string_view column) { return query_->isNull(column); }
  std::int64_t int64(std::string_view column) { return query_->int64(column); }
  int integer(std::string_view column) { return static_cast<int>(query_->int64(column)); }
  bool boolean(std::string_view column) { return query_->int64(column) != 0; }
  std::string text(std::string_view column) { return query_->text(column); }
  std::string blob(std::string_view column) { return query_->blob(column); }
  std::optional<std::int64_t> optionalInt64(std::string_view column);
  std::optional<std::string> optionalText(std::string_view column);

 private:
  Database* owner_;
  std::string sql_;
  std::unique_ptr<SqlQuery> query_;
};

}  // namespace rececon::db
