#include "app/jobs/qualification_service.h"

#include <algorithm>

#include "app/core/error_catalog.h"
#include "app/core/field_errors.h"
#include "app/core/insurer_number.h"
#include "app/jobs/access_record.h"
#include "app/jobs/check_outcome.h"
#include "app/jobs/linkage_result_store.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/reference_registrar.h"
#include "app/jobs/request_journal_store.h"
#include "app/jobs/returned_qualification.h"
#include "db/change_log.h"
#include "db/insurance_repository.h"
#include "db/patient_repository.h"
#include "db/qualification_repository.h"
#include "linkage/code_tables.h"
#include "linkage/file_transfer.h"
#include "linkage/messages.h"

namespace rececon {
namespace {

using linkage::Text;

}  // namespace

int outcomeCode(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::Valid: return 0;
    case CheckOutcome::Invalid: return 2;
    case CheckOutcome::InvalidNewerExists: return 3;
    case CheckOutcome::NotFound: return 4;
    case CheckOutcome::Several: return 5;
    case CheckOutcome::Error: return 9;
  }
  return 9;
}

QualificationService::QualificationService(db::Database& db, linkage::ExchangeConfig config, std::string operatorId,
                                           std::string terminal)
    : db_(db), config_(std::move(config)), operatorId_(std::move(operatorId)), terminal_(std::move(terminal)) {}

std::int64_t QualificationService::startCheck(const CheckTarget& target) {
  db::StoredCheck check;
  const Date day = target.checkDate.value_or(today());
  if (target.patientNumber) {
    PatientRegister reg(db_, operatorId_);
    const Patient patient = reg.patient(*target.patientNumber);
    std::optional<InsuranceRecord> record;
    if (target.insuranceId) {
      record = db::InsuranceRepository(db_).get(*target.insuranceId);
      if (record->patientNumber != patient.number) {
        throw InvalidInput("保険ID " + std::to_string(*target.insuranceId) + " は患者番号 " +
                           std::to_string(patient.number) + " の保険ではありません。");
      }
    } else {
      record = reg.currentInsurance(patient.number);
    }
    if (!record) {
      throw InvalidInput("患者番号 " + std::to_string(patient.number) +
                         " には保険情報がありません。保険証の番号を入力して確認してください。");
    }
    check.patientNumber = patient.number;
    check.insuranceId = record->id;
    check.insurerNumber = record->insured.insurerNumber;
    check.symbol = record->insured.symbol;
    check.number = record->insured.number;
    check.branch = record->insured.branch;
    check.birthDate = toCompactString(patient.birthDate);
  } else {
    FieldErrors errors;
    InsuranceRecord entered;
    try {
      entered = makeInsurance(target.entered);
    } catch (const ValidationFailed& e) {
      for (const auto& err : e.errors()) errors.add(err.field, err.label, err.message);
    }
    const auto birth = target.enteredBirthDate ? parseDate(*target.enteredBirthDate) : DateParseResult{};
    if (!birth.date) errors.add("birth_date", "生年月日", target.enteredBirthDate ? birth.error : "生年月日を入力してください。");
    errors.throwIfAny();
    check.insurerNumber = entered.insured.insurerNumber;
    check.symbol = entered.insured.symbol;
    check.number = entered.insured.number;
    check.branch = entered.insured.branch;
    check.birthDate = toCompactString(*birth.date);
  }
  check.checkDate = toCompactString(day);
  check.limitConsent = target.limitConsent;
  if (target.limitConsent) {
    check.consentRecordedBy = operatorId_;
    check.consentRecordedAt = db::nowTimestamp();
  }
  check.operatorId = operatorId_;
  check.terminal = terminal_;

  const std::string suffix = nextRequestSuffix(db_, day, config_.terminalId);
  linkage::SingleCheckRequest request;
  request.header.confirmationDate = check.checkDate;
  request.header.institutionCode = config_.institutionCode;
  request.header.fileIdentifier = "RZ" + suffix;
  request.key.insurerNumber = padInsurerNumber(check.insurerNumber);
  request.key.symbol = check.symbol;  // sent empty when the card has none
  request.key.number = check.number;
  if (!check.branch.empty()) request.key.branch = check.branch;
  request.key.birthdate = check.birthDate;
  request.key.limitConsent = check.limitConsent ? "1" : "0";
  request.key.arbitraryIdentifier = check.patientNumber ? "P" + std::to_string(*check.patientNumber) : "";
  if (request.key.arbitraryIdentifier->empty()) request.key.arbitraryIdentifier.reset();

  DatabaseRequestJournal journal(db_);
  linkage::LinkageExchange exchange(config_, journal);
  // The check is recorded before its request file exists: an answer taken at once by another process
  // polling the same folders (the window beside a command) must find the check it belongs to.
  std::int64_t id = 0;
  submitRequest(exchange, linkage::MessageKind::SingleCheckRequest, linkage::toXml(request), suffix,
                [&](const linkage::RequestRecord& journaled) {
                  check.requestId = journaled.id;
                  db::WriteTransaction tx(db_);
                  id = db::QualificationRepository(db_).addCheck(check);
                  tx.commit();
                });
  return id;
}

