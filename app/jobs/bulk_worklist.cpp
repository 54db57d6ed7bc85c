#include "app/jobs/bulk_worklist.h"

#include <algorithm>

#include "app/core/csv_table.h"
#include "app/jobs/bulk_reconciliation.h"
#include "db/appointment_repository.h"
#include "db/audit_log.h"
#include "db/bulk_repository.h"
#include "db/patient_repository.h"

namespace rececon {
namespace {

std::string insuranceText(const db::StoredBulkEntry& e) {
  if (e.insurerNumber.empty()) return "";
  std::string s = e.insurerNumber;
  if (!e.symbol.empty()) s += " 記号 " + e.symbol;
  s += " 番号 " + e.number;
  if (!e.branch.empty()) s += " 枝番 " + e.branch;
  return s;
}

}  // namespace

std::vector<WorklistItem> bulkWorklist(db::Database& db, Date checkDate, bool openOnly) {
  db::BulkRepository repo(db);
  const std::string isoDate = toIsoString(checkDate);
  const auto run = repo.runForDate(isoDate);
  if (!run) return {};
  std::map<std::int64_t, std::string> failedFiles;  // entries of failed files were not checked
  for (const auto& f : repo.files(run->id)) {
    if (f.state == BulkStage::Failed) failedFiles[f.id] = f.detail;
  }
  db::PatientRepository patients(db);
  db::AppointmentRepository appointments(db);
  std::vector<WorklistItem> items;
  for (const db::StoredBulkEntry& e : repo.entries(run->id)) {
    const bool unchecked = e.state == BulkEntryState::Pending && e.fileId && failedFiles.count(*e.fileId);
    if (!e.needsAttention && !unchecked) continue;
    const bool done = !e.doneBy.empty();
    if (openOnly && done) continue;
    WorklistItem item;
    item.entryId = e.id;
    item.appointmentTime = appointments.firstTime(isoDate, e.patientNumber);
    item.patientNumber = e.patientNumber;
    if (const auto p = patients.find(e.patientNumber)) {
      item.name = p->name;
      item.nameKana = p->nameKana;
    }
    item.insurance = insuranceText(e);
    item.outcome = e.outcome;
    item.outcomeLabel = unchecked ? "未照会" : bulkOutcomeLabel(e.outcome);
    item.detail = unchecked ? "一括照会に失敗したため確認できていません（" + failedFiles[*e.fileId] + "）。来院時に資格確認をしてください。"
                            : e.detail;
    item.comparison = e.comparison;
    item.processingCode = e.processingCode;
    item.processingMessage = e.processingMessage;
    item.done = done;
    item.doneBy = e.doneBy;
    item.doneAt = e.doneAt;
    items.push_back(std::move(item));
  }
  std::stable_sort(items.begin(), items.end(), [](const WorklistItem& a, const WorklistItem& b) {
    // Untimed appointments last: the clerk works through the morning in order.
    const auto key = [](const WorklistItem& i) { return std::pair(i.appointmentTime.empty(), i.appointmentTime); };
    if (key(a) != key(b)) return key(a) < key(b);
    return a.patientNumber < b.patientNumber;
  });
  return items;
}

void setWorklistItemDone(db::Database& db, std::int64_t entryId, bool done, const std::string& operatorId) {
  db::WriteTransaction tx(db);
  db::BulkRepository repo(db);
  const db::StoredBulkEntry e = repo.entry(entryId);
  repo.setDone(entryId, done, operatorId);
  db::AuditLog(db).append(operatorId, done ? "bulk.worklist.done" : "bulk.worklist.reopen", std::nullopt, e.patientNumber,
                          std::string("一括照会の作業リスト（") + bulkOutcomeLabel(e.outcome) + "）を" +
                              (done ? "対応済みにしました。" : "未対応に戻しました。"));
  tx.commit();
}

std::string worklistCsv(const std::vector<WorklistItem>& items) {
  std::string out = "\xEF\xBB\xBF";
  out += csvLine({"予約時刻", "患者番号", "氏名", "カナ氏名", "保険", "結果", "対応", "違い", "処理結果コード", "処理結果メッセージ",
                  "対応済み", "対応者", "対応日時"});
  for (const auto& i : items) {
    out += csvLine({i.appointmentTime, std::to_string(i.patientNumber), i.name, i.nameKana, i.insurance, i.outcomeLabel,
                    i.detail, i.comparison, i.processingCode, i.processingMessage, i.done ? "済" : "", i.doneBy, i.doneAt});
  }
  return out;
}

}  // namespace rececon
