#include "db/visit_repository.h"

#include "app/core/error.h"
#include "db/change_log.h"
#include "db/database_errors.h"

namespace rececon::db {
namespace {

constexpr const char* kColumns =
    "id, visit_date, arrived_at, patient_number, insurance_id, fallback_period_id, verification, check_id, result_id,"
    " verification_detail, verified_at, operator, created_at";

// The stored word of a state; a word no state has means the register was changed outside the program.
VisitVerification verificationFrom(const std::string& stored) {
  if (const auto v = enumFromName<VisitVerification>(stored)) return *v;
  throw EnvironmentError("受付の確認状態「" + stored + "」を読めません（データベースが外から変更された可能性があります）。");
}

std::string stored(VisitVerification v) { return std::string(nameOf(v)); }

StoredVisit readRow(Statement& q) {
  StoredVisit v;
  v.id = q.int64("id");
  v.visitDate = q.text("visit_date");
  v.arrivedAt = q.text("arrived_at");
  v.patientNumber = q.optionalInt64("patient_number");
  v.insuranceId = q.optionalInt64("insurance_id");
  v.fallbackPeriodId = q.optionalInt64("fallback_period_id");
  v.verification = verificationFrom(q.text("verification"));
  v.checkId = q.optionalInt64("check_id");
  v.resultId = q.optionalInt64("result_id");
  v.verificationDetail = q.text("verification_detail");
  v.verifiedAt = q.text("verified_at");
  v.operatorId = q.text("operator");
  v.createdAt = q.text("created_at");
  return v;
}

std::vector<StoredVisit> readAll(Statement& q) {
  std::vector<StoredVisit> out;
  while (q.next()) out.push_back(readRow(q));
  return out;
}

}  // namespace

std::int64_t VisitRepository::add(const StoredVisit& v) {
  return guarded("受付の記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO visit (visit_date, arrived_at, patient_number, insurance_id, fallback_period_id, verification,"
        " check_id, result_id, verification_detail, verified_at, operator, created_at)"
        " VALUES (:visit_date, :arrived_at, :patient_number, :insurance_id, :fallback_period_id, :verification,"
        " :check_id, :result_id, :verification_detail, :verified_at, :operator, :created_at) RETURNING id");
    q.bind("visit_date", v.visitDate);
    q.bind("arrived_at", v.arrivedAt);
    q.bind("patient_number", v.patientNumber);
    q.bind("insurance_id", v.insuranceId);
    q.bind("fallback_period_id", v.fallbackPeriodId);
    q.bind("verification", stored(v.verification));
    q.bind("check_id", v.checkId);
    q.bind("result_id", v.resultId);
    q.bind("verification_detail", v.verificationDetail);
    q.bind("verified_at", v.verifiedAt);
    q.bind("operator", v.operatorId);
    q.bind("created_at", nowTimestamp());
    return q.singleInt64("id");
  });
}

bool VisitRepository::setVerification(std::int64_t id, VisitVerification from, VisitVerification to,
                                      std::optional<std::int64_t> checkId, std::optional<std::int64_t> resultId,
                                      const std::string& detail) {
  return guarded("受付の確認状態の記録", [&] {
    // A check or result once linked stays linked: a later step without one keeps what is there.
    Statement q = db_.prepare(
        "UPDATE visit SET verification = :to, check_id = COALESCE(CAST(:check_id AS BIGINT), check_id),"
        " result_id = COALESCE(CAST(:result_id AS BIGINT), result_id), verification_detail = :detail,"
        " verified_at = :verified_at WHERE id = :id AND verification = :from");
    q.bind("to", stored(to));
    q.bind("check_id", checkId);
    q.bind("result_id", resultId);
    q.bind("detail", detail);
    q.bind("verified_at", nowTimestamp());
    q.bind("id", id);
    q.bind("from", stored(from));
    return q.run() == 1;
  });
}

