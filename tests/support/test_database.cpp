#include "tests/support/test_database.h"

#include <cstdlib>
#include <string>

namespace rececon::test {

bool onPostgres() {
  const char* chosen = std::getenv("RECECON_DATABASE");
  return chosen && std::string(chosen).find("://") != std::string::npos;
}

db::DatabaseLocation testDatabase(const std::filesystem::path& sqliteFile) {
  if (!onPostgres()) return sqliteFile;
  return db::DatabaseLocation::parse(std::getenv("RECECON_DATABASE"), sqliteFile);
}

db::DatabaseLocation folderDatabase(const std::filesystem::path& dataDir) {
  return onPostgres() ? db::DatabaseLocation::parse(std::getenv("RECECON_DATABASE"), dataDir) : dataDir / "rececon.db";
}

}  // namespace rececon::test
