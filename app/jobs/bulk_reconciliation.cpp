#include "app/jobs/bulk_reconciliation.h"

#include <map>
#include <set>

#include "app/core/error.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/returned_qualification.h"
#include "db/insurance_repository.h"
#include "db/linkage_request_repository.h"
#include "db/reference_repository.h"
#include "linkage/message_codec.h"
#include "linkage/messages.h"

namespace rececon {
namespace {

using linkage::Text;
namespace outcome = bulk_outcome;

std::string text(const Text& t) { return t.value_or(""); }

void setOutcome(db::StoredBulkEntry& e, const char* name, std::string detail) {
  e.outcome = name;
  e.detail = std::move(detail);
  e.needsAttention = e.outcome != outcome::kNoChange && e.outcome != outcome::kSupplemented;
}

std::string comparisonLines(const std::vector<FieldComparison>& fields) {
  std::string out;
  for (const auto& c : fields) {
    out += c.label + ": " + (c.held.empty() ? "（なし）" : c.heldShown) + " → " + (c.returned.empty() ? "（なし）" : c.returnedShown) +
           "\n";
  }
  return out;
}

// Judges one unit against its entry and, for a safe update, applies it (in the caller's transaction).
class EntryJudge {
 public:
  EntryJudge(db::Database& db, const std::string& operatorId, std::string reason)
      : db_(db), reg_(db, operatorId), reason_(std::move(reason)) {}

  void judge(db::StoredBulkEntry& e, const linkage::BulkUnit& u) {
    e.processingCode = text(u.processingCode);
    e.processingMessage = text(u.processingMessage);
    e.referenceNumber = text(u.referenceNumber);
    if (!u.problems.empty()) {
      std::string why;
      for (const auto& p : u.problems) why += p;
      return setOutcome(e, outcome::kError, "この方の結果の形式に誤りがあるため反映していません: " + why);
    }
    const auto echoedBirth = u.searchInfo ? u.searchInfo->birthdate : Text();
    if (echoedBirth && *echoedBirth != e.birthDate) {
      return setOutcome(e, outcome::kError, "照会した生年月日と結果の生年月日が一致しません（別の方の結果の可能性）。反映していません。");
    }
    if (u.processingStatus != Text("1") || !u.qualification) {
      if (u.validity == Text("4")) return setOutcome(e, outcome::kNotFound, "該当する資格がありません。保険証等の番号を確認し、来院時にマイナンバーカードで確認してください。");
      if (u.validity == Text("5")) return setOutcome(e, outcome::kSeveral, "複数の資格が該当しました。枝番を確認してください。");
      return setOutcome(e, outcome::kError, "照会できませんでした: " + e.processingCode + " " + e.processingMessage);
    }
    const linkage::Qualification& q = *u.qualification;
    e.limitChanged = q.limitCertificateChanged == Text("1");
    const ReturnedQualification returned = returnedFrom(q);
    // A result is applied only when its own birth date is read and agrees; one missing or unreadable is not
    // taken as agreeing.
    if (!returned.birthDate) {
      const std::string why = text(q.birthdate).empty() ? "がありません" : "「" + text(q.birthdate) + "」を読めません";
      return setOutcome(e, outcome::kError, "返された資格に生年月日" + why + "。反映していません。");
    }
    if (toCompactString(*returned.birthDate) != e.birthDate) {
      return setOutcome(e, outcome::kError, "返された資格の生年月日が患者と一致しません（別の方の可能性）。反映していません。");
    }
    if (!e.referenceNumber.empty() && e.referenceNumber != expectedReference(e.patientNumber)) {
      return setOutcome(e, outcome::kError, "照会番号 " + e.referenceNumber + " はこの患者の照会番号と一致しません。反映していません。");
    }
    if (u.validity == Text("2")) {
      return setOutcome(e, outcome::kInvalid, "資格が無効です" + lossText(q) + "。来院時に新しい保険証等を確認してください。");
    }
    if (u.validity == Text("3")) {
      return setOutcome(e, outcome::kInvalidNewer, "資格は無効で、新しい資格があります。来院時に資格確認をして新しい保険を登録してください。");
    }
    if (u.validity != Text("1")) {
      return setOutcome(e, outcome::kError, "資格の有効性「" + text(u.validity) + "」を読めません。");
    }
    judgeValid(e, returned);
    if (e.limitChanged) {
      if (!e.needsAttention) {
        setOutcome(e, outcome::kLimitChanged, e.detail + "限度額適用認定証の情報が変わりました。来院時に同意を得て資格確認をし、最新の区分を取得してください。");
      } else {
        e.detail += "限度額適用認定証の情報も変わっています。";
      }
    }
  }

 private:
  static std::string lossText(const linkage::Qualification& q) {
    return q.disqualificationDate ? "（喪失日 " + *q.disqualificationDate + "）" : "";
  }

  // Our reference number for the patient: the one registered with OQS, else the patient number (what
  // we register).
  std::string expectedReference(std::int64_t patientNumber) {
    const auto latest = db::ReferenceRepository(db_).latest(patientNumber);
    return latest && latest->state == ReferenceAttempt::Registered ? latest->referenceNumber : std::to_string(patientNumber);
  }

