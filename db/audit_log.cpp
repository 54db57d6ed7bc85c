#include "db/audit_log.h"

#include "db/change_log.h"
#include "db/database_errors.h"
#include "db/trail_chain.h"

namespace rececon::db {
namespace {

std::vector<AuditEntry> readAll(Statement& q) {
  std::vector<AuditEntry> out;
  while (q.next()) {
    AuditEntry e;
    e.id = q.int64("id");
    e.at = q.text("at");
    e.operatorId = q.text("operator");
    e.action = q.text("action");
    e.visitId = q.optionalInt64("visit_id");
    e.patientNumber = q.optionalInt64("patient_number");
    e.detail = q.text("detail");
    out.push_back(std::move(e));
  }
  return out;
}

constexpr const char* kSelect = "SELECT id, at, operator, action, visit_id, patient_number, detail FROM audit_log";

}  // namespace

void AuditLog::append(const std::string& operatorId, const std::string& action, std::optional<std::int64_t> visitId,
                      std::optional<std::int64_t> patientNumber, const std::string& detail) {
  if (operatorId.empty()) throw InvalidInput("操作者が指定されていません（監査記録には操作者が必要です）。");
  guarded("監査記録の書き込み", [&] {
    Statement q = db_.prepare(
        "INSERT INTO audit_log (at, operator, action, visit_id, patient_number, detail)"
        " VALUES (:at, :operator, :action, :visit_id, :patient_number, :detail) RETURNING id");
    q.bind("at", nowTimestamp());
    q.bind("operator", operatorId);
    q.bind("action", action);
    q.bind("visit_id", visitId);
    q.bind("patient_number", patientNumber);
    q.bind("detail", detail);
    const std::int64_t id = q.singleInt64("id");
    TrailChain(db_).seal("audit_log", id, id);
  });
}

std::vector<AuditEntry> AuditLog::forVisit(std::int64_t visitId) {
  return guarded("監査記録の読み込み", [&] {
    Statement q = db_.prepare(std::string(kSelect) + " WHERE visit_id = :visit_id ORDER BY id");
    q.bind("visit_id", visitId);
    return readAll(q);
  });
}

std::vector<AuditEntry> AuditLog::recent(int limit) {
  return guarded("監査記録の読み込み", [&] {
    Statement q = db_.prepare(std::string(kSelect) + " ORDER BY id DESC LIMIT :limit");
    q.bind("limit", limit);
    return readAll(q);
  });
}

}  // namespace rececon::db
