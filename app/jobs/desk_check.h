#pragma once
// The desk's two confirmations as use cases, whatever front-end asks: checking a registered patient at
// the desk (send the check for their current insurance and take them in, wait, settle the visit) and
// deciding on an arrived result (apply or not, register the 照会番号 after a valid one, take a patient
// in from a card result, settle the visit of a late answer). The window and rececon-cli call these and
// only show the outcome. Waiting runs on any thread with its own connection; the rest on the caller's.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "app/jobs/job_context.h"
#include "app/jobs/qualification_service.h"

namespace rececon {

// The exchange with the linkage app as this terminal's settings describe it; front-ends pass it on
// unopened.
using DeskExchange = linkage::ExchangeConfig;

struct StartedDeskCheck {
  std::int64_t checkId = 0;
  std::int64_t visitId = 0;
  DeskExchange exchange;
  std::string terminal;
  db::DatabaseLocation database;  // for the wait's own connection
};

// The check of the patient's current insurance is sent and the patient taken in (today's visit,
// "checking"). Throws ValidationFailed when the linkage is not set up (LinkageNotSet says so), NotFound,
// InvalidInput (no insurance), EnvironmentError (the request could not be written).
StartedDeskCheck startDeskCheck(db::Database& db, const std::filesystem::path& dataDir, const std::string& operatorId,
                                std::int64_t patientNumber);

// Waits for the answer with a connection of its own (so any thread may wait); Cancelled when job asks.
CheckReport waitForDeskCheck(const db::DatabaseLocation& database, const DeskExchange& exchange,
                             const std::string& operatorId, const std::string& terminal, std::int64_t checkId,
                             JobContext& job);

// The wait has ended (answered, or the person stopped waiting: nullopt): the visit is settled by the
// check's report, which is returned. Throws EnvironmentError when the visit cannot be recorded.
CheckReport settleDeskCheck(db::Database& db, const std::string& operatorId, const StartedDeskCheck& check,
                            const std::optional<CheckReport>& waited);

// A person decided on an arrived result (a check's answer or a card result): applied or not as decided, and the
// day's reception follows — a card result applied to a patient takes them in, a late answer settles its
// visit (for a check's own answer, already settled, nothing more happens). Throws as
// QualificationService::applyResult; a failure to record the reception afterwards is EnvironmentError
// with the decision already stored.
// `service` carries this terminal's exchange, through which the 照会番号 registration after a valid
// result goes out.
ApplyOutcome decideResult(QualificationService& service, db::Database& db, const std::string& operatorId,
                          std::int64_t resultId, ResultSource source, const ApplyDecision& decision);

// This terminal's exchange when the linkage is set up; an empty one (nothing can be sent) when not —
// deciding on stored results still works then.
DeskExchange deskExchangeIfSet(db::Database& db, const std::filesystem::path& dataDir);

}  // namespace rececon
