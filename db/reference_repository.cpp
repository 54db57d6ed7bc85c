#include "db/reference_repository.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "db/change_log.h"
#include "db/nullable_columns.h"
#include "db/sqlite_errors.h"

namespace rececon::db {

std::int64_t ReferenceRepository::add(const StoredReference& r) {
  WriteTransaction tx(db_);
  const std::int64_t id = guarded("照会番号の登録の記録", [&] {
    auto cached = db_.prepare(
        "INSERT INTO reference_registration (patient_number, insurance_id, reference_number, insurer_number, symbol,"
        " number, branch, request_id, state, detail, operator, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& q = cached.get();
    const std::string now = nowTimestamp();
    q.bind(1, r.patientNumber);
    q.bind(2, r.insuranceId);
    q.bind(3, r.referenceNumber);
    q.bind(4, r.insurerNumber);
    q.bind(5, r.symbol);
    q.bind(6, r.number);
    q.bind(7, r.branch);
    bindOptional(q, 8, r.requestId);
    q.bind(9, std::string(nameOf(r.state)));
    q.bind(10, r.detail);
    q.bind(11, r.operatorId);
    q.bind(12, now);
    q.bind(13, now);
    q.exec();
    return db_.sql().getLastInsertRowid();
  });
  tx.commit();
  return id;
}

void ReferenceRepository::setState(std::int64_t id, ReferenceAttempt state, const std::string& detail) {
  WriteTransaction tx(db_);
  guarded("照会番号の登録の記録", [&] {
    auto cached = db_.prepare("UPDATE reference_registration SET state = ?, detail = ?, updated_at = ? WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, std::string(nameOf(state)));
    q.bind(2, detail);
    q.bind(3, nowTimestamp());
    q.bind(4, id);
    q.exec();
  });
  tx.commit();
}

namespace {

constexpr const char* kSelect =
    "SELECT id, patient_number, insurance_id, reference_number, insurer_number, symbol, number, branch, request_id,"
    " state, detail, operator, created_at, updated_at FROM reference_registration ";

ReferenceAttempt attemptFrom(const std::string& stored) {
  if (const auto a = enumFromName<ReferenceAttempt>(stored)) return *a;
  throw EnvironmentError("照会番号の登録の状態「" + stored + "」を読めません（データベースが外から変更された可能性があります）。");
}

StoredReference readReference(SQLite::Statement& q) {
  StoredReference r;
  r.id = q.getColumn(0).getInt64();
  r.patientNumber = q.getColumn(1).getInt64();
  r.insuranceId = q.getColumn(2).getInt64();
  r.referenceNumber = q.getColumn(3).getString();
  r.insurerNumber = q.getColumn(4).getString();
  r.symbol = q.getColumn(5).getString();
  r.number = q.getColumn(6).getString();
  r.branch = q.getColumn(7).getString();
  r.requestId = optionalInt64(q.getColumn(8));
  r.state = attemptFrom(q.getColumn(9).getString());
  r.detail = q.getColumn(10).getString();
  r.operatorId = q.getColumn(11).getString();
  r.createdAt = q.getColumn(12).getString();
  r.updatedAt = q.getColumn(13).getString();
  return r;
}

}  // namespace

std::optional<StoredReference> ReferenceRepository::latest(std::int64_t patientNumber) {
  return guarded("照会番号の登録の読み込み", [&]() -> std::optional<StoredReference> {
    auto cached = db_.prepare(std::string(kSelect) + "WHERE patient_number = ? ORDER BY id DESC LIMIT 1");
    SQLite::Statement& q = cached.get();
    q.bind(1, patientNumber);
    if (!q.executeStep()) return std::nullopt;
    return readReference(q);
  });
}

bool ReferenceRepository::settle(std::int64_t id, ReferenceAttempt state, const std::string& detail) {
  WriteTransaction tx(db_);
  const bool changed = guarded("照会番号の登録の記録", [&] {
    auto cached = db_.prepare(
        "UPDATE reference_registration SET state = ?, detail = ?, updated_at = ? WHERE id = ? AND state = 'sent'");
    SQLite::Statement& q = cached.get();
    q.bind(1, std::string(nameOf(state)));
    q.bind(2, detail);
    q.bind(3, nowTimestamp());
    q.bind(4, id);
    return q.exec() == 1;
  });
  tx.commit();
  return changed;
}

std::vector<StoredReference> ReferenceRepository::sentSingles(const std::string& requestKind, int limit) {
  return guarded("照会番号の登録の読み込み", [&] {
    auto cached = db_.prepare(
        "SELECT r.id, r.patient_number, r.insurance_id, r.reference_number, r.insurer_number, r.symbol, r.number,"
        " r.branch, r.request_id, r.state, r.detail, r.operator, r.created_at, r.updated_at"
        " FROM reference_registration r JOIN linkage_request q ON q.id = r.request_id"
        " WHERE r.state = 'sent' AND q.kind = ? ORDER BY r.id LIMIT ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, requestKind);
    q.bind(2, limit);
    std::vector<StoredReference> out;
    while (q.executeStep()) out.push_back(readReference(q));
    return out;
  });
}

std::optional<StoredReference> ReferenceRepository::find(std::int64_t id) {
  return guarded("照会番号の登録の読み込み", [&]() -> std::optional<StoredReference> {
    auto cached = db_.prepare(std::string(kSelect) + "WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return readReference(q);
  });
}

std::vector<StoredReference> ReferenceRepository::inState(ReferenceAttempt state, int limit) {
  return guarded("照会番号の登録の読み込み", [&] {
    auto cached = db_.prepare(std::string(kSelect) + "WHERE state = ? ORDER BY id LIMIT ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, std::string(nameOf(state)));
    q.bind(2, limit);
    std::vector<StoredReference> out;
    while (q.executeStep()) out.push_back(readReference(q));
    return out;
  });
}

int ReferenceRepository::attemptsFor(std::int64_t insuranceId) {
  return guarded("照会番号の登録の読み込み", [&] {
    auto cached = db_.prepare("SELECT count(*) FROM reference_registration WHERE insurance_id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, insuranceId);
    q.executeStep();
    return q.getColumn(0).getInt();
  });
}

}  // namespace rececon::db
