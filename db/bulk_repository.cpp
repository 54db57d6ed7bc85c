#include "db/bulk_repository.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "db/change_log.h"
#include "db/nullable_columns.h"
#include "db/sqlite_errors.h"

namespace rececon::db {
namespace {

constexpr const char* kRunColumns =
    "id, check_date, state, host, pid, lease_until, operator, detail, created_at, updated_at";
constexpr const char* kFileColumns =
    "id, run_id, seq, state, upload_file, upload_request_id, reception_number, reception_time, accepted_at,"
    " download_file, download_request_id, downloads, download_errors, next_download_at, result_request_id, detail,"
    " updated_at";
constexpr const char* kEntryColumns =
    "id, run_id, file_id, patient_number, insurance_id, identifier, insurer_number, symbol, number, branch, birth_date,"
    " state, outcome, limit_changed, processing_code, processing_message, reference_number, comparison, changed_fields,"
    " new_insurance_id, detail, reconciled_at, needs_attention, done_by, done_at";

// A word no stage has means the register was changed outside the program.
template <class E>
E stateFrom(const std::string& stored) {
  if (const auto e = enumFromName<E>(stored)) return *e;
  throw EnvironmentError("一括照会の状態「" + stored + "」を読めません（データベースが外から変更された可能性があります）。");
}

std::string stored(BulkStage s) { return std::string(nameOf(s)); }
std::string stored(BulkEntryState s) { return std::string(nameOf(s)); }

StoredBulkRun readRun(SQLite::Statement& q) {
  StoredBulkRun r;
  r.id = q.getColumn(0).getInt64();
  r.checkDate = q.getColumn(1).getString();
  r.state = stateFrom<BulkStage>(q.getColumn(2).getString());
  r.host = q.getColumn(3).getString();
  r.pid = q.getColumn(4).getInt64();
  r.leaseUntil = q.getColumn(5).getInt64();
  r.operatorId = q.getColumn(6).getString();
  r.detail = q.getColumn(7).getString();
  r.createdAt = q.getColumn(8).getString();
  r.updatedAt = q.getColumn(9).getString();
  return r;
}

StoredBulkFile readFile(SQLite::Statement& q) {
  StoredBulkFile f;
  f.id = q.getColumn(0).getInt64();
  f.runId = q.getColumn(1).getInt64();
  f.seq = q.getColumn(2).getInt();
  f.state = stateFrom<BulkStage>(q.getColumn(3).getString());
  f.uploadFile = q.getColumn(4).getString();
  f.uploadRequestId = optionalInt64(q.getColumn(5));
  f.receptionNumber = q.getColumn(6).getString();
  f.receptionTime = q.getColumn(7).getString();
  f.acceptedAt = q.getColumn(8).getInt64();
  f.downloadFile = q.getColumn(9).getString();
  f.downloadRequestId = optionalInt64(q.getColumn(10));
  f.downloads = q.getColumn(11).getInt();
  f.downloadErrors = q.getColumn(12).getInt();
  f.nextDownloadAt = q.getColumn(13).getInt64();
  f.resultRequestId = optionalInt64(q.getColumn(14));
  f.detail = q.getColumn(15).getString();
  f.updatedAt = q.getColumn(16).getString();
  return f;
}

StoredBulkEntry readEntry(SQLite::Statement& q) {
  StoredBulkEntry e;
  e.id = q.getColumn(0).getInt64();
  e.runId = q.getColumn(1).getInt64();
  e.fileId = optionalInt64(q.getColumn(2));
  e.patientNumber = q.getColumn(3).getInt64();
  e.insuranceId = optionalInt64(q.getColumn(4));
  e.identifier = q.getColumn(5).getString();
  e.insurerNumber = q.getColumn(6).getString();
  e.symbol = q.getColumn(7).getString();
  e.number = q.getColumn(8).getString();
  e.branch = q.getColumn(9).getString();
  e.birthDate = q.getColumn(10).getString();
  e.state = stateFrom<BulkEntryState>(q.getColumn(11).getString());
  e.outcome = q.getColumn(12).getString();
  e.limitChanged = q.getColumn(13).getInt() != 0;
  e.processingCode = q.getColumn(14).getString();
  e.processingMessage = q.getColumn(15).getString();
  e.referenceNumber = q.getColumn(16).getString();
  e.comparison = q.getColumn(17).getString();
  e.changedFields = q.getColumn(18).getString();
  e.newInsuranceId = optionalInt64(q.getColumn(19));
  e.detail = q.getColumn(20).getString();
  e.reconciledAt = q.getColumn(21).getString();
  e.needsAttention = q.getColumn(22).getInt() != 0;
  e.doneBy = q.getColumn(23).getString();
  e.doneAt = q.getColumn(24).getString();
  return e;
}

template <typename Row, typename Read>
std::vector<Row> readRows(SQLite::Statement& q, Read read) {
  std::vector<Row> out;
  while (q.executeStep()) out.push_back(read(q));
  return out;
}

}  // namespace

std::optional<StoredBulkRun> BulkRepository::runForDate(const std::string& isoDate) {
  return guarded("一括照会の読み込み", [&]() -> std::optional<StoredBulkRun> {
    auto cached = db_.prepare(std::string("SELECT ") + kRunColumns + " FROM bulk_run WHERE check_date = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, isoDate);
    if (!q.executeStep()) return std::nullopt;
    return readRun(q);
  });
}

StoredBulkRun BulkRepository::run(std::int64_t id) {
  return guarded("一括照会の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kRunColumns + " FROM bulk_run WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, id);
    if (!q.executeStep()) throw NotFound("一括照会 " + std::to_string(id) + " は記録されていません。");
    return readRun(q);
  });
}

