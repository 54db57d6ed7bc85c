#pragma once
// Numbered schema steps. Step N moves user_version from N-1 to N inside its own transaction.
// Append new steps; never edit a step that has shipped.

#include <vector>

namespace SQLite {
class Database;
}

namespace rececon::db {

// The schema version this build creates and understands.
int latestSchemaVersion();

// Applies every step above the file's user_version. Throws EnvironmentError when the file is newer
// than this build. Caller translates SQLite errors.
void migrate(SQLite::Database& sql);

}  // namespace rececon::db