void QualificationService::poll() { pollLinkage(db_, config_); }

CheckReport QualificationService::waitForCheck(std::int64_t checkId, JobContext& job, std::chrono::milliseconds pollInterval) {
  waitForRequest(db_, config_, db::QualificationRepository(db_).check(checkId).requestId, job, pollInterval);
  return report(checkId);
}

CheckReport QualificationService::report(std::int64_t checkId) {
  db::QualificationRepository repo(db_);
  const db::StoredCheck check = repo.check(checkId);
  const linkage::RequestRecord request = DatabaseRequestJournal(db_).get(check.requestId);
  CheckReport r;
  r.checkId = checkId;
  r.patientNumber = check.patientNumber;
  r.requestState = linkage::toString(request.state);
  r.requestDetail = request.detail;
  r.finished = request.state != linkage::RequestState::Pending && request.state != linkage::RequestState::Sent;
  const auto stored = repo.resultForCheck(checkId);
  if (!stored) return r;
  fillFromResult(r, *stored, check.insuranceId);
  return r;
}

std::optional<LimitCertificateData> limitCertificateOf(db::Database& db, std::int64_t patientNumber) {
  const auto c = db::QualificationRepository(db).latestLimitCertificate(patientNumber);
  if (!c) return std::nullopt;
  return LimitCertificateData{c->classification,
                              linkage::codeLabel("LimitApplicationCertificateClassification", c->classification).value_or(""),
                              c->flag,
                              linkage::codeLabel("LimitApplicationCertificateClassificationFlag", c->flag).value_or(""),
                              c->issueDate, c->validStart, c->validEnd, c->longTermDate};
}

std::vector<std::pair<std::int64_t, ResultSource>> QualificationService::arrivedResults() {
  std::vector<std::pair<std::int64_t, ResultSource>> out;
  for (const auto& r : db::QualificationRepository(db_).resultsInState(ResultDecision::Arrived)) out.emplace_back(r.id, r.source);
  return out;
}

CheckReport QualificationService::reportForResult(std::int64_t resultId, std::optional<std::int64_t> patientNumber) {
  db::QualificationRepository repo(db_);
  const db::StoredResult stored = repo.result(resultId);
  CheckReport r;
  std::optional<std::int64_t> insuranceId;
  if (stored.checkId) {
    const db::StoredCheck check = repo.check(*stored.checkId);
    r.checkId = check.id;
    r.patientNumber = check.patientNumber;
    insuranceId = check.insuranceId;
  }
  if (patientNumber && patientNumber != r.patientNumber) {
    r.patientNumber = patientNumber;
    insuranceId.reset();  // another patient: compare with their current insurance
  }
  r.finished = true;
  r.requestState = "answered";
  fillFromResult(r, stored, insuranceId);
  return r;
}

