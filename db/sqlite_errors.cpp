#include "db/sqlite_errors.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include "app/core/error_catalog.h"

namespace rececon::db {

void rethrowTranslated(const char* what) {
  try {
    throw;
  } catch (const rececon::Error&) {
    throw;
  } catch (const SQLite::Exception& e) {
    const ErrorParams params{{"action", what}, {"detail", std::string("SQLite: ") + e.what()}};
    switch (e.getErrorCode()) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        throw EnvironmentError(kDatabaseBusy, params);
      case SQLITE_FULL:
        throw EnvironmentError(kDatabaseFull, params);
      case SQLITE_READONLY:
      case SQLITE_PERM:
      case SQLITE_CANTOPEN:
        throw EnvironmentError(kDatabaseNoAccess, params);
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        throw EnvironmentError(kDatabaseDamaged, params);
      case SQLITE_IOERR:
        throw EnvironmentError(kDatabaseIo, params);
      case SQLITE_CONSTRAINT:
        throw InternalError(kDatabaseConstraint, params);
      default:
        throw EnvironmentError(kDatabaseFailed, params);
    }
  } catch (const std::exception& e) {
    throw InternalError(std::string(what) + ": " + e.what());
  }
}

}  // namespace rececon::db
