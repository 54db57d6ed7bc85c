#include "db/audit_log.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "db/change_log.h"
#include "db/nullable_columns.h"
#include "db/sqlite_errors.h"

namespace rececon::db {
namespace {

std::vector<AuditEntry> readAll(SQLite::Statement& q) {
  std::vector<AuditEntry> out;
  while (q.executeStep()) {
    AuditEntry e;
    e.id = q.getColumn(0).getInt64();
    e.at = q.getColumn(1).getString();
    e.operatorId = q.getColumn(2).getString();
    e.action = q.getColumn(3).getString();
    e.visitId = optionalInt64(q.getColumn(4));
    e.patientNumber = optionalInt64(q.getColumn(5));
    e.detail = q.getColumn(6).getString();
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
    auto cached = db_.prepare(
        "INSERT INTO audit_log (at, operator, action, visit_id, patient_number, detail) VALUES (?, ?, ?, ?, ?, ?)");
    SQLite::Statement& q = cached.get();
    q.bind(1, nowTimestamp());
    q.bind(2, operatorId);
    q.bind(3, action);
    bindOptional(q, 4, visitId);
    bindOptional(q, 5, patientNumber);
    q.bind(6, detail);
    q.exec();
  });
}

std::vector<AuditEntry> AuditLog::forVisit(std::int64_t visitId) {
  return guarded("監査記録の読み込み", [&] {
    auto cached = db_.prepare(std::string(kSelect) + " WHERE visit_id = ? ORDER BY id");
    SQLite::Statement& q = cached.get();
    q.bind(1, visitId);
    return readAll(q);
  });
}

std::vector<AuditEntry> AuditLog::recent(int limit) {
  return guarded("監査記録の読み込み", [&] {
    auto cached = db_.prepare(std::string(kSelect) + " ORDER BY id DESC LIMIT ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, limit);
    return readAll(q);
  });
}

}  // namespace rececon::db
