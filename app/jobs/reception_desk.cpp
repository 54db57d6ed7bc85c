#include "app/jobs/reception_desk.h"

#include "app/jobs/rights.h"
#include "app/core/error.h"
#include "app/jobs/patient_register.h"
#include "db/audit_log.h"
#include "db/change_log.h"
#include "db/fallback_repository.h"
#include "db/insurance_repository.h"
#include "db/patient_repository.h"
#include "db/qualification_repository.h"

namespace rececon {

const char* receptionStateLabel(ReceptionState state) {
  switch (state) {
    case ReceptionState::Verified: return "確認済";
    case ReceptionState::Checking: return "確認中";
    case ReceptionState::Unverified: return "未確認";
    case ReceptionState::NeedsAttention: return "要確認";
    case ReceptionState::Reverified: return "再確認済";
  }
  return "未確認";
}

std::vector<ReceptionRow> receptionList(db::Database& db, Date day) {
  std::vector<ReceptionRow> rows;
  db::PatientRepository patients(db);
  db::InsuranceRepository records(db);
  db::FallbackRepository captures(db);
  for (auto& v : db::VisitRepository(db).onDate(toIsoString(day))) {
    ReceptionRow row;
    // arrived_at is "YYYY-MM-DDTHH:MM:SS+09:00" in local time.
    row.arrivedTime = v.arrivedAt.size() >= 16 ? v.arrivedAt.substr(11, 5) : v.arrivedAt;
    row.state = v.verification;
    if (v.patientNumber) {
      row.patient = patients.get(*v.patientNumber);
      row.name = row.patient->name;
      row.nameKana = row.patient->nameKana;
    } else if (const auto capture = captures.captureOfVisit(v.id)) {
      row.name = capture->name;
      row.nameKana = capture->nameKana;
    }
    if (v.insuranceId) row.insurance = records.get(*v.insuranceId);
    row.visit = std::move(v);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::int64_t> arrivedResultIds(db::Database& db) {
  return db::QualificationRepository(db).idsInState(ResultDecision::Arrived);
}

ArrivedResult arrivedResult(db::Database& db, std::int64_t resultId) {
  // Reading a stored result needs no folders: the service is made without a linkage configuration.
  QualificationService service(db, linkage::ExchangeConfig{}, "", "");
  const db::StoredResult stored = db::QualificationRepository(db).result(resultId);
  const CheckReport report = service.reportForResult(stored.id);
  ArrivedResult a;
  a.resultId = stored.id;
  a.source = stored.source;
  a.receivedTime = stored.receivedAt.size() >= 16 ? stored.receivedAt.substr(11, 5) : stored.receivedAt;
  a.outcome = report.outcome;
  if (report.returned) {
    a.name = report.returned->name;
    a.nameKana = report.returned->nameKana;
    a.birthDate = report.returned->birthDate;
  }
  a.patientNumber = report.patientNumber;
  if (report.match) a.matchWords = matchKindWords(report.match->kind);
  return a;
}

std::vector<ArrivedResult> arrivedResults(db::Database& db) {
  std::vector<ArrivedResult> out;
  for (const std::int64_t id : arrivedResultIds(db)) out.push_back(arrivedResult(db, id));
  return out;
}

ReceptionDesk::ReceptionDesk(db::Database& db, std::string operatorId) : db_(db), operatorId_(std::move(operatorId)) {}

std::optional<db::StoredVisit> ReceptionDesk::todaysVisit(std::int64_t patientNumber) {
  for (const auto& v : db::VisitRepository(db_).onDate(toIsoString(today()))) {
    if (v.patientNumber == patientNumber) return v;
  }
  return std::nullopt;
}

db::StoredVisit ReceptionDesk::record(std::int64_t patientNumber, std::optional<std::int64_t> insuranceId,
                                      VisitVerification state, std::optional<std::int64_t> checkId,
                                      std::optional<std::int64_t> resultId, const std::string& detail) {
  requireRight(db_, operatorId_, Right::Reception, "受付");
  db::WriteTransaction tx(db_);
  db::VisitRepository visits(db_);
  std::int64_t visitId = 0;
  if (const auto existing = todaysVisit(patientNumber)) {
    visitId = existing->id;
    visits.setVerification(visitId, existing->verification, state, checkId, resultId, detail);
    if (insuranceId && insuranceId != existing->insuranceId) visits.setPatient(visitId, patientNumber, insuranceId);
  } else {
    db::StoredVisit v;
    v.visitDate = toIsoString(today());
    v.arrivedAt = db::nowTimestamp();
    v.patientNumber = patientNumber;
    v.insuranceId = insuranceId;
    v.verification = state;
    v.checkId = checkId;
    v.resultId = resultId;
    v.verificationDetail = detail;
    v.operatorId = operatorId_;
    visitId = visits.add(v);
  }
  db::AuditLog(db_).append(operatorId_, "visit.checkin", visitId, patientNumber, "受付 " + std::to_string(visitId) + "（" + detail + "）");
  tx.commit();
  return visits.get(visitId);
}

db::StoredVisit ReceptionDesk::checkIn(std::int64_t patientNumber, std::int64_t checkId) {
  PatientRegister reg(db_, operatorId_);
  const auto insurance = reg.currentInsurance(patientNumber);  // NotFound for an unknown patient
  if (!insurance)
    throw InvalidInput("患者番号 " + std::to_string(patientNumber) +
                       " には保険情報がありません。保険証・資格確認書の内容を登録するか、マイナンバーカードで確認してください。");
  return record(patientNumber, insurance->id, VisitVerification::Checking, checkId, std::nullopt, kDeskCheckPending);
}

db::StoredVisit ReceptionDesk::checkInFromCardResult(std::int64_t patientNumber, std::int64_t resultId,
                                                     CheckOutcome outcome) {
  PatientRegister reg(db_, operatorId_);
  const auto insurance = reg.currentInsurance(patientNumber);
  const bool valid = outcome == CheckOutcome::Valid;
  return record(patientNumber, insurance ? std::optional(insurance->id) : std::nullopt,
                valid ? VisitVerification::Verified : VisitVerification::NeedsAttention, std::nullopt, resultId,
                std::string("マイナンバーカードで確認: ") + outcomeWords(outcome));
}

db::StoredVisit ReceptionDesk::receiveOnCard(std::int64_t patientNumber) {
  PatientRegister reg(db_, operatorId_);
  const auto insurance = reg.currentInsurance(patientNumber);
  if (!insurance)
    throw InvalidInput("患者番号 " + std::to_string(patientNumber) +
                       " には保険情報がありません。保険証・資格確認書の内容を登録してから受付してください。");
  return record(patientNumber, insurance->id, VisitVerification::Unverified, std::nullopt, std::nullopt,
                "保険証・資格確認書で受付（オンライン資格確認は後で再確認）");
}

namespace {

// What a visit becomes once its check has ended, and why (as recorded with it).
std::pair<VisitVerification, std::string> settledState(const CheckReport& report) {
  if (!report.resultId) {
    const std::string why = report.requestDetail.empty() ? "応答を待つのを取り消し" : report.requestDetail;
    return {VisitVerification::Unverified, "応答なし（" + why + "）。連携が戻ったら再確認します。"};
  }
  if (report.outcome == CheckOutcome::Valid) return {VisitVerification::Verified, "オンライン資格確認: 有効"};
  // A file-level error says nothing about the person: as with no answer, re-verification checks it later.
  if (report.outcome == CheckOutcome::Error && !report.errorCode.empty())
    return {VisitVerification::Unverified, "連携先のエラー（" + report.errorCode + "）。連携が戻ったら再確認します。"};
  return {VisitVerification::NeedsAttention, std::string("オンライン資格確認: ") + outcomeWords(report.outcome)};
}

}  // namespace

bool ReceptionDesk::settleCheck(std::int64_t visitId, const CheckReport& report) {
  db::WriteTransaction tx(db_);
  db::VisitRepository visits(db_);
  const db::StoredVisit v = visits.get(visitId);
  if (v.verification != VisitVerification::Checking || v.checkId != report.checkId) return false;
  const auto [state, detail] = settledState(report);
  const bool changed = visits.setVerification(visitId, VisitVerification::Checking, state, std::nullopt, report.resultId, detail);
  if (changed) db::AuditLog(db_).append(operatorId_, "visit.checked", visitId, v.patientNumber, detail);
  tx.commit();
  return changed;
}

bool ReceptionDesk::settleLateAnswer(const CheckReport& report) {
  if (!report.checkId || !report.resultId) return false;
  db::WriteTransaction tx(db_);
  db::VisitRepository visits(db_);
  bool changed = false;
  for (const auto& v : visits.onDate(toIsoString(today()))) {
    if (v.checkId != report.checkId || (v.verification != VisitVerification::Unverified && v.verification != VisitVerification::Checking)) continue;
    const auto [state, detail] = settledState(report);
    if (visits.setVerification(v.id, v.verification, state, std::nullopt, report.resultId, detail + "（遅れて届いた応答）")) {
      db::AuditLog(db_).append(operatorId_, "visit.checked", v.id, v.patientNumber, detail + "（遅れて届いた応答）");
      changed = true;
    }
  }
  tx.commit();
  return changed;
}

}  // namespace rececon
