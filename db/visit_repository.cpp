#include "db/visit_repository.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "app/core/error.h"
#include "db/change_log.h"
#include "db/nullable_columns.h"
#include "db/sqlite_errors.h"

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

StoredVisit readRow(SQLite::Statement& q) {
  StoredVisit v;
  v.id = q.getColumn(0).getInt64();
  v.visitDate = q.getColumn(1).getString();
  v.arrivedAt = q.getColumn(2).getString();
  v.patientNumber = optionalInt64(q.getColumn(3));
  v.insuranceId = optionalInt64(q.getColumn(4));
  v.fallbackPeriodId = optionalInt64(q.getColumn(5));
  v.verification = verificationFrom(q.getColumn(6).getString());
  v.checkId = optionalInt64(q.getColumn(7));
  v.resultId = optionalInt64(q.getColumn(8));
  v.verificationDetail = q.getColumn(9).getString();
  v.verifiedAt = q.getColumn(10).getString();
  v.operatorId = q.getColumn(11).getString();
  v.createdAt = q.getColumn(12).getString();
  return v;
}

std::vector<StoredVisit> readAll(SQLite::Statement& q) {
  std::vector<StoredVisit> out;
  while (q.executeStep()) out.push_back(readRow(q));
  return out;
}

}  // namespace

std::int64_t VisitRepository::add(const StoredVisit& v) {
  return guarded("受付の記録", [&] {
    auto cached = db_.prepare(
        "INSERT INTO visit (visit_date, arrived_at, patient_number, insurance_id, fallback_period_id, verification,"
        " check_id, result_id, verification_detail, verified_at, operator, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& q = cached.get();
    q.bind(1, v.visitDate);
    q.bind(2, v.arrivedAt);
    bindOptional(q, 3, v.patientNumber);
    bindOptional(q, 4, v.insuranceId);
    bindOptional(q, 5, v.fallbackPeriodId);
    q.bind(6, stored(v.verification));
    bindOptional(q, 7, v.checkId);
    bindOptional(q, 8, v.resultId);
    q.bind(9, v.verificationDetail);
    q.bind(10, v.verifiedAt);
    q.bind(11, v.operatorId);
    q.bind(12, nowTimestamp());
    q.exec();
    return db_.sql().getLastInsertRowid();
  });
}

bool VisitRepository::setVerification(std::int64_t id, VisitVerification from, VisitVerification to,
                                      std::optional<std::int64_t> checkId, std::optional<std::int64_t> resultId,
                                      const std::string& detail) {
  return guarded("受付の確認状態の記録", [&] {
    // A check or result once linked stays linked: a later step without one keeps what is there.
    auto cached = db_.prepare(
        "UPDATE visit SET verification = ?, check_id = COALESCE(?, check_id), result_id = COALESCE(?, result_id),"
        " verification_detail = ?, verified_at = ? WHERE id = ? AND verification = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, stored(to));
    bindOptional(q, 2, checkId);
    bindOptional(q, 3, resultId);
    q.bind(4, detail);
    q.bind(5, nowTimestamp());
    q.bind(6, id);
    q.bind(7, stored(from));
    return q.exec() == 1;
  });
}

void VisitRepository::setPatient(std::int64_t id, std::int64_t patientNumber, std::optional<std::int64_t> insuranceId) {
  guarded("受付の患者の記録", [&] {
    auto cached = db_.prepare("UPDATE visit SET patient_number = ?, insurance_id = ? WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, patientNumber);
    bindOptional(q, 2, insuranceId);
    q.bind(3, id);
    q.exec();
  });
}

StoredVisit VisitRepository::get(std::int64_t id) {
  return guarded("受付の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kColumns + " FROM visit WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, id);
    if (!q.executeStep()) throw NotFound("受付 " + std::to_string(id) + " は記録されていません。");
    return readRow(q);
  });
}

std::vector<StoredVisit> VisitRepository::withVerification(const std::vector<VisitVerification>& states, int limit) {
  return guarded("受付の読み込み", [&] {
    std::string placeholders;
    for (std::size_t i = 0; i < states.size(); ++i) placeholders += i ? ", ?" : "?";
    auto cached = db_.prepare(std::string("SELECT ") + kColumns + " FROM visit WHERE verification IN (" + placeholders +
                              ") ORDER BY id LIMIT ?");
    SQLite::Statement& q = cached.get();
    int index = 1;
    for (const auto s : states) q.bind(index++, stored(s));
    q.bind(index, limit > 0 ? static_cast<std::int64_t>(limit) : std::int64_t{-1});
    return readAll(q);
  });
}

std::vector<StoredVisit> VisitRepository::onDate(const std::string& isoDate) {
  return guarded("受付の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kColumns + " FROM visit WHERE visit_date = ? ORDER BY id");
    SQLite::Statement& q = cached.get();
    q.bind(1, isoDate);
    return readAll(q);
  });
}

std::optional<std::string> VisitRepository::firstVisitDate(std::int64_t patientNumber) {
  return guarded("受付の読み込み", [&]() -> std::optional<std::string> {
    auto cached = db_.prepare("SELECT min(visit_date) FROM visit WHERE patient_number = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, patientNumber);
    if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
    return q.getColumn(0).getString();
  });
}

std::vector<std::int64_t> VisitRepository::patientsSeenSince(const std::string& isoDate) {
  return guarded("受付の読み込み", [&] {
    auto cached = db_.prepare(
        "SELECT DISTINCT patient_number FROM visit WHERE visit_date >= ? AND patient_number IS NOT NULL"
        " ORDER BY patient_number");
    SQLite::Statement& q = cached.get();
    q.bind(1, isoDate);
    std::vector<std::int64_t> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
  });
}

std::map<VisitVerification, std::int64_t> VisitRepository::countByVerification() {
  return guarded("受付の集計", [&] {
    auto cached = db_.prepare("SELECT verification, COUNT(*) FROM visit GROUP BY verification");
    SQLite::Statement& q = cached.get();
    std::map<VisitVerification, std::int64_t> counts;
    while (q.executeStep()) counts[verificationFrom(q.getColumn(0).getString())] = q.getColumn(1).getInt64();
    return counts;
  });
}

std::int64_t VisitRepository::countWithDetail(VisitVerification verification, const std::string& detail) {
  return guarded("受付の集計", [&] {
    auto cached = db_.prepare("SELECT COUNT(*) FROM visit WHERE verification = ? AND verification_detail = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, stored(verification));
    q.bind(2, detail);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

}  // namespace rececon::db
