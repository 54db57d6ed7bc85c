#include "db/database_errors.h"

#include "app/core/error_catalog.h"
#include "db/sql_connection.h"

namespace rececon::db {

void rethrowTranslated(const char* what) {
  try {
    throw;
  } catch (const rececon::Error&) {
    throw;
  } catch (const DatabaseFailure& e) {
    const ErrorParams params{{"action", what}, {"detail", e.what()}};
    switch (e.kind()) {
      case DatabaseFailure::Kind::Busy: throw EnvironmentError(kDatabaseBusy, params);
      case DatabaseFailure::Kind::Full: throw EnvironmentError(kDatabaseFull, params);
      case DatabaseFailure::Kind::NoAccess: throw EnvironmentError(kDatabaseNoAccess, params);
      case DatabaseFailure::Kind::Damaged: throw EnvironmentError(kDatabaseDamaged, params);
      case DatabaseFailure::Kind::Io: throw EnvironmentError(kDatabaseIo, params);
      case DatabaseFailure::Kind::Constraint: throw InternalError(kDatabaseConstraint, params);
      case DatabaseFailure::Kind::Other: throw EnvironmentError(kDatabaseFailed, params);
    }
    throw EnvironmentError(kDatabaseFailed, params);
  } catch (const std::exception& e) {
    throw InternalError(std::string(what) + ": " + e.what());
  }
}

}  // namespace rececon::db
