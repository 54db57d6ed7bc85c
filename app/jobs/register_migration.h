#pragma once
// Growing from one PC to a clinic server: this machine's register is copied into an empty PostgreSQL
// database, every table of it, and the copy is proved table by table (row counts and content hashes, read
// back from a connection of its own). This machine keeps using its register until it is pointed at the
// server on purpose — as every other terminal is, one by one.

#include <cstdint>
#include <string>
#include <vector>

#include "app/jobs/data_folder.h"
#include "app/jobs/job_context.h"
#include "db/register_copy.h"

namespace rececon {

// One table copied: its name, its rows and the SHA-256 of its content as both sides read it.
using MigratedTable = db::TableDigest;

struct RegisterMigrationReport {
  std::string source;  // the register copied (this machine's, as described for people)
  std::string target;  // the server's database as a URL every terminal can use ({folder} filled in)
  std::vector<MigratedTable> tables;  // in the order copied
  std::int64_t rows = 0;              // all tables together
  std::int64_t milliseconds = 0;      // from connecting to the server until the copy was checked
};

// Copies the register `folder` uses now into the PostgreSQL database at `url` (a libpq URL; {folder}
// becomes this data folder's schema, as it does when this machine is pointed there), whose schema is made
// now if it has none. All or nothing: a failure leaves the target as empty as it was. The register in
// use is only read (its writers wait meanwhile) and stays this machine's register.
// Progress goes to `job` (rows copied of all); cancelling stops with nothing kept.
// Throws InvalidInput when url is not a PostgreSQL URL, is the register in use, or its database already
// holds data (nothing written); EnvironmentError when the server cannot be reached or belongs to
// something else, the schemas differ, a row cannot be written or the copy read back differs (which
// table, what differs); Cancelled. The calling thread opens its own connection to the server.
RegisterMigrationReport migrateRegister(DataFolder& folder, const std::string& url, JobContext& job);

}  // namespace rececon
