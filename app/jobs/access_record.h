#pragma once
// The access log as the front-ends use it: what a person saw or did to whose record — a patient's
// details viewed, a result decided, a form printed, a list exported (changes are logged with the change
// itself, in db/change_log) — and, for administrators, the log of a period. One thread at a time (as its
// Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/japanese_date.h"
#include "db/access_log.h"
#include "db/database.h"

namespace rececon {

using AccessEntry = db::AccessEntry;

enum class AccessAction { View, Change, Decision, Print, Export };
const char* accessActionName(AccessAction action);   // view, change, …
std::string accessActionLabel(const std::string& name);  // 閲覧, 変更, … (the name itself when unknown)

// An entry from this machine, for a caller that appends it in its own WriteTransaction with what it
// records (db::AccessLog(db).append(...)).
AccessEntry accessEntry(const std::string& actor, AccessAction action, std::optional<std::int64_t> patientNumber,
                        const std::string& detail);
// Appends one entry from this machine in a transaction of its own.
void recordAccess(db::Database& db, const std::string& actor, AccessAction action, std::optional<std::int64_t> patientNumber,
                  const std::string& detail);

// The log from `from` to `to` (both days included), oldest first, at most `limit` entries (`more` says
// whether there were more). Administrators only (ROLE_REQUIRED otherwise).
std::vector<AccessEntry> readAccessLog(db::Database& db, const std::string& operatorId, Date from, Date to, int limit,
                                       bool* more);

}  // namespace rececon
