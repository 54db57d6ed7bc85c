#pragma once
// NULL columns as std::optional and back, for the repositories (db-internal: includes SQLiteCpp).

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>

namespace rececon::db {

inline std::optional<std::int64_t> optionalInt64(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

inline std::optional<std::string> optionalText(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

// Binds the value, or NULL when there is none.
inline void bindOptional(SQLite::Statement& q, int index, const std::optional<std::int64_t>& value) {
  if (value) q.bind(index, *value);
  else q.bind(index);
}

}  // namespace rececon::db
