#include "db/bulk_repository.h"

#include "db/change_log.h"
#include "db/database_errors.h"

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

StoredBulkRun readRun(Statement& q) {
  StoredBulkRun r;
  r.id = q.int64("id");
  r.checkDate = q.text("check_date");
  r.state = stateFrom<BulkStage>(q.text("state"));
  r.host = q.text("host");
  r.pid = q.int64("pid");
  r.leaseUntil = q.int64("lease_until");
  r.operatorId = q.text("operator");
  r.detail = q.text("detail");
  r.createdAt = q.text("created_at");
  r.updatedAt = q.text("updated_at");
  return r;
}

StoredBulkFile readFile(Statement& q) {
  StoredBulkFile f;
  f.id = q.int64("id");
  f.runId = q.int64("run_id");
  f.seq = q.integer("seq");
  f.state = stateFrom<BulkStage>(q.text("state"));
  f.uploadFile = q.text("upload_file");
  f.uploadRequestId = q.optionalInt64("upload_request_id");
  f.receptionNumber = q.text("reception_number");
  f.receptionTime = q.text("reception_time");
  f.acceptedAt = q.int64("accepted_at");
  f.downloadFile = q.text("download_file");
  f.downloadRequestId = q.optionalInt64("download_request_id");
  f.downloads = q.integer("downloads");
  f.downloadErrors = q.integer("download_errors");
  f.nextDownloadAt = q.int64("next_download_at");
  f.resultRequestId = q.optionalInt64("result_request_id");
  f.detail = q.text("detail");
  f.updatedAt = q.text("updated_at");
  return f;
}

StoredBulkEntry readEntry(Statement& q) {
  StoredBulkEntry e;
  e.id = q.int64("id");
  e.runId = q.int64("run_id");
  e.fileId = q.optionalInt64("file_id");
  e.patientNumber = q.int64("patient_number");
  e.insuranceId = q.optionalInt64("insurance_id");
  e.identifier = q.text("identifier");
  e.insurerNumber = q.text("insurer_number");
  e.symbol = q.text("symbol");
  e.number = q.text("number");
  e.branch = q.text("branch");
  e.birthDate = q.text("birth_date");
  e.state = stateFrom<BulkEntryState>(q.text("state"));
  e.outcome = q.text("outcome");
  e.limitChanged = q.boolean("limit_changed");
  e.processingCode = q.text("processing_code");
  e.processingMessage = q.text("processing_message");
  e.referenceNumber = q.text("reference_number");
  e.comparison = q.text("comparison");
  e.changedFields = q.text("changed_fields");
  e.newInsuranceId = q.optionalInt64("new_insurance_id");
  e.detail = q.text("detail");
  e.reconciledAt = q.text("reconciled_at");
  e.needsAttention = q.boolean("needs_attention");
  e.doneBy = q.text("done_by");
  e.doneAt = q.text("done_at");
  return e;
}

template <typename Row, typename Read>
std::vector<Row> readRows(Statement& q, Read read) {
  std::vector<Row> out;
  while (q.next()) out.push_back(read(q));
  return out;
}

}  // namespace

std::optional<StoredBulkRun> BulkRepository::runForDate(const std::string& isoDate) {
  return guarded("一括照会の読み込み", [&]() -> std::optional<StoredBulkRun> {
    Statement q = db_.prepare(std::string("SELECT ") + kRunColumns + " FROM bulk_run WHERE check_date = :check_date");
    q.bind("check_date", isoDate);
    if (!q.next()) return std::nullopt;
    return readRun(q);
  });
}

StoredBulkRun BulkRepository::run(std::int64_t id) {
  return guarded("一括照会の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kRunColumns + " FROM bulk_run WHERE id = :id");
    q.bind("id", id);
    if (!q.next()) throw NotFound("一括照会 " + std::to_string(id) + " は記録されていません。");
    return readRun(q);
  });
}

