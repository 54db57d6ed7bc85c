#include "db/fallback_repository.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "db/change_log.h"
#include "db/nullable_columns.h"
#include "db/sqlite_errors.h"

namespace rececon::db {
namespace {

constexpr const char* kPeriodColumns = "id, started_at, started_by, reason, ended_at, ended_by, end_reason";
constexpr const char* kCaptureColumns =
    "id, visit_id, name, name_kana, sex, birth_date, address, insurer_name, state, confirmed_by, confirmed_at,"
    " confirmation, operator, created_at";

std::optional<StoredFallbackPeriod> readPeriod(SQLite::Statement& q) {
  if (!q.executeStep()) return std::nullopt;
  StoredFallbackPeriod p;
  p.id = q.getColumn(0).getInt64();
  p.startedAt = q.getColumn(1).getString();
  p.startedBy = q.getColumn(2).getString();
  p.reason = q.getColumn(3).getString();
  p.endedAt = optionalText(q.getColumn(4));
  p.endedBy = q.getColumn(5).getString();
  p.endReason = q.getColumn(6).getString();
  return p;
}

StoredCapture readCapture(SQLite::Statement& q) {
  StoredCapture c;
  c.id = q.getColumn(0).getInt64();
  c.visitId = q.getColumn(1).getInt64();
  c.name = q.getColumn(2).getString();
  c.nameKana = q.getColumn(3).getString();
  c.sex = q.getColumn(4).getInt();
  c.birthDate = q.getColumn(5).getString();
  c.address = q.getColumn(6).getString();
  c.insurerName = q.getColumn(7).getString();
  c.state = q.getColumn(8).getString();
  c.confirmedBy = q.getColumn(9).getString();
  c.confirmedAt = q.getColumn(10).getString();
  c.confirmation = q.getColumn(11).getString();
  c.operatorId = q.getColumn(12).getString();
  c.createdAt = q.getColumn(13).getString();
  return c;
}

}  // namespace

std::optional<StoredFallbackPeriod> FallbackRepository::openPeriod() {
  return guarded("単独モードの記録の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kPeriodColumns +
                              " FROM fallback_period WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1");
    return readPeriod(cached.get());
  });
}

std::optional<StoredFallbackPeriod> FallbackRepository::latestPeriod() {
  return guarded("単独モードの記録の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kPeriodColumns + " FROM fallback_period ORDER BY id DESC LIMIT 1");
    return readPeriod(cached.get());
  });
}

std::int64_t FallbackRepository::startPeriod(const std::string& operatorId, const std::string& reason) {
  return guarded("単独モードの開始の記録", [&] {
    auto cached = db_.prepare("INSERT INTO fallback_period (started_at, started_by, reason) VALUES (?, ?, ?)");
    SQLite::Statement& q = cached.get();
    q.bind(1, nowTimestamp());
    q.bind(2, operatorId);
    q.bind(3, reason);
    q.exec();
    return db_.sql().getLastInsertRowid();
  });
}

void FallbackRepository::endPeriod(std::int64_t id, const std::string& operatorId, const std::string& reason) {
  guarded("単独モードの終了の記録", [&] {
    auto cached = db_.prepare(
        "UPDATE fallback_period SET ended_at = ?, ended_by = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL");
    SQLite::Statement& q = cached.get();
    q.bind(1, nowTimestamp());
    q.bind(2, operatorId);
    q.bind(3, reason);
    q.bind(4, id);
    q.exec();
  });
}

std::int64_t FallbackRepository::addCapture(const StoredCapture& c) {
  return guarded("4項目の記録", [&] {
    auto cached = db_.prepare(
        "INSERT INTO card_face_capture (visit_id, name, name_kana, sex, birth_date, address, insurer_name, state,"
        " operator, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)");
    SQLite::Statement& q = cached.get();
    q.bind(1, c.visitId);
    q.bind(2, c.name);
    q.bind(3, c.nameKana);
    q.bind(4, c.sex);
    q.bind(5, c.birthDate);
    q.bind(6, c.address);
    q.bind(7, c.insurerName);
    q.bind(8, c.operatorId);
    q.bind(9, nowTimestamp());
    q.exec();
    return db_.sql().getLastInsertRowid();
  });
}

bool FallbackRepository::confirmCapture(std::int64_t id, const std::string& operatorId, const std::string& confirmation) {
  return guarded("4項目の確認の記録", [&] {
    auto cached = db_.prepare(
        "UPDATE card_face_capture SET state = 'confirmed', confirmed_by = ?, confirmed_at = ?, confirmation = ?"
        " WHERE id = ? AND state = 'pending'");
    SQLite::Statement& q = cached.get();
    q.bind(1, operatorId);
    q.bind(2, nowTimestamp());
    q.bind(3, confirmation);
    q.bind(4, id);
    return q.exec() == 1;
  });
}

std::optional<StoredCapture> FallbackRepository::captureOfVisit(std::int64_t visitId) {
  return guarded("4項目の読み込み", [&]() -> std::optional<StoredCapture> {
    auto cached = db_.prepare(std::string("SELECT ") + kCaptureColumns + " FROM card_face_capture WHERE visit_id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, visitId);
    if (!q.executeStep()) return std::nullopt;
    return readCapture(q);
  });
}

std::vector<StoredCapture> FallbackRepository::captures(const std::string& state) {
  return guarded("4項目の読み込み", [&] {
    auto cached =
        db_.prepare(std::string("SELECT ") + kCaptureColumns + " FROM card_face_capture WHERE state = ? ORDER BY id");
    SQLite::Statement& q = cached.get();
    q.bind(1, state);
    std::vector<StoredCapture> out;
    while (q.executeStep()) out.push_back(readCapture(q));
    return out;
  });
}

std::int64_t FallbackRepository::countCaptures(const std::string& state) {
  return guarded("4項目の集計", [&] {
    auto cached = db_.prepare("SELECT COUNT(*) FROM card_face_capture WHERE state = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, state);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

}  // namespace rececon::db
