#pragma once
// The register a test opens directly: a SQLite file, or — in the PostgreSQL run of the suites, where the
// test command sets RECECON_DATABASE to the throwaway server with a {folder} schema — a schema of the
// test's own folder there.

#include <filesystem>

#include "db/database_location.h"

namespace rececon::test {

db::DatabaseLocation testDatabase(const std::filesystem::path& sqliteFile);

// The register DataFolder(dataDir) opens in this run.
db::DatabaseLocation folderDatabase(const std::filesystem::path& dataDir);

// Whether this run keeps its registers on PostgreSQL.
bool onPostgres();

}  // namespace rececon::test