void VisitRepository::setPatient(std::int64_t id, std::int64_t patientNumber, std::optional<std::int64_t> insuranceId) {
  guarded("受付の患者の記録", [&] {
    Statement q =
        db_.prepare("UPDATE visit SET patient_number = :patient_number, insurance_id = :insurance_id WHERE id = :id");
    q.bind("patient_number", patientNumber);
    q.bind("insurance_id", insuranceId);
    q.bind("id", id);
    q.run();
  });
}

StoredVisit VisitRepository::get(std::int64_t id) {
  return guarded("受付の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kColumns + " FROM visit WHERE id = :id");
    q.bind("id", id);
    if (!q.next()) throw NotFound("受付 " + std::to_string(id) + " は記録されていません。");
    return readRow(q);
  });
}

std::vector<StoredVisit> VisitRepository::withVerification(const std::vector<VisitVerification>& states, int limit) {
  return guarded("受付の読み込み", [&]() -> std::vector<StoredVisit> {
    // No states, no visits (PostgreSQL refuses an empty IN list).
    if (states.empty()) return {};
    std::string placeholders;
    for (std::size_t i = 0; i < states.size(); ++i) placeholders += (i ? ", :state" : ":state") + std::to_string(i);
    // No limit is no LIMIT clause: PostgreSQL refuses SQLite's LIMIT -1.
    Statement q = db_.prepare(std::string("SELECT ") + kColumns + " FROM visit WHERE verification IN (" + placeholders +
                              ") ORDER BY id" + (limit > 0 ? " LIMIT :limit" : ""));
    for (std::size_t i = 0; i < states.size(); ++i) q.bind("state" + std::to_string(i), stored(states[i]));
    if (limit > 0) q.bind("limit", limit);
    return readAll(q);
  });
}

std::vector<StoredVisit> VisitRepository::onDate(const std::string& isoDate) {
  return guarded("受付の読み込み", [&] {
    Statement q =
        db_.prepare(std::string("SELECT ") + kColumns + " FROM visit WHERE visit_date = :visit_date ORDER BY id");
    q.bind("visit_date", isoDate);
    return readAll(q);
  });
}

std::optional<std::string> VisitRepository::firstVisitDate(std::int64_t patientNumber) {
  return guarded("受付の読み込み", [&]() -> std::optional<std::string> {
    Statement q = db_.prepare("SELECT min(visit_date) AS first_date FROM visit WHERE patient_number = :patient_number");
    q.bind("patient_number", patientNumber);
    if (!q.next()) return std::nullopt;
    return q.optionalText("first_date");
  });
}

std::vector<std::int64_t> VisitRepository::patientsSeenSince(const std::string& isoDate) {
  return guarded("受付の読み込み", [&] {
    Statement q = db_.prepare(
        "SELECT DISTINCT patient_number FROM visit WHERE visit_date >= :visit_date AND patient_number IS NOT NULL"
        " ORDER BY patient_number");
    q.bind("visit_date", isoDate);
    std::vector<std::int64_t> out;
    while (q.next()) out.push_back(q.int64("patient_number"));
    return out;
  });
}

std::map<VisitVerification, std::int64_t> VisitRepository::countByVerification() {
  return guarded("受付の集計", [&] {
    Statement q = db_.prepare("SELECT verification, COUNT(*) AS n FROM visit GROUP BY verification");
    std::map<VisitVerification, std::int64_t> counts;
    while (q.next()) counts[verificationFrom(q.text("verification"))] = q.int64("n");
    return counts;
  });
}

std::int64_t VisitRepository::countWithDetail(VisitVerification verification, const std::string& detail) {
  return guarded("受付の集計", [&] {
    Statement q = db_.prepare(
        "SELECT COUNT(*) AS n FROM visit WHERE verification = :verification AND verification_detail = :detail");
    q.bind("verification", stored(verification));
    q.bind("detail", detail);
    return q.singleInt64("n");
  });
}

}  // namespace rececon::db
