#pragma once
// What differs between the two engines in the SQL text itself, in one place. The project's SQL is
// written for SQLite with named parameters (:name); these turn it into what PostgreSQL takes. Pure.

#include <string>
#include <vector>

namespace rececon::db {

// A statement with :name parameters as PostgreSQL takes it: $1, $2 … and the name behind each number
// (a name used twice gets one number). Colons inside quotes and PostgreSQL's :: casts are left alone.
struct NumberedSql {
  std::string sql;
  std::vector<std::string> names;  // names[i] is $(i+1)
};
NumberedSql numberParameters(const std::string& sql);

// A table or column name as both engines read it: in double quotes, a quote inside doubled.
std::string quotedIdentifier(const std::string& name);
// quotedIdentifier of each, separated by ", ".
std::string quotedList(const std::vector<std::string>& names);

// A migration step's DDL for PostgreSQL: INTEGER columns are BIGINT, an `id INTEGER PRIMARY KEY` is an
// identity column, BLOB is BYTEA, TEXT sorts by bytes (COLLATE "C") as in SQLite, and SQLite's WITHOUT
// ROWID is dropped.
std::string postgresDdl(const std::string& sqliteDdl);

}  // namespace rececon::db