std::vector<StoredBulkRun> BulkRepository::unfinishedRuns() {
  return guarded("一括照会の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kRunColumns +
                              " FROM bulk_run WHERE state NOT IN ('done', 'failed') ORDER BY id");
    return readRows<StoredBulkRun>(q, readRun);
  });
}

std::int64_t BulkRepository::addRun(const std::string& isoDate, const std::string& operatorId) {
  return guarded("一括照会の記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO bulk_run (check_date, state, operator, created_at, updated_at)"
        " VALUES (:check_date, 'created', :operator, :now, :now) RETURNING id");
    q.bind("check_date", isoDate);
    q.bind("operator", operatorId);
    q.bind("now", nowTimestamp());
    return q.singleInt64("id");
  });
}

void BulkRepository::setRunState(std::int64_t id, BulkStage state, const std::string& detail) {
  guarded("一括照会の記録", [&] {
    Statement q =
        db_.prepare("UPDATE bulk_run SET state = :state, detail = :detail, updated_at = :updated_at WHERE id = :id");
    q.bind("state", stored(state));
    q.bind("detail", detail);
    q.bind("updated_at", nowTimestamp());
    q.bind("id", id);
    q.run();
  });
}

bool BulkRepository::takeLease(std::int64_t id, const std::string& host, std::int64_t pid, std::int64_t leaseUntil,
                               const StoredBulkRun& expected) {
  return guarded("一括照会の記録", [&] {
    Statement q = db_.prepare(
        "UPDATE bulk_run SET host = :host, pid = :pid, lease_until = :lease_until"
        " WHERE id = :id AND host = :expected_host AND pid = :expected_pid AND lease_until = :expected_lease_until");
    q.bind("host", host);
    q.bind("pid", pid);
    q.bind("lease_until", leaseUntil);
    q.bind("id", id);
    q.bind("expected_host", expected.host);
    q.bind("expected_pid", expected.pid);
    q.bind("expected_lease_until", expected.leaseUntil);
    return q.run() == 1;
  });
}

void BulkRepository::releaseLease(std::int64_t id, const std::string& host, std::int64_t pid) {
  guarded("一括照会の記録", [&] {
    Statement q = db_.prepare("UPDATE bulk_run SET lease_until = 0 WHERE id = :id AND host = :host AND pid = :pid");
    q.bind("id", id);
    q.bind("host", host);
    q.bind("pid", pid);
    q.run();
  });
}

std::int64_t BulkRepository::addFile(std::int64_t runId, int seq) {
  return guarded("一括照会ファイルの記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO bulk_file (run_id, seq, state, updated_at) VALUES (:run_id, :seq, 'created', :updated_at)"
        " RETURNING id");
    q.bind("run_id", runId);
    q.bind("seq", seq);
    q.bind("updated_at", nowTimestamp());
    return q.singleInt64("id");
  });
}

std::vector<StoredBulkFile> BulkRepository::files(std::int64_t runId) {
  return guarded("一括照会ファイルの読み込み", [&] {
    Statement q =
        db_.prepare(std::string("SELECT ") + kFileColumns + " FROM bulk_file WHERE run_id = :run_id ORDER BY seq");
    q.bind("run_id", runId);
    return readRows<StoredBulkFile>(q, readFile);
  });
}

StoredBulkFile BulkRepository::file(std::int64_t id) {
  return guarded("一括照会ファイルの読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kFileColumns + " FROM bulk_file WHERE id = :id");
    q.bind("id", id);
    if (!q.next()) throw NotFound("一括照会ファイル " + std::to_string(id) + " は記録されていません。");
    return readFile(q);
  });
}

