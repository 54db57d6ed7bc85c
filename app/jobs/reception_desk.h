#pragma once
// Reception at the desk while the linkage works (受付一覧): a visit is recorded when the clerk checks a
// patient in, together with the qualification check sent for it, and takes the check's outcome once it
// has ended. A check that never got an answer leaves the visit unverified, so that re-verification
// checks it later; a crash while it was out leaves it "checking", which re-verification also resumes.
// A patient has at most one visit a day: checking in again re-uses it. One thread at a time (as its
// Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/insurance.h"
#include "app/core/japanese_date.h"
#include "app/core/patient.h"
#include "app/jobs/qualification_service.h"
#include "db/database.h"
#include "db/visit_repository.h"

namespace rececon {

// The detail of a visit whose check went out from the desk and has not ended yet: such a visit is
// "checking" like one being re-verified, but it is no sign of an outage.
inline constexpr const char* kDeskCheckPending = "オンライン資格確認の応答待ち";

// The reception list shows each visit by its verification state.
using ReceptionState = VisitVerification;

// 確認済 / 確認中 / 未確認 / 要確認 / 再確認済
const char* receptionStateLabel(ReceptionState state);

// One line of the day's reception list.
struct ReceptionRow {
  db::StoredVisit visit;
  std::string arrivedTime;              // HH:MM, local
  std::optional<Patient> patient;       // absent for a person known only from a 4-item capture
  std::optional<InsuranceRecord> insurance;  // the record the visit was received on
  std::string name, nameKana;           // the patient's, else the capture's
  ReceptionState state = ReceptionState::Unverified;
};

// The visits of a day, in order of arrival.
std::vector<ReceptionRow> receptionList(db::Database& db, Date day);

// A result waiting for a person's decision, as the desk's list of arrived results shows it.
struct ArrivedResult {
  std::int64_t resultId = 0;
  ResultSource source = ResultSource::Face;  // a card result, or a check's late answer
  std::string receivedTime;  // HH:MM, local
  CheckOutcome outcome = CheckOutcome::Error;
  std::string name, nameKana;           // as returned ("" when the result carried no person)
  std::optional<Date> birthDate;
  std::optional<std::int64_t> patientNumber;  // the checked patient, or the unique match
  std::string matchWords;               // 一致 / 候補複数 / 不一致あり / 該当なし; "" for a check's own patient
};

// Every result waiting for a decision, oldest first.
std::vector<ArrivedResult> arrivedResults(db::Database& db);
// Their ids only (cheap), and one of them as the list shows it (its report and match are worked out, the
// costly part): a list that is refreshed often reads only the results it does not show yet.
std::vector<std::int64_t> arrivedResultIds(db::Database& db);
ArrivedResult arrivedResult(db::Database& db, std::int64_t resultId);

class ReceptionDesk {
 public:
  ReceptionDesk(db::Database& db, std::string operatorId);

  // Today's visit of the patient on their current insurance, marked "checking" with the check just sent
  // for it (a visit of today already there is re-used). Throws NotFound; InvalidInput when the patient
  // has no insurance record (then a card result or a 4-item capture is the way).
  db::StoredVisit checkIn(std::int64_t patientNumber, std::int64_t checkId);

  // Today's visit of a patient whose card result a person has just decided on: verified when the card
  // said valid, else it needs attention. Re-uses a visit of today.
  db::StoredVisit checkInFromCardResult(std::int64_t patientNumber, std::int64_t resultId, CheckOutcome outcome);

  // The patient is received on the insurance card or eligibility certificate they showed, without an
  // online answer now: today's visit (or a new one on the current insurance) becomes unverified, and
  // re-verification checks it once the linkage answers. InvalidInput when the patient has no insurance.
  db::StoredVisit receiveOnCard(std::int64_t patientNumber);

  // The check of a visit has ended: verified (valid answer), needs_attention (any other answer, with the
  // outcome in words), unverified (no answer, or a file-level error; re-verification checks it later). False when the visit
  // was no longer waiting for this check (a newer check, or re-verification settled it).
  bool settleCheck(std::int64_t visitId, const CheckReport& report);

  // An answer that arrived after the clerk stopped waiting settles today's visit of its check when that
  // visit is still unverified (or checking). False when there is none.
  bool settleLateAnswer(const CheckReport& report);

 private:
  std::optional<db::StoredVisit> todaysVisit(std::int64_t patientNumber);
  db::StoredVisit record(std::int64_t patientNumber, std::optional<std::int64_t> insuranceId, VisitVerification state,
                         std::optional<std::int64_t> checkId, std::optional<std::int64_t> resultId,
                         const std::string& detail);

  db::Database& db_;
  std::string operatorId_;
};

}  // namespace rececon
