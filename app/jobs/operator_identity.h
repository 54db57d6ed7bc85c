#pragma once
// Who is operating: the operator ID recorded with every change. On a site with accounts it is the
// authenticated user — this machine's login session, or the nightly run's key file — and nobody can name
// themselves; a site without accounts yet (before `user init`) records the name it is given.

#include <optional>
#include <string>

#include "db/database.h"

namespace rececon {

struct OperatorClaim {
  std::optional<std::string> explicitId;    // --operator: only on a site without accounts
  std::optional<std::string> sessionToken;  // this machine's login (session_file.h)
  std::optional<std::string> batchKey;      // the nightly run's key (session_file.h)
};

// On a site with accounts: the batch key's account, else the session's; InvalidInput OPERATOR_NOT_CLAIMABLE
// for an explicit ID and LOGIN_REQUIRED without a live session. Without accounts: the explicit ID, else the
// terminal's default operator setting, else the OS user's login name (InvalidInput when none).
std::string resolveOperator(db::Database& db, const OperatorClaim& claim);

}  // namespace rececon