void QualificationService::fillFromResult(CheckReport& r, const db::StoredResult& stored,
                                          std::optional<std::int64_t> insuranceId) {
  r.resultId = stored.id;
  r.outcome = outcomeFromName(stored.outcome);
  r.processingCode = stored.processingCode;
  r.processingMessage = stored.processingMessage;
  r.errorCode = stored.errorCode;
  r.errorMessage = stored.errorMessage;
  const auto decoded = linkage::decodeMessage(stored.raw, stored.fileName);
  const auto result = linkage::readQualificationResult(decoded.root());
  std::optional<db::StoredCheck> asked;
  if (stored.checkId) asked = db::QualificationRepository(db_).check(*stored.checkId);
  r.findings = verifyAnswer(result, asked);
  if (result.qualifications.empty()) return;
  const linkage::Qualification& q = result.qualifications.front();
  r.returned = returnedFrom(q);
  if (q.limitCertificate) {
    const auto& c = *q.limitCertificate;
    const auto label = [](const char* element, const Text& v) {
      return v ? linkage::codeLabel(element, *v).value_or("") : std::string();
    };
    r.limitCertificate = LimitCertificateData{c.classification.value_or(""),
                                              label("LimitApplicationCertificateClassification", c.classification),
                                              c.classificationFlag.value_or(""),
                                              label("LimitApplicationCertificateClassificationFlag", c.classificationFlag),
                                              c.issueDate.value_or(""), c.validStart.value_or(""), c.validEnd.value_or(""),
                                              c.longTermDate.value_or("")};
  }
  r.referenceNumber = q.referenceNumber;
  if (!r.patientNumber) {
    r.match = proposePatient(db_, *r.returned, r.referenceNumber);
    if (r.match->kind == MatchKind::Unique && !r.findings.empty()) {
      // Values that break their format say nothing reliable about who this is.
      r.match->kind = MatchKind::Conflict;
      r.match->explanation += "ただし結果に確認が必要な値があるため、一致とはしません。";
    }
    if (r.match->kind == MatchKind::Unique) r.patientNumber = r.match->candidates.front();
  }
  if (r.patientNumber) {
    PatientRegister reg(db_, operatorId_);
    const Patient patient = reg.patient(*r.patientNumber);
    const std::optional<InsuranceRecord> held =
        insuranceId ? std::optional<InsuranceRecord>(db::InsuranceRepository(db_).get(*insuranceId))
                    : reg.currentInsurance(patient.number);
    r.comparison = compareWithRegister(patient, held, *r.returned);
  }
}

std::int64_t QualificationService::registerFromResult(std::int64_t resultId, PatientRegister& reg) {
  const CheckReport report = reportForResult(resultId, std::nullopt);
  if (!report.returned || !report.returned->birthDate) {
    throw InvalidInput("この結果には患者として登録できる資格情報がありません。");
  }
  if (report.match && report.match->kind != MatchKind::None) {
    throw InvalidInput(kResultMatchesRegistered, {{"explanation", report.match->explanation}});
  }
  const ReturnedQualification& r = *report.returned;
  PatientFields fields;
  fields.name = r.name;
  fields.nameKana = r.nameKana;
  fields.sex = r.sex == Sex::Female ? "2" : "1";
  fields.birthDate = toIsoString(*r.birthDate);
  fields.address = r.address;
  fields.postalCode = r.postalCode;
  return reg.storeNewPatient(makePatient(fields, today()),
                             "資格確認の結果（結果ID " + std::to_string(resultId) + "）から新規登録");
}