void BulkRepository::updateFile(const StoredBulkFile& f) {
  guarded("一括照会ファイルの記録", [&] {
    Statement q = db_.prepare(
        "UPDATE bulk_file SET state = :state, upload_file = :upload_file, upload_request_id = :upload_request_id,"
        " reception_number = :reception_number, reception_time = :reception_time, accepted_at = :accepted_at,"
        " download_file = :download_file, download_request_id = :download_request_id, downloads = :downloads,"
        " download_errors = :download_errors, next_download_at = :next_download_at,"
        " result_request_id = :result_request_id, detail = :detail, updated_at = :updated_at WHERE id = :id");
    q.bind("state", stored(f.state));
    q.bind("upload_file", f.uploadFile);
    q.bind("upload_request_id", f.uploadRequestId);
    q.bind("reception_number", f.receptionNumber);
    q.bind("reception_time", f.receptionTime);
    q.bind("accepted_at", f.acceptedAt);
    q.bind("download_file", f.downloadFile);
    q.bind("download_request_id", f.downloadRequestId);
    q.bind("downloads", f.downloads);
    q.bind("download_errors", f.downloadErrors);
    q.bind("next_download_at", f.nextDownloadAt);
    q.bind("result_request_id", f.resultRequestId);
    q.bind("detail", f.detail);
    q.bind("updated_at", nowTimestamp());
    q.bind("id", f.id);
    q.run();
  });
}

bool BulkRepository::addEntry(const StoredBulkEntry& e) {
  return guarded("一括照会の対象の記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO bulk_entry (run_id, file_id, patient_number, insurance_id, identifier, insurer_number,"
        " symbol, number, branch, birth_date, state, outcome, detail, reconciled_at, needs_attention)"
        " VALUES (:run_id, :file_id, :patient_number, :insurance_id, :identifier, :insurer_number, :symbol, :number,"
        " :branch, :birth_date, :state, :outcome, :detail, :reconciled_at, :needs_attention)"
        " ON CONFLICT DO NOTHING");
    q.bind("run_id", e.runId);
    q.bind("file_id", e.fileId);
    q.bind("patient_number", e.patientNumber);
    q.bind("insurance_id", e.insuranceId);
    q.bind("identifier", e.identifier);
    q.bind("insurer_number", e.insurerNumber);
    q.bind("symbol", e.symbol);
    q.bind("number", e.number);
    q.bind("branch", e.branch);
    q.bind("birth_date", e.birthDate);
    q.bind("state", stored(e.state));
    q.bind("outcome", e.outcome);
    q.bind("detail", e.detail);
    q.bind("reconciled_at", e.reconciledAt);
    q.bind("needs_attention", e.needsAttention);
    return q.run() == 1;
  });
}

std::vector<StoredBulkEntry> BulkRepository::entries(std::int64_t runId) {
  return guarded("一括照会の対象の読み込み", [&] {
    Statement q =
        db_.prepare(std::string("SELECT ") + kEntryColumns + " FROM bulk_entry WHERE run_id = :run_id ORDER BY id");
    q.bind("run_id", runId);
    return readRows<StoredBulkEntry>(q, readEntry);
  });
}

std::vector<StoredBulkEntry> BulkRepository::entriesOfFile(std::int64_t fileId) {
  return guarded("一括照会の対象の読み込み", [&] {
    Statement q =
        db_.prepare(std::string("SELECT ") + kEntryColumns + " FROM bulk_entry WHERE file_id = :file_id ORDER BY id");
    q.bind("file_id", fileId);
    return readRows<StoredBulkEntry>(q, readEntry);
  });
}

int BulkRepository::unassignedCount(std::int64_t runId) {
  return guarded("一括照会の対象の読み込み", [&] {
    Statement q = db_.prepare(
        "SELECT COUNT(*) AS n FROM bulk_entry WHERE run_id = :run_id AND file_id IS NULL AND state = 'pending'");
    q.bind("run_id", runId);
    return static_cast<int>(q.singleInt64("n"));
  });
}

