#pragma once
// Qualification checks by insurance data (table 4.1.1-1 (3)): for a registered patient from one of their
// insurance records, or for a person not registered yet from entered data. Every check and every result
// is stored (the result with its raw file); nothing in the register changes here — applying a result is
// a person's decision. One thread at a time (as its Database).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/qualification.h"
#include "app/core/result_decision.h"
#include "app/jobs/answer_verification.h"
#include "app/jobs/job_context.h"
#include "app/jobs/patient_matching.h"
#include "app/jobs/rights.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/rights.h"
#include "db/database.h"
#include "db/qualification_repository.h"
#include "linkage/exchange.h"

namespace rececon {

struct CheckTarget {
  // A registered patient: their insurance record `insuranceId`, else their current one.
  std::optional<std::int64_t> patientNumber;
  std::optional<std::int64_t> insuranceId;
  // A person not registered yet: the numbers as typed (insurerNumber and number required).
  InsuranceFields entered;
  std::optional<std::string> enteredBirthDate;
  bool limitConsent = false;  // 限度額適用認定証提供同意: the patient agreed, as the operator recorded
  std::optional<Date> checkDate;  // default today
};

struct LimitCertificateData {  // 限度額適用認定証 as returned
  std::string classification, classificationLabel, flag, flagLabel, issueDate, validStart, validEnd, longTermDate;
};

struct CheckReport {
  std::int64_t checkId = 0;                 // 0 for a card result
  std::optional<std::int64_t> patientNumber;  // the checked patient, the one given, or the unique proposal
  std::optional<MatchProposal> match;         // for results that name no patient (card, entered data)
  std::optional<std::string> referenceNumber;  // 照会番号 the result carried
  std::optional<std::int64_t> resultId;   // once answered
  bool finished = false;                  // answered, refused or timed out
  std::string requestState;               // sent / answered / failed / timed_out / cancelled
  std::string requestDetail;              // why it failed or timed out
  CheckOutcome outcome = CheckOutcome::Error;
  std::string processingCode, processingMessage;  // verbatim
  std::string errorCode, errorMessage;            // file-level failure, verbatim
  std::optional<ReturnedQualification> returned;
  std::vector<FieldComparison> comparison;        // against the patient's held insurance, when a patient is known
  std::optional<LimitCertificateData> limitCertificate;
  // What disagrees with the question or breaks the contract's formats (answer_verification.h). Any
  // finding: the result waits for a person and cannot be applied; it is never proposed as a match.
  std::vector<ResultFinding> findings;
};

// A person's decision on a received result.
struct ApplyDecision {
  std::optional<std::int64_t> patientNumber;  // needed when the result names no patient (entered data, card)
  bool all = false;                          // accept every returned field that differs
  std::vector<std::string> accept;           // or exactly these fields (keys as in FieldComparison::field)
  bool reject = false;                       // or nothing: the result is kept, the register untouched
  bool newPatient = false;                   // register the person from the result first (nobody matched)
  std::string reason;                        // recorded with every change
  // A supervisor's approval when a clerk accepts a changed name, kana or birth date (rights.h).
  std::optional<SupervisorApproval> approval;
};

struct ApplyOutcome {
  RegisterAction action = RegisterAction::NoChange;
  std::optional<std::int64_t> patientNumber;  // the patient the result was applied to
  ResultDecision state = ResultDecision::NoChange;  // Applied / NoChange / Rejected
  std::vector<std::string> changedFields;   // what the register took
  std::optional<std::int64_t> insuranceId;  // the new insurance record, if one was stored
  std::string detail;                       // Japanese, as recorded with the decision
  // After a valid result: the 照会番号 registration sent for the patient (not waited for), or why it could
  // not be sent; "" when none was needed.
  std::string referenceRegistration;
};

class QualificationService {
 public:
  QualificationService(db::Database& db, linkage::ExchangeConfig config, std::string operatorId, std::string terminal);

  // Validates the target, records the check and sends the request. Returns the check id.
  // Throws ValidationFailed / NotFound (nothing sent), EnvironmentError when the request cannot be written.
  std::int64_t startCheck(const CheckTarget& target);

  // Polls the linkage folders until the check's request has ended (answer, refusal or time-out),
  // reporting progress to job (which may cancel: Cancelled). Returns the report.
  CheckReport waitForCheck(std::int64_t checkId, JobContext& job,
                           std::chrono::milliseconds pollInterval = std::chrono::milliseconds(200));

  // One pass over the linkage folders: results and card results are stored.
  void poll();

  CheckReport report(std::int64_t checkId);
  // Ids of the results that have arrived and wait for a person's decision, oldest first, with their source
  // (a check's answer or a card result).
  std::vector<std::pair<std::int64_t, ResultSource>> arrivedResults();
  // The same for a stored result, compared with the patient given (else the check's patient).
  CheckReport reportForResult(std::int64_t resultId, std::optional<std::int64_t> patientNumber = std::nullopt);

  // Applies a result under the rules of table 4.1.1-1: valid -> the accepted data becomes the current
  // insurance (the old record superseded, kept); invalid -> stored as current flagged invalid when the
  // patient has no last valid number, else kept in the history only; not found, several, errors ->
  // nothing changes. Identity fields and insured numbers change only when accepted explicitly. The
  // register changes, the change log and the decision are one transaction. After a valid result the
  // patient number is sent as 照会番号 when not registered for this insurance yet, without waiting: the
  // next pass over the folders records the answer (ReferenceRegistrar::settlePending).
  // Throws InvalidInput: result already decided, findings against it (only --reject is taken), no patient
  // given where one is needed, unknown field, nothing to store a record from; NotFound.
  ApplyOutcome applyResult(std::int64_t resultId, const ApplyDecision& decision);

 private:
  // A new patient from the result's identity (only when nobody matched), in the caller's transaction.
  // Returns the patient number.
  std::int64_t registerFromResult(std::int64_t resultId, PatientRegister& reg);
  void queueReferenceRegistration(ApplyOutcome& outcome);
  void fillFromResult(CheckReport& report, const db::StoredResult& stored, std::optional<std::int64_t> insuranceId);

  db::Database& db_;
  linkage::ExchangeConfig config_;
  std::string operatorId_;
  std::string terminal_;
};

// The patient's newest 限度額適用認定証 taken into the register, if any.
std::optional<LimitCertificateData> limitCertificateOf(db::Database& db, std::int64_t patientNumber);

// Exit-code style summary of an outcome for scripts: 0 有効, 2 無効, 3 無効（新しい資格あり）,
// 4 該当資格なし, 5 複数該当, 9 エラー.
int outcomeCode(CheckOutcome outcome);

}  // namespace rececon
