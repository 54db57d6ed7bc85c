#include "app/jobs/fallback_reception.h"

#include "app/jobs/rights.h"
#include "app/core/error.h"
#include "app/core/japanese_date.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/reception_desk.h"
#include "db/audit_log.h"
#include "db/change_log.h"
#include "db/insurance_repository.h"

namespace rececon {
namespace {

std::string visitSummary(const db::StoredVisit& v) {
  return formatWareki(*fromIsoString(v.visitDate)) + " 受付 " + std::to_string(v.id);
}

}  // namespace

FallbackReception::FallbackReception(db::Database& db, std::string operatorId)
    : db_(db), operatorId_(std::move(operatorId)) {}

std::optional<std::int64_t> FallbackReception::openPeriodId() {
  const auto open = db::FallbackRepository(db_).openPeriod();
  return open ? std::optional<std::int64_t>(open->id) : std::nullopt;
}

FallbackStatus FallbackReception::status() { return fallbackStatus(db_); }

FallbackStatus fallbackStatus(db::Database& db) {
  FallbackStatus s;
  db::FallbackRepository repo(db);
  s.period = repo.openPeriod();
  s.active = s.period.has_value();
  if (!s.active) s.period = repo.latestPeriod();
  const auto counts = db::VisitRepository(db).countByVerification();
  const auto count = [&](VisitVerification state) {
    const auto it = counts.find(state);
    return it == counts.end() ? std::int64_t{0} : it->second;
  };
  s.unverified = count(VisitVerification::Unverified);
  s.checkingAtDesk = db::VisitRepository(db).countWithDetail(VisitVerification::Checking, kDeskCheckPending);
  s.checking = count(VisitVerification::Checking) - s.checkingAtDesk;
  s.needsAttention = count(VisitVerification::NeedsAttention);
  s.reverified = count(VisitVerification::Reverified);
  s.verified = count(VisitVerification::Verified);
  s.pendingCaptures = repo.countCaptures("pending");
  return s;
}

bool FallbackReception::enter(const std::string& reason) {
  db::WriteTransaction tx(db_);  // BEGIN IMMEDIATE: two desks switching at once still open one period
  db::FallbackRepository repo(db_);
  if (repo.openPeriod()) return false;
  const std::int64_t id = repo.startPeriod(operatorId_, reason);
  db::AuditLog(db_).append(operatorId_, "fallback.on", std::nullopt, std::nullopt,
                           "単独モード開始（期間 " + std::to_string(id) + "）: " + reason);
  tx.commit();
  return true;
}

bool FallbackReception::leave(const std::string& reason) {
  db::WriteTransaction tx(db_);
  db::FallbackRepository repo(db_);
  const auto open = repo.openPeriod();
  if (!open) return false;
  repo.endPeriod(open->id, operatorId_, reason);
  db::AuditLog(db_).append(operatorId_, "fallback.off", std::nullopt, std::nullopt,
                           "単独モード終了（期間 " + std::to_string(open->id) + "）: " + reason);
  tx.commit();
  return true;
}

db::StoredVisit FallbackReception::registerVisit(const VisitRequest& request) {
  requireRight(db_, operatorId_, Right::Reception, "単独モードの受付");
  PatientRegister reg(db_, operatorId_);
  const Patient patient = reg.patient(request.patientNumber);
  std::optional<InsuranceRecord> record;
  if (request.insuranceId) {
    record = db::InsuranceRepository(db_).get(*request.insuranceId);
    if (record->patientNumber != patient.number)
      throw InvalidInput("保険ID " + std::to_string(*request.insuranceId) + " は患者番号 " + std::to_string(patient.number) +
                         " の保険ではありません。");
  } else {
    record = reg.currentInsurance(patient.number);
  }
  if (!record)
    throw InvalidInput("患者番号 " + std::to_string(patient.number) +
                       " には保険情報がありません。保険証・資格確認書の内容を先に登録するか、マイナンバーカードだけの方は4項目を記録してください。");

  db::WriteTransaction tx(db_);
  db::StoredVisit v;
  v.visitDate = toIsoString(request.visitDate.value_or(today()));
  v.arrivedAt = db::nowTimestamp();
  v.patientNumber = patient.number;
  v.insuranceId = record->id;
  v.fallbackPeriodId = openPeriodId();
  v.verification = VisitVerification::Unverified;
  v.verificationDetail = v.fallbackPeriodId ? "単独モードで受付（オンライン資格確認は未実施）" : "オンライン資格確認は未実施";
  v.operatorId = operatorId_;
  v.id = db::VisitRepository(db_).add(v);
  const InsuredNumber& n = record->insured;
  db::AuditLog(db_).append(operatorId_, "visit.register", v.id, patient.number,
                           visitSummary(v) + "（" + v.verificationDetail + "）保険者番号 " + n.insurerNumber + " 記号 " +
                               n.symbol + " 番号 " + n.number + " 枝番 " + n.branch);
  tx.commit();
  return db::VisitRepository(db_).get(v.id);
}

CaptureOutcome FallbackReception::capture(const CardFaceFields& fields, std::optional<std::int64_t> patientNumber,
                                          std::optional<Date> visitDate) {
  requireRight(db_, operatorId_, Right::Reception, "4情報の記録");
  const CardFace face = makeCardFace(fields, today());
  std::optional<InsuranceRecord> current;
  if (patientNumber) {
    PatientRegister reg(db_, operatorId_);
    const Patient patient = reg.patient(*patientNumber);
    if (patient.birthDate != face.birthDate || patient.sex != face.sex)
      throw InvalidInput("患者番号 " + std::to_string(*patientNumber) + " の生年月日・性別（" + formatWareki(patient.birthDate) +
                         "、" + sexLabel(patient.sex) + "）がカードの記載（" + formatWareki(face.birthDate) + "、" +
                         sexLabel(face.sex) + "）と違います。別の方の可能性があります。患者番号を確かめてください。");
    current = reg.currentInsurance(patient.number);
  }
  db::WriteTransaction tx(db_);
  db::StoredVisit v;
  v.visitDate = toIsoString(visitDate.value_or(today()));
  v.arrivedAt = db::nowTimestamp();
  v.patientNumber = patientNumber;
  if (current) v.insuranceId = current->id;
  v.fallbackPeriodId = openPeriodId();
  v.verification = VisitVerification::Unverified;
  v.verificationDetail = "マイナンバーカードの4項目を記録（コールセンター経由の確認待ち）";
  v.operatorId = operatorId_;
  v.id = db::VisitRepository(db_).add(v);
  db::StoredCapture c;
  c.visitId = v.id;
  c.name = face.name;
  c.nameKana = face.nameKana;
  c.sex = face.sex == Sex::Female ? 2 : 1;
  c.birthDate = toIsoString(face.birthDate);
  c.address = face.address;
  c.insurerName = face.insurerName;
  c.operatorId = operatorId_;
  const std::int64_t captureId = db::FallbackRepository(db_).addCapture(c);
  db::AuditLog(db_).append(operatorId_, "visit.capture", v.id, patientNumber,
                           visitSummary(v) + " 4項目記録 " + std::to_string(captureId) + ": " + face.name + "、" +
                               sexLabel(face.sex) + "、" + formatWareki(face.birthDate) + "生");
  tx.commit();
  return {v.id, captureId};
}

bool FallbackReception::confirmCapture(std::int64_t captureId, const std::string& confirmation) {
  if (confirmation.empty()) throw InvalidInput("コールセンターなどで確認した内容を入力してください。");
  db::WriteTransaction tx(db_);
  db::FallbackRepository repo(db_);
  if (!repo.confirmCapture(captureId, operatorId_, confirmation)) return false;
  db::AuditLog(db_).append(operatorId_, "capture.confirm", std::nullopt, std::nullopt,
                           "4項目記録 " + std::to_string(captureId) + " の確認: " + confirmation);
  tx.commit();
  return true;
}

bool FallbackReception::resolve(std::int64_t visitId, const std::string& note) {
  if (note.empty()) throw InvalidInput("何を確認・対応したかを入力してください。");
  db::WriteTransaction tx(db_);
  db::VisitRepository visits(db_);
  const db::StoredVisit v = visits.get(visitId);
  if (!visits.setVerification(visitId, VisitVerification::NeedsAttention, VisitVerification::Reverified, std::nullopt, std::nullopt,
                              "対応済み（" + operatorId_ + "）: " + note))
    return false;
  db::AuditLog(db_).append(operatorId_, "visit.resolve", visitId, v.patientNumber, note);
  tx.commit();
  return true;
}

std::vector<CaptureWithVisit> pendingCaptures(db::Database& db) {
  std::vector<CaptureWithVisit> out;
  db::VisitRepository visits(db);
  for (auto& c : db::FallbackRepository(db).captures("pending")) {
    db::StoredVisit v = visits.get(c.visitId);
    out.emplace_back(std::move(c), std::move(v));
  }
  return out;
}

std::string pendingCapturesSheet(const std::vector<CaptureWithVisit>& pending, const std::string& institutionName,
                                 const std::string& institutionCode, Date printedOn) {
  std::string text = "マイナンバーカード 4項目の記録（資格確認待ち）\n";
  text += "医療機関: " + (institutionName.empty() ? std::string("（未設定）") : institutionName);
  if (!institutionCode.empty()) text += "（医療機関コード " + institutionCode + "）";
  text += "\n作成日: " + formatWareki(printedOn) + "\n";
  text += std::string("問い合わせ先: オンライン資格確認等コールセンター ") + kCallCenterNumber +
          "／「緊急時医療情報・資格確認機能」\n";
  text += "件数: " + std::to_string(pending.size()) + "\n";
  int n = 0;
  for (const auto& [c, v] : pending) {
    const Date birth = *fromIsoString(c.birthDate);
    text += "\n" + std::to_string(++n) + ". 受付 " + std::to_string(v.id) + "（" + formatTimestampWareki(v.arrivedAt) + "）";
    text += v.patientNumber ? "  患者番号 " + std::to_string(*v.patientNumber) + "\n" : "  患者未登録\n";
    text += "   氏名: " + c.name + (c.nameKana.empty() || c.nameKana == c.name ? "" : "（" + c.nameKana + "）") + "\n";
    text += std::string("   性別: ") + (c.sex == 2 ? "女" : "男") + "    生年月日: " + formatWareki(birth) + "\n";
    text += "   住所: " + c.address + "\n";
    text += "   保険者名: " + (c.insurerName.empty() ? std::string("（不明）") : c.insurerName) + "\n";
    text += "   確認結果: ______________________________\n";
  }
  return text;
}

std::vector<AuditEntry> visitAudit(db::Database& db, std::int64_t visitId) { return db::AuditLog(db).forVisit(visitId); }

std::vector<AuditEntry> recentAudit(db::Database& db, int limit) { return db::AuditLog(db).recent(limit); }

}  // namespace rececon
