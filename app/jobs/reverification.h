#pragma once
// Re-verification after an outage: every visit received without the online check is checked now that
// the linkage is back. Results go through the normal rules of table 4.1.1-1: a valid result that
// matches what the register holds is recorded as such; anything else — changed data, invalid, not
// found, several, an error — is left for a person with the reason, and so is a visit that cannot be
// checked at all (a person known only from the 4 items, a patient without insurance data). One probe
// goes first: while the linkage is still down nothing else is sent. Resumes after a crash (visits
// already being checked are waited for, not sent again).

#include <chrono>
#include <filesystem>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/visit_verification.h"
#include "app/jobs/job_context.h"
#include "db/database.h"
#include "linkage/exchange.h"

namespace rececon {

struct ReverifiedVisit {
  std::int64_t visitId = 0;
  std::optional<std::int64_t> patientNumber;
  VisitVerification state = VisitVerification::Unverified;  // Reverified / NeedsAttention / Unverified (no answer)
  std::string outcome;  // 有効 / 無効 / … ; "" when no check was possible
  std::string detail;   // why, in Japanese
  std::optional<std::int64_t> resultId;
};

struct ReverifyReport {
  std::vector<ReverifiedVisit> visits;
  int reverified = 0, needsAttention = 0, stillUnverified = 0;
  bool linkageAnswered = false;  // at least one check was answered, even with an error
  bool linkageWorking = false;   // at least one answer was a qualification answer (not an error)
  bool fallbackEnded = false;    // stand-alone mode was on and has been left (only when working)
};

struct ReverifyOptions {
  int inFlight = 50;  // requests out at once (each is one file in req)
  // The probe is withdrawn when the linkage app has not taken it from req within this time (it is not
  // running); the visits then stay unverified.
  std::chrono::seconds probePatience{20};
  std::chrono::milliseconds pollInterval{200};
};

ReverifyReport reverifyVisits(db::Database& db, const linkage::ExchangeConfig& config, const std::string& operatorId,
                              const std::string& terminal, JobContext& job, const ReverifyOptions& options = {});

// The same for this site as its settings describe it (folders, the watchdog's patience as the probe's,
// the terminal), on a connection of its own so that any thread may run it. Throws ValidationFailed when
// the linkage is not set up.
ReverifyReport reverifyWithSettings(const db::DatabaseLocation& database, const std::filesystem::path& dataDir,
                                    const std::string& operatorId, JobContext& job);

// The automatic re-verification a reception window starts when the linkage may be back: done once per
// site, whichever terminal gets to it first (a lease in the register, kReverifyLease). nullopt when
// another terminal is already at it — its results reach every window through the register.
inline constexpr const char* kReverifyLease = "reverify";
std::optional<ReverifyReport> reverifyOncePerSite(const db::DatabaseLocation& database, const std::filesystem::path& dataDir,
                                                  const std::string& operatorId, JobContext& job);

// The report as text for the clerk: counts, then what changed and what still needs a person, one line
// per visit.
std::string formatReverifyReport(const ReverifyReport& report);

}  // namespace rececon
