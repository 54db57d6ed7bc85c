#pragma once
// Numbered schema steps, written once and applied to either engine (the DDL is turned into PostgreSQL's
// by sql_dialect). Step N moves the schema version from N-1 to N inside its own write transaction.
// Append new steps; never edit a step that has shipped.

#include "db/sql_connection.h"

namespace rececon::db {

// The schema version this build creates and understands.
int latestSchemaVersion();

// The version the database is at (0: empty).
int schemaVersion(SqlConnection& connection);

// Applies every step above the database's version. Throws EnvironmentError when the database is newer
// than this build. Caller translates engine errors.
void migrate(SqlConnection& connection);

}  // namespace rececon::db
