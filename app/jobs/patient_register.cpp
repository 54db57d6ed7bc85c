#include "app/jobs/patient_register.h"

#include "app/core/error_catalog.h"
#include "app/core/field_errors.h"
#include "app/core/utf8.h"
#include "app/jobs/checked_import_rows.h"
#include "app/jobs/terminal_identity.h"
#include "app/jobs/access_record.h"
#include "app/jobs/rights.h"
#include "db/change_log.h"
#include "db/insurance_repository.h"
#include "db/patient_bulk_load.h"
#include "db/patient_repository.h"

namespace rececon {
namespace {

// Runs one validation, adding its wrong fields to errors instead of throwing: a form that saves a
// patient and a card lists every wrong item of both at once.
template <typename Validation>
void collectErrors(std::vector<FieldError>& errors, Validation&& validate) {
  try {
    validate();
  } catch (const ValidationFailed& e) {
    errors.insert(errors.end(), e.errors().begin(), e.errors().end());
  }
}

// Writers take turns, so the version read inside the caller's transaction is the newest: a person who saw
// an older one is told who changed it since, and nothing of theirs is written.
void refuseStaleView(const std::optional<std::int64_t>& seen, const RowVersion& held, const char* code) {
  if (!seen || *seen == held.number) return;
  const std::string at = held.changedAt.size() >= 16 ? held.changedAt.substr(11, 5) : held.changedAt;  // HH:MM
  throw InvalidInput(code, {{"terminal", held.changedOn.empty() ? "?" : held.changedOn}, {"at", at}});
}

}  // namespace

PatientSearch interpretSearchText(const std::string& text, int limit) {
  PatientSearch search;
  search.limit = limit;
  if (!utf8::isValid(text)) return search;
  const std::string folded = utf8::normalizeTyped(text);
  if (folded.empty()) return search;
  if (folded.find_first_not_of("0123456789") == std::string::npos) {
    search.number = folded;
  } else if (parseDate(folded).date) {
    search.birth = folded;
  } else {
    search.kana = folded;
  }
  return search;
}

bool changesIdentity(const Patient& before, const Patient& after) {
  return before.name != after.name || before.nameKana != after.nameKana || before.birthDate != after.birthDate;
}

PatientRegister::PatientRegister(db::Database& db, std::string operatorId)
    : db_(db), operatorId_(std::move(operatorId)), terminal_(hostName()) {}

void PatientRegister::requireReception(const char* what) { requireRight(db_, operatorId_, Right::Reception, what); }

std::string PatientRegister::identityEdit(const std::string& reason) {
  requireRight(db_, operatorId_, Right::EditIdentity, "登録済みの患者の氏名・カナ・生年月日・被保険者番号の変更", approval_);
  if (!approval_ || approval_->supervisorId() == operatorId_) return reason;
  return reason + "（承認: " + approval_->supervisorId() + "）";
}

Patient PatientRegister::addPatient(const PatientFields& fields, std::optional<std::int64_t> number,
                                    const std::string& reason) {
  requireReception("患者の登録");
  Patient p = makePatient(fields, today());
  p.number = number.value_or(0);
  db::WriteTransaction tx(db_);
  p.number = storeNewPatient(p, reason);
  tx.commit();
  return p;
}

Patient PatientRegister::addPatientWithInsurance(const PatientFields& fields,
                                                 const std::optional<InsuranceFields>& insurance,
                                                 const std::string& reason) {
  requireReception("患者の登録");
  std::vector<FieldError> errors;
  Patient p;
  std::optional<InsuranceRecord> record;
  collectErrors(errors, [&] { p = makePatient(fields, today()); });
  if (insurance) collectErrors(errors, [&] { record = makeInsurance(*insurance); });
  if (!errors.empty()) throw ValidationFailed(errors);
  db::WriteTransaction tx(db_);
  p.number = storeNewPatient(p, reason);
  if (record) {
    record->patientNumber = p.number;
    storeInsurance(*record, reason);
  }
  tx.commit();
  return patient(p.number);
}

Patient PatientRegister::updatePatient(std::int64_t number, const PatientFields& changes, const std::string& reason) {
  requireReception("患者情報の変更");
  db::WriteTransaction tx(db_);
  const Patient held = db::PatientRepository(db_).get(number);
  refuseStaleView(changes.seenVersion, held.version, kPatientChangedElsewhere);
  const Patient changed = changePatient(held, changes, today());
  storePatient(changed, changesIdentity(held, changed) ? identityEdit(reason) : reason);
  tx.commit();
  return changed;
}

Patient PatientRegister::updatePatientWithInsurance(std::int64_t number, const PatientFields& changes,
                                                    const std::optional<InsuranceFields>& newCard,
                                                    const std::string& reason) {
  requireReception("患者情報の変更");
  db::WriteTransaction tx(db_);
  const Patient held = db::PatientRepository(db_).get(number);
  refuseStaleView(changes.seenVersion, held.version, kPatientChangedElsewhere);
  std::vector<FieldError> errors;
  Patient changed;
  std::optional<InsuranceRecord> record;
  collectErrors(errors, [&] { changed = changePatient(held, changes, today()); });
  if (newCard) collectErrors(errors, [&] { record = makeInsurance(*newCard); });
  if (!errors.empty()) throw ValidationFailed(errors);
  storePatient(changed, changesIdentity(held, changed) ? identityEdit(reason) : reason);
  if (record) {
    record->patientNumber = number;
    storeInsurance(*record, reason);
  }
  tx.commit();
  return patient(number);
}

Patient PatientRegister::patient(std::int64_t number) { return db::PatientRepository(db_).get(number); }

Patient PatientRegister::openPatient(std::int64_t number, const std::string& where) {
  Patient p = patient(number);
  recordAccess(db_, operatorId_, AccessAction::View, number, where);
  return p;
}

std::vector<Patient> PatientRegister::search(const PatientSearch& search) {
  db::PatientQuery query;
  query.kanaPrefix = search.kana;
  query.limit = search.limit;
  if (!search.number.empty()) query.number = parsePatientNumber(search.number);
  if (!search.birth.empty()) {
    const auto parsed = parseDate(search.birth);
    if (!parsed.date) {
      FieldErrors errors;
      errors.add("birth_date", "生年月日", parsed.error);
      errors.throwIfAny();
    }
    query.birthDate = parsed.date;
  }
  return db::PatientRepository(db_).search(query);
}

std::vector<Patient> PatientRegister::list(std::int64_t afterNumber, int limit) {
  return db::PatientRepository(db_).list(afterNumber, limit);
}

std::int64_t PatientRegister::count() { return db::PatientRepository(db_).count(); }

void PatientRegister::applyCurrentRules(const InsuranceRecord& r, const db::ChangeContext& context) {
  if (r.state != InsuranceState::Current) return;
  db::InsuranceRepository records(db_);
  for (InsuranceRecord other : records.forPatient(r.patientNumber)) {
    if (other.id == r.id || other.state != InsuranceState::Current) continue;
    other.state = InsuranceState::Superseded;
    records.update(other, {context.operatorId, context.reason + "（新しい保険情報により履歴へ）", context.terminal});
  }
  db::PatientRepository(db_).setLastValid(r.patientNumber, r.insured, context);
}

InsuranceRecord PatientRegister::addInsurance(std::int64_t patientNumber, const InsuranceFields& fields,
                                              const std::string& reason) {
  requireReception("保険情報の登録");
  InsuranceRecord r = makeInsurance(fields);
  r.patientNumber = patientNumber;
  db::WriteTransaction tx(db_);
  const std::int64_t id = storeInsurance(r, reason);
  tx.commit();
  return db::InsuranceRepository(db_).get(id);
}

std::int64_t PatientRegister::storeInsurance(InsuranceRecord r, const std::string& reason) {
  const db::ChangeContext context = changeContext(reason);
  db::PatientRepository(db_).get(r.patientNumber);  // NotFound before anything is written
  r.id = db::InsuranceRepository(db_).insert(r, context);
  applyCurrentRules(r, context);
  return r.id;
}

std::int64_t PatientRegister::storeNewPatient(const Patient& patient, const std::string& reason) {
  return db::PatientRepository(db_).insert(patient, changeContext(reason));
}

bool PatientRegister::storePatient(const Patient& changed, const std::string& reason) {
  return db::PatientRepository(db_).update(changed, changeContext(reason));
}

InsuranceRecord PatientRegister::updateInsurance(std::int64_t insuranceId, const InsuranceFields& changes,
                                                 const std::string& reason) {
  requireReception("保険情報の変更");
  db::WriteTransaction tx(db_);
  db::InsuranceRepository records(db_);
  const InsuranceRecord held = records.get(insuranceId);
  refuseStaleView(changes.seenVersion, held.version, kInsuranceChangedElsewhere);
  const InsuranceRecord changed = changeInsurance(held, changes);
  // A record's insured numbers say whose card it is: correcting them is an identity edit. (A new card is
  // a new record, added by any clerk; the old one stays in the history.)
  const db::ChangeContext context = changeContext(changed.insured == held.insured ? reason : identityEdit(reason));
  records.update(changed, context);
  applyCurrentRules(changed, context);
  tx.commit();
  return records.get(insuranceId);
}

namespace {

class RowsInMemory : public PatientImportSource {
 public:
  explicit RowsInMemory(const std::vector<PatientImportRow>& rows) : rows_(rows) {}
  std::optional<PatientImportRow> next() override {
    if (at_ == rows_.size()) return std::nullopt;
    return rows_[at_++];
  }
  std::int64_t expectedRows() const override { return static_cast<std::int64_t>(rows_.size()); }