std::vector<StoredBulkRun> BulkRepository::unfinishedRuns() {
  return guarded("一括照会の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kRunColumns +
                              " FROM bulk_run WHERE state NOT IN ('done', 'failed') ORDER BY id");
    return readRows<StoredBulkRun>(cached.get(), readRun);
  });
}

std::int64_t BulkRepository::addRun(const std::string& isoDate, const std::string& operatorId) {
  return guarded("一括照会の記録", [&] {
    auto cached = db_.prepare(
        "INSERT INTO bulk_run (check_date, state, operator, created_at, updated_at) VALUES (?, 'created', ?, ?, ?)");
    SQLite::Statement& q = cached.get();
    const std::string now = nowTimestamp();
    q.bind(1, isoDate);
    q.bind(2, operatorId);
    q.bind(3, now);
    q.bind(4, now);
    q.exec();
    return db_.sql().getLastInsertRowid();
  });
}

void BulkRepository::setRunState(std::int64_t id, BulkStage state, const std::string& detail) {
  guarded("一括照会の記録", [&] {
    auto cached = db_.prepare("UPDATE bulk_run SET state = ?, detail = ?, updated_at = ? WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, stored(state));
    q.bind(2, detail);
    q.bind(3, nowTimestamp());
    q.bind(4, id);
    q.exec();
  });
}

bool BulkRepository::takeLease(std::int64_t id, const std::string& host, std::int64_t pid, std::int64_t leaseUntil,
                               const StoredBulkRun& expected) {
  return guarded("一括照会の記録", [&] {
    auto cached = db_.prepare(
        "UPDATE bulk_run SET host = ?, pid = ?, lease_until = ? WHERE id = ? AND host = ? AND pid = ? AND lease_until = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, host);
    q.bind(2, pid);
    q.bind(3, leaseUntil);
    q.bind(4, id);
    q.bind(5, expected.host);
    q.bind(6, expected.pid);
    q.bind(7, expected.leaseUntil);
    return q.exec() == 1;
  });
}

void BulkRepository::releaseLease(std::int64_t id, const std::string& host, std::int64_t pid) {
  guarded("一括照会の記録", [&] {
    auto cached = db_.prepare("UPDATE bulk_run SET lease_until = 0 WHERE id = ? AND host = ? AND pid = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, id);
    q.bind(2, host);
    q.bind(3, pid);
    q.exec();
  });
}

std::int64_t BulkRepository::addFile(std::int64_t runId, int seq) {
  return guarded("一括照会ファイルの記録", [&] {
    auto cached = db_.prepare("INSERT INTO bulk_file (run_id, seq, state, updated_at) VALUES (?, ?, 'created', ?)");
    SQLite::Statement& q = cached.get();
    q.bind(1, runId);
    q.bind(2, seq);
    q.bind(3, nowTimestamp());
    q.exec();
    return db_.sql().getLastInsertRowid();
  });
}

std::vector<StoredBulkFile> BulkRepository::files(std::int64_t runId) {
  return guarded("一括照会ファイルの読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kFileColumns + " FROM bulk_file WHERE run_id = ? ORDER BY seq");
    cached.get().bind(1, runId);
    return readRows<StoredBulkFile>(cached.get(), readFile);
  });
}

StoredBulkFile BulkRepository::file(std::int64_t id) {
  return guarded("一括照会ファイルの読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kFileColumns + " FROM bulk_file WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, id);
    if (!q.executeStep()) throw NotFound("一括照会ファイル " + std::to_string(id) + " は記録されていません。");
    return readFile(q);
  });
}