ApplyOutcome QualificationService::applyResult(std::int64_t resultId, const ApplyDecision& decision) {
  db::QualificationRepository repo(db_);
  // Several terminals show the same arrived result: whoever decides first claims it (decide() is a
  // compare-and-set inside the writer's turn); the others are told who did, and nothing of theirs is kept.
  const auto alreadyDecided = [&] {
    const db::StoredResult now = repo.result(resultId);
    return InvalidInput(kResultAlreadyDecided, {{"id", std::to_string(resultId)}, {"by", now.decidedBy}, {"at", now.decidedAt}});
  };
  if (repo.result(resultId).state != ResultDecision::Arrived) throw alreadyDecided();
  requireRight(db_, operatorId_, Right::Reception, "資格確認の結果への判断");
  const std::string reason = decision.reason.empty() ? "資格確認の結果（結果ID " + std::to_string(resultId) + "）を反映"
                                                     : decision.reason;
  ApplyOutcome outcome;
  if (decision.reject) {
    db::WriteTransaction tx(db_);
    if (!repo.decide(resultId, ResultDecision::Rejected, operatorId_, reason)) throw alreadyDecided();
    db::AccessLog(db_).append(accessEntry(operatorId_, AccessAction::Decision, decision.patientNumber,
                                          "結果ID " + std::to_string(resultId) + ": 反映しない"));
    tx.commit();
    outcome.state = ResultDecision::Rejected;
    outcome.detail = "反映しませんでした。";
    return outcome;
  }
  // One transaction from here: a new patient, the register changes and the decision stand or fall together.
  db::WriteTransaction tx(db_);
  if (const CheckReport asIs = reportForResult(resultId, std::nullopt); !asIs.findings.empty()) {
    std::string why = "この結果は確認が必要なため反映できません:";
    for (const auto& f : asIs.findings) why += "\n  " + f.message;
    throw InvalidInput(why + "\n内容を確かめ、記録だけ残すなら「反映しない」を選び、必要なら資格確認をやり直してください。");
  }
  std::optional<std::int64_t> patientNumber = decision.patientNumber;
  PatientRegister reg(db_, operatorId_);
  if (decision.newPatient) patientNumber = registerFromResult(resultId, reg);
  const CheckReport report = reportForResult(resultId, patientNumber);
  if (!report.patientNumber) {
    std::string why = "この結果には患者が決まっていません。";
    if (report.match) {
      why += report.match->explanation;
      if (!report.match->candidates.empty()) {
        why += "候補: ";
        for (std::size_t i = 0; i < report.match->candidates.size(); ++i) {
          why += (i ? "、" : "") + std::to_string(report.match->candidates[i]);
        }
        why += "。";
      }
    }
    throw InvalidInput(kResultNeedsPatient, {{"why", why}});
  }
  Patient patient = reg.patient(*report.patientNumber);
  outcome.patientNumber = patient.number;
  outcome.action = registerActionFor(report.outcome, patient.lastValid.has_value());

  // Which fields the person accepted: all that differ, or exactly those named (each must be known).
  std::vector<std::string> accepted;
  for (const auto& name : decision.accept) {
    const bool known = std::any_of(report.comparison.begin(), report.comparison.end(),
                                   [&](const FieldComparison& c) { return c.field == name; });
    if (!known) throw InvalidInput("項目「" + name + "」はこの結果にありません（結果の比較表に出ている項目を指定してください）。");
  }
  for (const FieldComparison& c : report.comparison) {
    const bool wanted = decision.all || std::find(decision.accept.begin(), decision.accept.end(), c.field) != decision.accept.end();
    if (wanted && c.differs()) accepted.push_back(c.field);
  }

  switch (outcome.action) {
    case RegisterAction::NoChange:
      outcome.state = ResultDecision::NoChange;
      outcome.detail = std::string(outcomeWords(report.outcome)) + "のため、登録内容は変更していません。";
      break;
    case RegisterAction::KeepInHistoryOnly:
      outcome.state = ResultDecision::Applied;
      outcome.detail = std::string(outcomeWords(report.outcome)) +
                       "。直近有効な被保険者番号を保持し、結果は履歴として保存しました。";
      break;
    case RegisterAction::MakeCurrent:
    case RegisterAction::RecordInvalidAsCurrent: {
      const std::optional<InsuranceRecord> held = reg.currentInsurance(patient.number);
      InsuranceRecord record = held ? *held : InsuranceRecord{};
      const Patient registered = patient;  // before the accepted fields
      bool insuranceChanged = false;
      bool patientChanged = false;
      for (const std::string& field : accepted) {
        takeField(field, *report.returned, patient, record);
        (isPatientField(field) ? patientChanged : insuranceChanged) = true;
      }
      const InsuranceState wanted =
          outcome.action == RegisterAction::MakeCurrent ? InsuranceState::Current : InsuranceState::Invalid;
      if (patientChanged) {
        // A name, kana or birth date the answer differs in is an identity edit like any other.
        reg.setApproval(decision.approval);
        reg.storePatient(patient, changesIdentity(registered, patient) ? reg.identityEdit(reason) : reason);
      }
      if (insuranceChanged || !held || held->state != wanted) {
        if (record.insured.insurerNumber.empty() || record.insured.number.empty()) {
          throw InvalidInput(kResultNeedsInsuredNumber, {});
        }
        record.id = 0;
        record.patientNumber = patient.number;
        record.state = wanted;
        outcome.insuranceId = reg.storeInsurance(record, reason);
      }
      // 限度額適用認定証 (table 4.1.1-1 (5)): came only because the patient consented; kept with the record.
      if (report.limitCertificate && outcome.action == RegisterAction::MakeCurrent) {
        const LimitCertificateData& c = *report.limitCertificate;
        db::StoredLimitCertificate stored{0, patient.number,
                                          outcome.insuranceId ? outcome.insuranceId : (held ? std::optional<std::int64_t>(held->id) : std::nullopt),
                                          resultId, c.classification, c.flag, c.issueDate, c.validStart, c.validEnd,
                                          c.longTermDate, operatorId_, ""};
        repo.addLimitCertificate(stored);
        accepted.push_back("limit_certificate");
      }
      outcome.changedFields = accepted;
      outcome.state = ResultDecision::Applied;
      outcome.detail = outcome.action == RegisterAction::MakeCurrent
                           ? (accepted.empty() ? "有効。登録内容と一致しました。" : "有効。承認された項目を反映しました。")
                           : "無効。直近有効な被保険者番号がないため、無効として登録しました。";
      break;
    }
  }
  std::string detail = outcome.detail;
  if (!outcome.changedFields.empty()) {
    detail += "（";
    for (std::size_t i = 0; i < outcome.changedFields.size(); ++i) detail += (i ? "、" : "") + outcome.changedFields[i];
    detail += "）";
  }
  if (!repo.decide(resultId, outcome.state, operatorId_, detail)) throw alreadyDecided();  // rolls back the changes
  db::AccessLog(db_).append(accessEntry(operatorId_, AccessAction::Decision, outcome.patientNumber,
                                        "結果ID " + std::to_string(resultId) + ": " + std::string(nameOf(outcome.state))));
  tx.commit();
  queueReferenceRegistration(outcome);
  return outcome;
}

void QualificationService::queueReferenceRegistration(ApplyOutcome& outcome) {
  if (outcome.action != RegisterAction::MakeCurrent || !outcome.patientNumber || config_.reqDir.empty()) return;
  ReferenceRegistrar registrar(db_, config_, operatorId_);
  if (registrar.upToDate(*outcome.patientNumber)) return;
  try {
    outcome.referenceRegistration = registrar.queuePatient(*outcome.patientNumber).detail;
  } catch (const Error& e) {
    // The decision stands; the registration waits for `refno register` or the next valid result.
    outcome.referenceRegistration = std::string("照会番号の登録を送れませんでした: ") + e.what();
  }
}

}  // namespace rececon
