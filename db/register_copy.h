#pragma once
// Copies a whole register from one database into another — a one-PC SQLite file onto a clinic's
// PostgreSQL server — and proves the copy. Which tables there are is asked of the engines (every table
// the migrations made, whatever step added it), never kept in a list here; rows go over in primary-key
// order, value by value through the seam, and each table's row count and SHA-256 over its values are
// compared on both sides.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "db/database.h"

namespace rececon::db {

// One table as read back in primary-key order: how many rows, and the SHA-256 (lower-case hex) of its
// column names and every value (NULL marked apart from any text, each value prefixed by its length).
struct TableDigest {
  std::string table;
  std::int64_t rows = 0;
  std::string sha256;
};

// Called as rows are copied: rows done and rows in all, over the whole register; `table` is the one
// being copied. May throw (Cancelled) to stop: nothing is then left in the target.
using CopyProgress = std::function<void(std::int64_t done, std::int64_t total, const std::string& table)>;

// Copies every table of `source` into `target`, whose schema is made (opening a Database migrates it)
// and which holds no rows yet. The whole copy is one write transaction on the target — all of it or
// nothing — and is read back and compared before it is committed; identity sequences are moved past the
// copied ids. The source is held as one writer's turn while it is read, so it cannot change underneath
// (its writers wait; nothing is written to it). Returns each table's digest, in the order copied
// (tables referred to before those referring to them).
// Throws InvalidInput when the target already holds rows (nothing written); EnvironmentError when the two
// are at different schema versions or have different tables or columns, a row cannot be written (which
// table, which key, the engine's words) or the copy read back differs (which table, what differs).
// The thread that owns both Databases.
std::vector<TableDigest> copyRegister(Database& source, Database& target, const CopyProgress& progress = {});

// Reads every table of `db` and compares it with `expected` (copyRegister's answer), e.g. from a fresh
// connection after the copy was committed. Throws EnvironmentError naming the first table that differs
// (or is missing) and what differs.
void verifyRegisterCopy(Database& db, const std::vector<TableDigest>& expected);

}  // namespace rececon::db