void BulkRepository::updateFile(const StoredBulkFile& f) {
  guarded("一括照会ファイルの記録", [&] {
    auto cached = db_.prepare(
        "UPDATE bulk_file SET state = ?, upload_file = ?, upload_request_id = ?, reception_number = ?,"
        " reception_time = ?, accepted_at = ?, download_file = ?, download_request_id = ?, downloads = ?,"
        " download_errors = ?, next_download_at = ?, result_request_id = ?, detail = ?, updated_at = ? WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, stored(f.state));
    q.bind(2, f.uploadFile);
    bindOptional(q, 3, f.uploadRequestId);
    q.bind(4, f.receptionNumber);
    q.bind(5, f.receptionTime);
    q.bind(6, f.acceptedAt);
    q.bind(7, f.downloadFile);
    bindOptional(q, 8, f.downloadRequestId);
    q.bind(9, f.downloads);
    q.bind(10, f.downloadErrors);
    q.bind(11, f.nextDownloadAt);
    bindOptional(q, 12, f.resultRequestId);
    q.bind(13, f.detail);
    q.bind(14, nowTimestamp());
    q.bind(15, f.id);
    q.exec();
  });
}

bool BulkRepository::addEntry(const StoredBulkEntry& e) {
  return guarded("一括照会の対象の記録", [&] {
    auto cached = db_.prepare(
        "INSERT OR IGNORE INTO bulk_entry (run_id, file_id, patient_number, insurance_id, identifier, insurer_number,"
        " symbol, number, branch, birth_date, state, outcome, detail, reconciled_at, needs_attention)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& q = cached.get();
    q.bind(1, e.runId);
    bindOptional(q, 2, e.fileId);
    q.bind(3, e.patientNumber);
    bindOptional(q, 4, e.insuranceId);
    q.bind(5, e.identifier);
    q.bind(6, e.insurerNumber);
    q.bind(7, e.symbol);
    q.bind(8, e.number);
    q.bind(9, e.branch);
    q.bind(10, e.birthDate);
    q.bind(11, stored(e.state));
    q.bind(12, e.outcome);
    q.bind(13, e.detail);
    q.bind(14, e.reconciledAt);
    q.bind(15, e.needsAttention ? 1 : 0);
    return q.exec() == 1;
  });
}

std::vector<StoredBulkEntry> BulkRepository::entries(std::int64_t runId) {
  return guarded("一括照会の対象の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kEntryColumns + " FROM bulk_entry WHERE run_id = ? ORDER BY id");
    cached.get().bind(1, runId);
    return readRows<StoredBulkEntry>(cached.get(), readEntry);
  });
}

std::vector<StoredBulkEntry> BulkRepository::entriesOfFile(std::int64_t fileId) {
  return guarded("一括照会の対象の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kEntryColumns + " FROM bulk_entry WHERE file_id = ? ORDER BY id");
    cached.get().bind(1, fileId);
    return readRows<StoredBulkEntry>(cached.get(), readEntry);
  });
}

int BulkRepository::unassignedCount(std::int64_t runId) {
  return guarded("一括照会の対象の読み込み", [&] {
    auto cached = db_.prepare("SELECT COUNT(*) FROM bulk_entry WHERE run_id = ? AND file_id IS NULL AND state = 'pending'");
    SQLite::Statement& q = cached.get();
    q.bind(1, runId);
    q.executeStep();
    return q.getColumn(0).getInt();
  });
}

