#pragma once
// The patient register as the clerk and the CLI use it: patients and their insurance history.
// Every write runs in one BEGIN IMMEDIATE transaction with its change-log entries; invalid input
// throws ValidationFailed before anything is written. One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/insurance.h"
#include "app/core/patient.h"
#include "db/change_log.h"
#include "db/database.h"
#include "app/jobs/job_context.h"
#include "app/jobs/rights.h"

namespace rececon {

// One entry of a patient's change history, as the front-ends list it.
using ChangeEntry = db::ChangeEntry;

// One patient to import with their insurance records, oldest first (the last current one wins).
struct PatientImportRow {
  std::optional<std::int64_t> number;  // nullopt = assign the next free number
  PatientFields patient;
  std::vector<InsuranceFields> insurances;
};

// Rows to import, pulled one at a time: a load of a million patients never holds them all. next() is
// called from a thread of the import's own, one call at a time.
class PatientImportSource {
 public:
  virtual ~PatientImportSource() = default;
  // The next row, or nullopt at the end.
  virtual std::optional<PatientImportRow> next() = 0;
  // How many rows there will be, for progress; 0 when not known.
  virtual std::int64_t expectedRows() const { return 0; }
};

// Search conditions as typed; empty strings are ignored.
struct PatientSearch {
  std::string kana;    // hiragana, katakana or half-width katakana; matched by prefix
  std::string number;  // 患者番号
  std::string birth;   // any date form parseDate() reads, 和暦 included
  int limit = 100;
};

// What a clerk typed into the one search box: digits only -> 患者番号; a date form (S22.3.10,
// 昭和22年3月10日, 1947/3/10) -> 生年月日; anything else -> kana prefix.
PatientSearch interpretSearchText(const std::string& text, int limit = 100);

// Whether a change touches what identifies a registered patient (name, kana, birth date): a 責任者's right.
bool changesIdentity(const Patient& before, const Patient& after);

class PatientRegister {
 public:
  PatientRegister(db::Database& db, std::string operatorId);

  const std::string& operatorId() const { return operatorId_; }
  // Another person took over this window (switching user after their login): what follows is theirs.
  void actAs(std::string operatorId) {
    operatorId_ = std::move(operatorId);
    approval_.reset();
  }
  // A supervisor's approval for the next changes of a patient's identity by a clerk (rights.h): the
  // history names the approver. nullopt withdraws it.
  void setApproval(std::optional<SupervisorApproval> approval) { approval_ = std::move(approval); }
  db::Database& database() { return db_; }

  // Registers a patient; number nullopt = assign the next free number. Returns the stored patient.
  // Throws ValidationFailed, InvalidInput (number taken), EnvironmentError.
  Patient addPatient(const PatientFields& fields, std::optional<std::int64_t> number,
                     const std::string& reason = "新規登録");
  // A new patient and their first insurance record (the one on the card at the desk) in one transaction:
  // both are validated first and every wrong field of either is listed; nothing is written unless both
  // are stored. No insurance (nullopt) registers the patient alone. Returns the stored patient.
  // Throws ValidationFailed, EnvironmentError.
  Patient addPatientWithInsurance(const PatientFields& fields, const std::optional<InsuranceFields>& insurance,
                                  const std::string& reason = "新規登録");
  // Changes the given fields. A change made on an older view than the stored patient (changes.seenVersion)
  // is refused with PATIENT_CHANGED_ELSEWHERE naming the terminal and time of the newer change.
  // Throws ValidationFailed, NotFound, InvalidInput, EnvironmentError.
  Patient updatePatient(std::int64_t number, const PatientFields& changes,
                        const std::string& reason = "患者情報の変更");
  // The patient's changes and, when given, the new card they brought (added as current; the old one
  // becomes history) in one transaction: both are validated first, every wrong field of either is
  // listed, and nothing is written unless both are stored. Throws ValidationFailed, NotFound,
  // EnvironmentError.
  Patient updatePatientWithInsurance(std::int64_t number, const PatientFields& changes,
                                     const std::optional<InsuranceFields>& newCard, const std::string& reason);

  Patient patient(std::int64_t number);  // throws NotFound
  // A patient's details as shown to a person (`where`: the screen or command): the view goes to the
  // access log. Throws NotFound.
  Patient openPatient(std::int64_t number, const std::string& where);
  std::vector<Patient> search(const PatientSearch& search);  // throws ValidationFailed on a bad date
  std::vector<Patient> list(std::int64_t afterNumber, int limit);
  std::int64_t count();

  // Adds a record. A record added as current supersedes the patient's previous current record
  // (kept as history) and becomes the last valid insured number. Throws ValidationFailed, NotFound.
  InsuranceRecord addInsurance(std::int64_t patientNumber, const InsuranceFields& fields,
                               const std::string& reason = "保険情報の登録");
  // Changes a record's fields or state; the same current/last-valid rules apply.
  InsuranceRecord updateInsurance(std::int64_t insuranceId, const InsuranceFields& changes,
                                  const std::string& reason = "保険情報の変更");

  // Imports many patients (migration from an older system, demo data) in one transaction, streamed: every
  // row is validated and nothing is written when any row is wrong (ValidationFailed lists the wrong rows
  // as "N行目", a patient number already in use included — the first kMaxListedImportErrors of them and
  // how many more). Progress is reported every 1,000 rows; cancellation rolls everything back. The
  // imported records are the starting point: each patient's history gets one entry with `reason` (where
  // they came from), not every field; of each patient's records (oldest first) the last current one stays
  // current and gives the last valid insured number. Returns the number of patients stored.
  std::int64_t importPatients(PatientImportSource& rows, JobContext& job, const std::string& reason = "一括登録");
  std::int64_t importPatients(const std::vector<PatientImportRow>& rows, JobContext& job,
                              const std::string& reason = "一括登録");
  static constexpr std::size_t kMaxListedImportErrors = 200;

  // The same writes for a caller that holds a WriteTransaction and commits them together with its own
  // (applying a qualification result with its decision). The record and patient must be complete and
  // valid: nothing is validated here, and the rights are the caller's to check (requireReception /
  // identityEdit below). Return the stored record's id / whether anything changed.
  std::int64_t storeInsurance(InsuranceRecord record, const std::string& reason);
  bool storePatient(const Patient& changed, const std::string& reason);
  std::int64_t storeNewPatient(const Patient& patient, const std::string& reason);

  // Newest first. Throws NotFound for an unknown patient.
  std::vector<InsuranceRecord> insurances(std::int64_t patientNumber);
  // The newest record that is not superseded (it may be invalid), if any.
  std::optional<InsuranceRecord> currentInsurance(std::int64_t patientNumber);
  // Oldest first. Throws NotFound for an unknown patient.
  std::vector<db::ChangeEntry> history(std::int64_t patientNumber);

  // Refuses (ROLE_REQUIRED) an operator without a reception role (rights.h).
  void requireReception(const char* what);
  // Refuses an identity edit without a supervisor's role or approval; the reason naming the approver.
  std::string identityEdit(const std::string& reason);

 private:
  // Supersedes other current records and records the last valid number when r is current.
  void applyCurrentRules(const InsuranceRecord& r, const db::ChangeContext& context);

  db::Database& db_;
  db::ChangeContext changeContext(const std::string& reason) const { return {operatorId_, reason, terminal_}; }

  std::string operatorId_;
  std::string terminal_;  // this machine, recorded with each change
  std::optional<SupervisorApproval> approval_;
};

}  // namespace rececon
