#include "db/fallback_repository.h"

#include "db/change_log.h"
#include "db/database_errors.h"

namespace rececon::db {
namespace {

constexpr const char* kPeriodColumns = "id, started_at, started_by, reason, ended_at, ended_by, end_reason";
constexpr const char* kCaptureColumns =
    "id, visit_id, name, name_kana, sex, birth_date, address, insurer_name, state, confirmed_by, confirmed_at,"
    " confirmation, operator, created_at";

std::optional<StoredFallbackPeriod> readPeriod(Statement& q) {
  if (!q.next()) return std::nullopt;
  StoredFallbackPeriod p;
  p.id = q.int64("id");
  p.startedAt = q.text("started_at");
  p.startedBy = q.text("started_by");
  p.reason = q.text("reason");
  p.endedAt = q.optionalText("ended_at");
  p.endedBy = q.text("ended_by");
  p.endReason = q.text("end_reason");
  return p;
}

StoredCapture readCapture(Statement& q) {
  StoredCapture c;
  c.id = q.int64("id");
  c.visitId = q.int64("visit_id");
  c.name = q.text("name");
  c.nameKana = q.text("name_kana");
  c.sex = q.integer("sex");
  c.birthDate = q.text("birth_date");
  c.address = q.text("address");
  c.insurerName = q.text("insurer_name");
  c.state = q.text("state");
  c.confirmedBy = q.text("confirmed_by");
  c.confirmedAt = q.text("confirmed_at");
  c.confirmation = q.text("confirmation");
  c.operatorId = q.text("operator");
  c.createdAt = q.text("created_at");
  return c;
}

}  // namespace

std::optional<StoredFallbackPeriod> FallbackRepository::openPeriod() {
  return guarded("単独モードの記録の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kPeriodColumns +
                              " FROM fallback_period WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1");
    return readPeriod(q);
  });
}

std::optional<StoredFallbackPeriod> FallbackRepository::latestPeriod() {
  return guarded("単独モードの記録の読み込み", [&] {
    Statement q =
        db_.prepare(std::string("SELECT ") + kPeriodColumns + " FROM fallback_period ORDER BY id DESC LIMIT 1");
    return readPeriod(q);
  });
}

std::int64_t FallbackRepository::startPeriod(const std::string& operatorId, const std::string& reason) {
  return guarded("単独モードの開始の記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO fallback_period (started_at, started_by, reason) VALUES (:started_at, :started_by, :reason)"
        " RETURNING id");
    q.bind("started_at", nowTimestamp());
    q.bind("started_by", operatorId);
    q.bind("reason", reason);
    return q.singleInt64("id");
  });
}

void FallbackRepository::endPeriod(std::int64_t id, const std::string& operatorId, const std::string& reason) {
  guarded("単独モードの終了の記録", [&] {
    Statement q = db_.prepare(
        "UPDATE fallback_period SET ended_at = :ended_at, ended_by = :ended_by, end_reason = :end_reason"
        " WHERE id = :id AND ended_at IS NULL");
    q.bind("ended_at", nowTimestamp());
    q.bind("ended_by", operatorId);
    q.bind("end_reason", reason);
    q.bind("id", id);
    q.run();
  });
}

std::int64_t FallbackRepository::addCapture(const StoredCapture& c) {
  return guarded("4項目の記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO card_face_capture (visit_id, name, name_kana, sex, birth_date, address, insurer_name, state,"
        " operator, created_at) VALUES (:visit_id, :name, :name_kana, :sex, :birth_date, :address, :insurer_name,"
        " 'pending', :operator, :created_at) RETURNING id");
    q.bind("visit_id", c.visitId);
    q.bind("name", c.name);
    q.bind("name_kana", c.nameKana);
    q.bind("sex", c.sex);
    q.bind("birth_date", c.birthDate);
    q.bind("address", c.address);
    q.bind("insurer_name", c.insurerName);
    q.bind("operator", c.operatorId);
    q.bind("created_at", nowTimestamp());
    return q.singleInt64("id");
  });
}

bool FallbackRepository::confirmCapture(std::int64_t id, const std::string& operatorId, const std::string& confirmation) {
  return guarded("4項目の確認の記録", [&] {
    Statement q = db_.prepare(
        "UPDATE card_face_capture SET state = 'confirmed', confirmed_by = :confirmed_by, confirmed_at = :confirmed_at,"
        " confirmation = :confirmation WHERE id = :id AND state = 'pending'");
    q.bind("confirmed_by", operatorId);
    q.bind("confirmed_at", nowTimestamp());
    q.bind("confirmation", confirmation);
    q.bind("id", id);
    return q.run() == 1;
  });
}

std::optional<StoredCapture> FallbackRepository::captureOfVisit(std::int64_t visitId) {
  return guarded("4項目の読み込み", [&]() -> std::optional<StoredCapture> {
    Statement q =
        db_.prepare(std::string("SELECT ") + kCaptureColumns + " FROM card_face_capture WHERE visit_id = :visit_id");
    q.bind("visit_id", visitId);
    if (!q.next()) return std::nullopt;
    return readCapture(q);
  });
}

std::vector<StoredCapture> FallbackRepository::captures(const std::string& state) {
  return guarded("4項目の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kCaptureColumns +
                              " FROM card_face_capture WHERE state = :state ORDER BY id");
    q.bind("state", state);
    std::vector<StoredCapture> out;
    while (q.next()) out.push_back(readCapture(q));
    return out;
  });
}

std::int64_t FallbackRepository::countCaptures(const std::string& state) {
  return guarded("4項目の集計", [&] {
    Statement q = db_.prepare("SELECT COUNT(*) AS n FROM card_face_capture WHERE state = :state");
    q.bind("state", state);
    return q.singleInt64("n");
  });
}

}  // namespace rececon::db
