#pragma once
// Who is operating: the operator ID recorded with every change.

#include <optional>
#include <string>

#include "db/database.h"

namespace rececon {

// The explicit ID when given, else the site's configured default operator, else the login name of
// the OS user. Throws InvalidInput when none of these yields an ID.
std::string resolveOperator(db::Database& db, const std::optional<std::string>& explicitId);

}  // namespace rececon
