#pragma once
// Reception when the online check is down (stand-alone mode, domain.md §4): entering and leaving the
// mode, visits received on the insurance data the clerk copied from the card or certificate (marked
// not verified), and the 4 items from a My Number card for the call-center route. Everything is
// written with its audit entry in one transaction. One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/card_face.h"
#include "db/audit_log.h"
#include "db/database.h"
#include "db/fallback_repository.h"
#include "db/visit_repository.h"

namespace rececon {

// The OQS call center for the 4-item route (seeds 000–003).
inline constexpr const char* kCallCenterNumber = "0800-080-4583";

struct FallbackStatus {
  bool active = false;
  std::optional<db::StoredFallbackPeriod> period;  // the open period, else the latest one
  // Visits by verification state.
  // checking counts re-verification only; checks out from the desk are checkingAtDesk.
  std::int64_t unverified = 0, checking = 0, needsAttention = 0, reverified = 0, verified = 0, checkingAtDesk = 0;
  std::int64_t pendingCaptures = 0;  // 4-item captures not yet confirmed through the call center
};

// The mode and the visit counts as stored now (what `fallback status` and the window show).
FallbackStatus fallbackStatus(db::Database& db);

// Captures not yet confirmed through the call center, oldest first, each with its visit.
using CaptureWithVisit = std::pair<db::StoredCapture, db::StoredVisit>;
std::vector<CaptureWithVisit> pendingCaptures(db::Database& db);

struct VisitRequest {
  std::int64_t patientNumber = 0;
  std::optional<std::int64_t> insuranceId;  // default: the patient's current insurance record
  std::optional<Date> visitDate;            // default: today
};

struct CaptureOutcome {
  std::int64_t visitId = 0;
  std::int64_t captureId = 0;
};

class FallbackReception {
 public:
  FallbackReception(db::Database& db, std::string operatorId);

  FallbackStatus status();
  // Starts stand-alone mode; false (nothing written) when it is on already.
  bool enter(const std::string& reason);
  // Ends it; false when it was not on.
  bool leave(const std::string& reason);

  // A visit on the patient's insurance as copied from the card, not verified online. Throws NotFound
  // (patient, record), InvalidInput when the record is another patient's or the patient has none (then
  // the insurance is entered first, or the 4 items are captured).
  db::StoredVisit registerVisit(const VisitRequest& request);

  // The 4 items from a My Number card, saved with a new visit. With a patient number, the patient's sex
  // and birth date must be those on the card (never the wrong patient). Throws ValidationFailed,
  // NotFound, InvalidInput.
  CaptureOutcome capture(const CardFaceFields& fields, std::optional<std::int64_t> patientNumber,
                         std::optional<Date> visitDate = std::nullopt);
  // What the call center (or the emergency lookup) said, recorded; false when confirmed already.
  bool confirmCapture(std::int64_t captureId, const std::string& confirmation);

  // A person has dealt with a visit that needed attention (decided its result, registered the
  // patient, corrected the insurance): it is marked re-verified with the note. False when the visit
  // did not need attention.
  bool resolve(std::int64_t visitId, const std::string& note);

 private:
  std::optional<std::int64_t> openPeriodId();
  db::Database& db_;
  std::string operatorId_;
};

// The printable list of pending captures for the call to the OQS call center: a heading with the
// institution, the call-center number and the date, then one numbered block per person (visit, 和暦
// birth date, sex, name, kana, address, insurer name, patient number if known).
std::string pendingCapturesSheet(const std::vector<CaptureWithVisit>& pending, const std::string& institutionName,
                                 const std::string& institutionCode, Date printedOn);

// The audit trail of stand-alone reception: one visit's entries, or the newest `limit`.
using AuditEntry = db::AuditEntry;
std::vector<AuditEntry> visitAudit(db::Database& db, std::int64_t visitId);
std::vector<AuditEntry> recentAudit(db::Database& db, int limit);

}  // namespace rececon