  void judgeValid(db::StoredBulkEntry& e, const ReturnedQualification& returned) {
    Patient patient = reg_.patient(e.patientNumber);
    const std::optional<InsuranceRecord> held =
        e.insuranceId ? std::optional<InsuranceRecord>(db::InsuranceRepository(db_).get(*e.insuranceId)) : std::nullopt;
    std::vector<FieldComparison> changed, added;
    for (const FieldComparison& c : compareWithRegister(patient, held, returned)) {
      if (!c.differs()) continue;
      if (!c.held.empty() || c.identity || c.insuredNumber) changed.push_back(c);
      else if (!isPatientField(c.field)) added.push_back(c);  // more qualification data than we held
    }
    e.comparison = comparisonLines(changed) + comparisonLines(added);
    if (!changed.empty()) {
      return setOutcome(e, outcome::kChanged, "保険情報が登録内容と違います。来院時に確認し、結果を反映するか判断してください。");
    }
    if (held && held->state != InsuranceState::Current) {
      return setOutcome(e, outcome::kChanged, "登録では有効でない保険が、有効と返されました。来院時に確認してください。");
    }
    if (added.empty()) return setOutcome(e, outcome::kNoChange, "有効。登録内容と一致しました。");
    const auto current = reg_.currentInsurance(patient.number);
    if (!held || !current || current->id != held->id) {
      return setOutcome(e, outcome::kChanged, "一括照会の準備の後に保険情報が変更されたため、追加情報は反映していません。");
    }
    InsuranceRecord record = *held;
    for (const FieldComparison& c : added) {
      takeField(c.field, returned, patient, record);
      e.changedFields += (e.changedFields.empty() ? "" : ",") + c.field;
    }
    record.id = 0;
    e.newInsuranceId = reg_.storeInsurance(record, reason_);
    setOutcome(e, outcome::kSupplemented, "有効。保険者は変わらず、追加の情報を反映しました。");
  }

  db::Database& db_;
  PatientRegister reg_;
  std::string reason_;
};

}  // namespace

const char* bulkOutcomeLabel(const std::string& o) {
  static const std::map<std::string, const char*> labels = {
      {outcome::kNoChange, "変更なし"},       {outcome::kSupplemented, "追加情報を反映"},
      {outcome::kChanged, "保険情報に変更あり"}, {outcome::kLimitChanged, "限度額適用認定証に変更あり"},
      {outcome::kInvalid, "無効"},            {outcome::kInvalidNewer, "無効（新しい資格あり）"},
      {outcome::kNotFound, "該当資格なし"},    {outcome::kSeveral, "複数該当"},
      {outcome::kError, "エラー"},            {outcome::kNoInsurance, "保険情報なし"},
  };
  const auto it = labels.find(o);
  return it == labels.end() ? "" : it->second;
}

int reconcileBulkFile(db::Database& db, std::int64_t fileId, const std::string& operatorId) {
  const db::StoredBulkFile file = db::BulkRepository(db).file(fileId);
  if (file.state != BulkStage::Received || !file.resultRequestId) return 0;
  const auto raw = db::LinkageRequestRepository(db).answer(*file.resultRequestId);
  if (!raw) throw InvalidInput("一括照会の結果（受付番号 " + file.receptionNumber + "）が記録されていません。");
  const std::string fileName = db::LinkageRequestRepository(db).get(*file.resultRequestId).resultFile;
  return reconcileBulkFile(db, fileId, operatorId, linkage::readBulkResult(linkage::decodeMessage(*raw, fileName).root()));
}

int reconcileBulkFile(db::Database& db, std::int64_t fileId, const std::string& operatorId,
                      const linkage::BulkResult& result) {
  db::WriteTransaction tx(db);
  db::BulkRepository repo(db);
  db::StoredBulkFile file = repo.file(fileId);
  if (file.state != BulkStage::Received || !file.resultRequestId) return 0;
  if (result.header.receptionNumber && *result.header.receptionNumber != file.receptionNumber) {
    throw InvalidInput("一括照会の結果の受付番号 " + *result.header.receptionNumber + " が要求した " + file.receptionNumber +
                       " と違います。");
  }
  const db::StoredBulkRun run = repo.run(file.runId);
  EntryJudge judge(db, operatorId, "一括照会（" + formatWareki(*fromIsoString(run.checkDate)) + "分、受付番号 " +
                                       file.receptionNumber + "）で保険者から追加された情報を反映");

  std::vector<db::StoredBulkEntry> entries = repo.entriesOfFile(fileId);
  std::map<std::string, std::size_t> byIdentifier;
  for (std::size_t i = 0; i < entries.size(); ++i) byIdentifier[entries[i].identifier] = i;
  std::set<std::size_t> judged;
  int unknown = 0, repeated = 0, reconciled = 0;
  for (const linkage::BulkUnit& u : result.units) {
    const std::string id = u.searchInfo ? text(u.searchInfo->arbitraryIdentifier) : "";
    const auto it = byIdentifier.find(id);
    if (it == byIdentifier.end()) {
      ++unknown;
      continue;
    }
    if (!judged.insert(it->second).second) {
      ++repeated;
      continue;
    }
    db::StoredBulkEntry& e = entries[it->second];
    if (e.state != BulkEntryState::Pending) continue;
    judge.judge(e, u);
    reconciled += repo.saveReconciled(e) ? 1 : 0;
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    db::StoredBulkEntry& e = entries[i];
    if (judged.count(i) || e.state != BulkEntryState::Pending) continue;
    setOutcome(e, outcome::kError, "一括照会の結果にこの患者が含まれていませんでした。来院時に資格確認をしてください。");
    reconciled += repo.saveReconciled(e) ? 1 : 0;
  }
  file.state = BulkStage::Reconciled;
  file.detail = text(result.header.processedCount) + "件（正常" + text(result.header.normalCount) + "件 異常" +
                text(result.header.errorCount) + "件）";
  if (unknown) file.detail += "、識別子が不明な結果 " + std::to_string(unknown) + " 件";
  if (repeated) file.detail += "、重複した結果 " + std::to_string(repeated) + " 件";
  repo.updateFile(file);
  tx.commit();
  return reconciled;
}

}  // namespace rececon