int BulkRepository::assignUnassigned(std::int64_t runId, std::int64_t fileId, int limit) {
  return guarded("一括照会の対象の記録", [&] {
    Statement q = db_.prepare(
        "UPDATE bulk_entry SET file_id = :file_id WHERE id IN (SELECT id FROM bulk_entry"
        " WHERE run_id = :run_id AND file_id IS NULL AND state = 'pending' ORDER BY id LIMIT :limit)");
    q.bind("file_id", fileId);
    q.bind("run_id", runId);
    q.bind("limit", limit);
    return static_cast<int>(q.run());
  });
}

StoredBulkEntry BulkRepository::entry(std::int64_t id) {
  return guarded("一括照会の対象の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kEntryColumns + " FROM bulk_entry WHERE id = :id");
    q.bind("id", id);
    if (!q.next()) throw NotFound("一括照会の対象 " + std::to_string(id) + " は記録されていません。");
    return readEntry(q);
  });
}

bool BulkRepository::saveReconciled(const StoredBulkEntry& e) {
  return guarded("一括照会の結果の記録", [&] {
    Statement q = db_.prepare(
        "UPDATE bulk_entry SET state = 'reconciled', outcome = :outcome, limit_changed = :limit_changed,"
        " processing_code = :processing_code, processing_message = :processing_message,"
        " reference_number = :reference_number, comparison = :comparison, changed_fields = :changed_fields,"
        " new_insurance_id = :new_insurance_id, detail = :detail, reconciled_at = :reconciled_at,"
        " needs_attention = :needs_attention WHERE id = :id AND state = 'pending'");
    q.bind("outcome", e.outcome);
    q.bind("limit_changed", e.limitChanged);
    q.bind("processing_code", e.processingCode);
    q.bind("processing_message", e.processingMessage);
    q.bind("reference_number", e.referenceNumber);
    q.bind("comparison", e.comparison);
    q.bind("changed_fields", e.changedFields);
    q.bind("new_insurance_id", e.newInsuranceId);
    q.bind("detail", e.detail);
    q.bind("reconciled_at", nowTimestamp());
    q.bind("needs_attention", e.needsAttention);
    q.bind("id", e.id);
    return q.run() == 1;
  });
}

void BulkRepository::setDone(std::int64_t entryId, bool done, const std::string& operatorId) {
  guarded("作業リストの記録", [&] {
    Statement q = db_.prepare("UPDATE bulk_entry SET done_by = :done_by, done_at = :done_at WHERE id = :id");
    q.bind("done_by", done ? operatorId : std::string());
    q.bind("done_at", done ? nowTimestamp() : std::string());
    q.bind("id", entryId);
    if (q.run() != 1) throw NotFound("作業リストの項目 " + std::to_string(entryId) + " はありません。");
  });
}

BulkCounts BulkRepository::counts(std::int64_t runId) {
  return guarded("一括照会の集計", [&] {
    Statement q = db_.prepare(
        "SELECT outcome, state, COUNT(*) AS n, SUM(needs_attention) AS attention FROM bulk_entry"
        " WHERE run_id = :run_id GROUP BY outcome, state");
    q.bind("run_id", runId);
    BulkCounts c;
    while (q.next()) {
      const std::int64_t n = q.int64("n");
      c.entries += n;
      c.needsAttention += q.int64("attention");
      if (stateFrom<BulkEntryState>(q.text("state")) == BulkEntryState::Reconciled) {
        c.reconciled += n;
        c.byOutcome[q.text("outcome")] += n;
      }
    }
    return c;
  });
}

std::map<std::int64_t, int> BulkRepository::entriesPerFile(std::int64_t runId) {
  return guarded("一括照会の集計", [&] {
    Statement q = db_.prepare(
        "SELECT file_id, COUNT(*) AS n FROM bulk_entry WHERE run_id = :run_id AND file_id IS NOT NULL"
        " GROUP BY file_id");
    q.bind("run_id", runId);
    std::map<std::int64_t, int> out;
    while (q.next()) out[q.int64("file_id")] = q.integer("n");
    return out;
  });
}

}  // namespace rececon::db
