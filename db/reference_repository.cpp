#include "db/reference_repository.h"

#include "db/change_log.h"
#include "db/database_errors.h"

namespace rececon::db {

std::int64_t ReferenceRepository::add(const StoredReference& r) {
  WriteTransaction tx(db_);
  const std::int64_t id = guarded("照会番号の登録の記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO reference_registration (patient_number, insurance_id, reference_number, insurer_number, symbol,"
        " number, branch, request_id, state, detail, operator, created_at, updated_at)"
        " VALUES (:patient_number, :insurance_id, :reference_number, :insurer_number, :symbol, :number, :branch,"
        " :request_id, :state, :detail, :operator, :now, :now) RETURNING id");
    q.bind("patient_number", r.patientNumber);
    q.bind("insurance_id", r.insuranceId);
    q.bind("reference_number", r.referenceNumber);
    q.bind("insurer_number", r.insurerNumber);
    q.bind("symbol", r.symbol);
    q.bind("number", r.number);
    q.bind("branch", r.branch);
    q.bind("request_id", r.requestId);
    q.bind("state", nameOf(r.state));
    q.bind("detail", r.detail);
    q.bind("operator", r.operatorId);
    q.bind("now", nowTimestamp());
    return q.singleInt64("id");
  });
  tx.commit();
  return id;
}

void ReferenceRepository::setState(std::int64_t id, ReferenceAttempt state, const std::string& detail) {
  WriteTransaction tx(db_);
  guarded("照会番号の登録の記録", [&] {
    Statement q = db_.prepare(
        "UPDATE reference_registration SET state = :state, detail = :detail, updated_at = :updated_at WHERE id = :id");
    q.bind("state", nameOf(state));
    q.bind("detail", detail);
    q.bind("updated_at", nowTimestamp());
    q.bind("id", id);
    q.run();
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

StoredReference readReference(Statement& q) {
  StoredReference r;
  r.id = q.int64("id");
  r.patientNumber = q.int64("patient_number");
  r.insuranceId = q.int64("insurance_id");
  r.referenceNumber = q.text("reference_number");
  r.insurerNumber = q.text("insurer_number");
  r.symbol = q.text("symbol");
  r.number = q.text("number");
  r.branch = q.text("branch");
  r.requestId = q.optionalInt64("request_id");
  r.state = attemptFrom(q.text("state"));
  r.detail = q.text("detail");
  r.operatorId = q.text("operator");
  r.createdAt = q.text("created_at");
  r.updatedAt = q.text("updated_at");
  return r;
}

}  // namespace

std::optional<StoredReference> ReferenceRepository::latest(std::int64_t patientNumber) {
  return guarded("照会番号の登録の読み込み", [&]() -> std::optional<StoredReference> {
    Statement q =
        db_.prepare(std::string(kSelect) + "WHERE patient_number = :patient_number ORDER BY id DESC LIMIT 1");
    q.bind("patient_number", patientNumber);
    if (!q.next()) return std::nullopt;
    return readReference(q);
  });
}

bool ReferenceRepository::settle(std::int64_t id, ReferenceAttempt state, const std::string& detail) {
  WriteTransaction tx(db_);
  const bool changed = guarded("照会番号の登録の記録", [&] {
    Statement q = db_.prepare(
        "UPDATE reference_registration SET state = :state, detail = :detail, updated_at = :updated_at"
        " WHERE id = :id AND state = 'sent'");
    q.bind("state", nameOf(state));
    q.bind("detail", detail);
    q.bind("updated_at", nowTimestamp());
    q.bind("id", id);
    return q.run() == 1;
  });
  tx.commit();
  return changed;
}

std::vector<StoredReference> ReferenceRepository::sentSingles(const std::string& requestKind, int limit) {
  return guarded("照会番号の登録の読み込み", [&] {
    Statement q = db_.prepare(
        "SELECT r.id, r.patient_number, r.insurance_id, r.reference_number, r.insurer_number, r.symbol, r.number,"
        " r.branch, r.request_id, r.state, r.detail, r.operator, r.created_at, r.updated_at"
        " FROM reference_registration r JOIN linkage_request q ON q.id = r.request_id"
        " WHERE r.state = 'sent' AND q.kind = :kind ORDER BY r.id LIMIT :limit");
    q.bind("kind", requestKind);
    q.bind("limit", limit);
    std::vector<StoredReference> out;
    while (q.next()) out.push_back(readReference(q));
    return out;
  });
}

std::optional<StoredReference> ReferenceRepository::find(std::int64_t id) {
  return guarded("照会番号の登録の読み込み", [&]() -> std::optional<StoredReference> {
    Statement q = db_.prepare(std::string(kSelect) + "WHERE id = :id");
    q.bind("id", id);
    if (!q.next()) return std::nullopt;
    return readReference(q);
  });
}

std::vector<StoredReference> ReferenceRepository::inState(ReferenceAttempt state, int limit) {
  return guarded("照会番号の登録の読み込み", [&] {
    Statement q = db_.prepare(std::string(kSelect) + "WHERE state = :state ORDER BY id LIMIT :limit");
    q.bind("state", nameOf(state));
    q.bind("limit", limit);
    std::vector<StoredReference> out;
    while (q.next()) out.push_back(readReference(q));
    return out;
  });
}

int ReferenceRepository::attemptsFor(std::int64_t insuranceId) {
  return guarded("照会番号の登録の読み込み", [&] {
    Statement q = db_.prepare("SELECT COUNT(*) AS n FROM reference_registration WHERE insurance_id = :insurance_id");
    q.bind("insurance_id", insuranceId);
    return static_cast<int>(q.singleInt64("n"));
  });
}

}  // namespace rececon::db