 private:
  const std::vector<PatientImportRow>& rows_;
  std::size_t at_ = 0;
};

// applyCurrentRules for records brought in together, oldest first: each current record supersedes the
// current ones before it, and the last current one is the patient's last valid insured number.
void settleImported(std::vector<InsuranceRecord>& records, Patient& patient) {
  InsuranceRecord* current = nullptr;
  for (InsuranceRecord& r : records) {
    if (r.state != InsuranceState::Current) continue;
    if (current) current->state = InsuranceState::Superseded;
    current = &r;
    patient.lastValid = r.insured;
  }
}

}  // namespace

std::int64_t PatientRegister::importPatients(const std::vector<PatientImportRow>& rows, JobContext& job,
                                             const std::string& reason) {
  RowsInMemory source(rows);
  return importPatients(source, job, reason);
}

std::int64_t PatientRegister::importPatients(PatientImportSource& rows, JobContext& job, const std::string& reason) {
  db::ChangeContext context = changeContext(reason);
  context.importing = true;
  const std::int64_t expected = rows.expectedRows();
  std::vector<FieldError> rowErrors;
  std::int64_t wrongRows = 0;
  std::int64_t count = 0;
  db::WriteTransaction tx(db_);
  db::PatientBulkLoad load(db_, context, expected);
  CheckedImportRows checked(rows, today());
  for (std::vector<CheckedImportRow> batch = checked.next(); !batch.empty(); batch = checked.next()) {
    for (CheckedImportRow& row : batch) {
      // Every row is checked, so the person sees all mistakes at once; writing stops at the first.
      if (row.errors.empty()) {
        try {
          row.patient.number = load.claimNumber(row.wantedNumber);
        } catch (const InvalidInput& e) {  // a patient number already in use
          row.errors.push_back({"patient_number", "患者番号", e.what()});
        }
      }
      if (!row.errors.empty() && ++wrongRows <= static_cast<std::int64_t>(kMaxListedImportErrors)) {
        const std::string where = std::to_string(row.line) + "行目 ";
        for (const auto& err : row.errors) rowErrors.push_back({err.field, where + err.label, err.message});
      }
      if (wrongRows == 0) {
        settleImported(row.records, row.patient);
        load.add(row.patient, row.records);
      }
    }
    count += static_cast<std::int64_t>(batch.size());
    job.step(count, std::max(expected, count), "患者の登録");
  }
  if (wrongRows > static_cast<std::int64_t>(kMaxListedImportErrors)) {
    rowErrors.push_back({"rows", "ほかの行",
                         "ほかに " + std::to_string(wrongRows - static_cast<std::int64_t>(kMaxListedImportErrors)) +
                             " 行に誤りがあります（全 " + std::to_string(wrongRows) + " 行）。"});
  }
  if (!rowErrors.empty()) throw ValidationFailed(rowErrors);  // the transaction rolls back
  load.finish();
  tx.commit();
  return count;
}

std::vector<InsuranceRecord> PatientRegister::insurances(std::int64_t patientNumber) {
  db::PatientRepository(db_).get(patientNumber);
  return db::InsuranceRepository(db_).forPatient(patientNumber);
}

std::optional<InsuranceRecord> PatientRegister::currentInsurance(std::int64_t patientNumber) {
  for (const auto& r : db::InsuranceRepository(db_).forPatient(patientNumber)) {
    if (r.state != InsuranceState::Superseded) return r;
  }
  return std::nullopt;
}

std::vector<db::ChangeEntry> PatientRegister::history(std::int64_t patientNumber) {
  db::PatientRepository(db_).get(patientNumber);
  return db::ChangeLog(db_).forPatient(patientNumber);
}

}  // namespace rececon