int BulkRepository::assignUnassigned(std::int64_t runId, std::int64_t fileId, int limit) {
  return guarded("一括照会の対象の記録", [&] {
    auto cached = db_.prepare(
        "UPDATE bulk_entry SET file_id = ? WHERE id IN (SELECT id FROM bulk_entry"
        " WHERE run_id = ? AND file_id IS NULL AND state = 'pending' ORDER BY id LIMIT ?)");
    SQLite::Statement& q = cached.get();
    q.bind(1, fileId);
    q.bind(2, runId);
    q.bind(3, limit);
    return q.exec();
  });
}

StoredBulkEntry BulkRepository::entry(std::int64_t id) {
  return guarded("一括照会の対象の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kEntryColumns + " FROM bulk_entry WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, id);
    if (!q.executeStep()) throw NotFound("一括照会の対象 " + std::to_string(id) + " は記録されていません。");
    return readEntry(q);
  });
}

bool BulkRepository::saveReconciled(const StoredBulkEntry& e) {
  return guarded("一括照会の結果の記録", [&] {
    auto cached = db_.prepare(
        "UPDATE bulk_entry SET state = 'reconciled', outcome = ?, limit_changed = ?, processing_code = ?,"
        " processing_message = ?, reference_number = ?, comparison = ?, changed_fields = ?, new_insurance_id = ?,"
        " detail = ?, reconciled_at = ?, needs_attention = ? WHERE id = ? AND state = 'pending'");
    SQLite::Statement& q = cached.get();
    q.bind(1, e.outcome);
    q.bind(2, e.limitChanged ? 1 : 0);
    q.bind(3, e.processingCode);
    q.bind(4, e.processingMessage);
    q.bind(5, e.referenceNumber);
    q.bind(6, e.comparison);
    q.bind(7, e.changedFields);
    bindOptional(q, 8, e.newInsuranceId);
    q.bind(9, e.detail);
    q.bind(10, nowTimestamp());
    q.bind(11, e.needsAttention ? 1 : 0);
    q.bind(12, e.id);
    return q.exec() == 1;
  });
}

void BulkRepository::setDone(std::int64_t entryId, bool done, const std::string& operatorId) {
  guarded("作業リストの記録", [&] {
    auto cached = db_.prepare("UPDATE bulk_entry SET done_by = ?, done_at = ? WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, done ? operatorId : std::string());
    q.bind(2, done ? nowTimestamp() : std::string());
    q.bind(3, entryId);
    if (q.exec() != 1) throw NotFound("作業リストの項目 " + std::to_string(entryId) + " はありません。");
  });
}

BulkCounts BulkRepository::counts(std::int64_t runId) {
  return guarded("一括照会の集計", [&] {
    auto cached = db_.prepare(
        "SELECT outcome, state, COUNT(*), SUM(needs_attention) FROM bulk_entry WHERE run_id = ? GROUP BY outcome, state");
    SQLite::Statement& q = cached.get();
    q.bind(1, runId);
    BulkCounts c;
    while (q.executeStep()) {
      const std::int64_t n = q.getColumn(2).getInt64();
      c.entries += n;
      c.needsAttention += q.getColumn(3).getInt64();
      if (stateFrom<BulkEntryState>(q.getColumn(1).getString()) == BulkEntryState::Reconciled) {
        c.reconciled += n;
        c.byOutcome[q.getColumn(0).getString()] += n;
      }
    }
    return c;
  });
}

std::map<std::int64_t, int> BulkRepository::entriesPerFile(std::int64_t runId) {
  return guarded("一括照会の集計", [&] {
    auto cached = db_.prepare(
        "SELECT file_id, COUNT(*) FROM bulk_entry WHERE run_id = ? AND file_id IS NOT NULL GROUP BY file_id");
    SQLite::Statement& q = cached.get();
    q.bind(1, runId);
    std::map<std::int64_t, int> out;
    while (q.executeStep()) out[q.getColumn(0).getInt64()] = q.getColumn(1).getInt();
    return out;
  });
}

}  // namespace rececon::db
