#include "db/access_log.h"

#include "app/core/error.h"
#include "db/change_log.h"
#include "db/database_errors.h"
#include "db/trail_chain.h"

namespace rececon::db {
namespace {

constexpr const char* kSelect = "SELECT id, at, actor, terminal, action, patient_number, detail FROM access_log";

std::vector<AccessEntry> readAll(Statement& q, int limit, bool* more) {
  std::vector<AccessEntry> out;
  while (q.next()) {
    if (static_cast<int>(out.size()) == limit) {
      if (more) *more = true;
      break;
    }
    AccessEntry e;
    e.id = q.int64("id");
    e.at = q.text("at");
    e.actor = q.text("actor");
    e.terminal = q.text("terminal");
    e.action = q.text("action");
    e.patientNumber = q.optionalInt64("patient_number");
    e.detail = q.text("detail");
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

void AccessLog::append(const AccessEntry& e) {
  if (e.actor.empty()) throw InvalidInput("操作者が指定されていません（アクセス記録には操作者が必要です）。");
  guarded("アクセス記録の書き込み", [&] {
    Statement q = db_.prepare(
        "INSERT INTO access_log (at, actor, terminal, action, patient_number, detail)"
        " VALUES (:at, :actor, :terminal, :action, :patient, :detail) RETURNING id");
    q.bind("at", e.at.empty() ? nowTimestamp() : e.at);
    q.bind("actor", e.actor).bind("terminal", e.terminal).bind("action", e.action);
    q.bind("patient", e.patientNumber).bind("detail", e.detail);
    const std::int64_t id = q.singleInt64("id");
    TrailChain(db_).seal("access_log", id, id);
  });
}

std::vector<AccessEntry> AccessLog::between(const std::string& from, const std::string& to, int limit, bool* more) {
  if (more) *more = false;
  return guarded("アクセス記録の読み込み", [&] {
    Statement q = db_.prepare(std::string(kSelect) + " WHERE at >= :from AND at < :to ORDER BY id LIMIT :limit");
    q.bind("from", from).bind("to", to).bind("limit", limit + 1);
    return readAll(q, limit, more);
  });
}

std::vector<AccessEntry> AccessLog::forPatient(std::int64_t patientNumber, int limit) {
  return guarded("アクセス記録の読み込み", [&] {
    Statement q = db_.prepare(std::string(kSelect) + " WHERE patient_number = :patient ORDER BY id DESC LIMIT :limit");
    q.bind("patient", patientNumber).bind("limit", limit);
    return readAll(q, limit, nullptr);
  });
}

}  // namespace rececon::db
