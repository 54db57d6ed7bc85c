#include "db/change_log.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdio>
#include <ctime>
#include <map>

#include "app/core/error_catalog.h"
#include "app/core/error.h"
#include "db/sqlite_errors.h"

namespace rececon::db {

std::vector<FieldChange> diffFields(const FieldValues& before, const FieldValues& after) {
  if (before.size() != after.size()) throw InternalError("diffFields: field lists differ");
  std::vector<FieldChange> changes;
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i].first != after[i].first) throw InternalError("diffFields: field order differs");
    if (before[i].second != after[i].second)
      changes.push_back({before[i].first, before[i].second, after[i].second});
  }
  return changes;
}

std::vector<FieldChange> creationFields(const FieldValues& values) {
  std::vector<FieldChange> changes;
  for (const auto& [field, value] : values) {
    if (value && !value->empty()) changes.push_back({field, std::nullopt, value});
  }
  return changes;
}

std::string nowTimestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  const long offsetMinutes = local.tm_gmtoff / 60;
  const long absMinutes = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
  char buf[96];  // roomy enough for any int the compiler can imagine in these fields
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", local.tm_year + 1900, local.tm_mon + 1,
                local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec, offsetMinutes < 0 ? '-' : '+',
                absMinutes / 60, absMinutes % 60);
  return buf;
}

void ChangeLog::record(std::int64_t patientNumber, const char* entity, std::int64_t entityId,
                       const char* action, const ChangeContext& context,
                       const std::vector<FieldChange>& fields) {
  if (context.operatorId.empty()) {
    throw InvalidInput(kOperatorUnknown, {});
  }
  if (fields.empty() && std::string_view(action) == "update") return;
  guarded("変更履歴の記録", [&] {
    auto entryCached = db_.prepare(
        "INSERT INTO change_log (patient_number, entity, entity_id, action, operator, changed_at, reason)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& entry = entryCached.get();
    entry.bind(1, static_cast<std::int64_t>(patientNumber));
    entry.bind(2, entity);
    entry.bind(3, static_cast<std::int64_t>(entityId));
    entry.bind(4, action);
    entry.bind(5, context.operatorId);
    entry.bind(6, nowTimestamp());
    entry.bind(7, context.reason);
    entry.exec();
    const std::int64_t changeId = db_.sql().getLastInsertRowid();
    auto fieldCached =
        db_.prepare("INSERT INTO change_field (change_id, field, old_value, new_value) VALUES (?, ?, ?, ?)");
    SQLite::Statement& field = fieldCached.get();
    for (const auto& f : fields) {
      field.reset();
      field.bind(1, changeId);
      field.bind(2, f.field);
      if (f.oldValue)
        field.bind(3, *f.oldValue);
      else
        field.bind(3);
      if (f.newValue)
        field.bind(4, *f.newValue);
      else
        field.bind(4);
      field.exec();
    }
  });
}

std::vector<ChangeEntry> ChangeLog::forPatient(std::int64_t patientNumber) {
  return guarded("変更履歴の読み込み", [&] {
    std::vector<ChangeEntry> entries;
    std::map<std::int64_t, std::size_t> byId;
    auto qCached = db_.prepare(
        "SELECT id, entity, entity_id, action, operator, changed_at, reason FROM change_log"
        " WHERE patient_number = ? ORDER BY id");
    SQLite::Statement& q = qCached.get();
    q.bind(1, static_cast<std::int64_t>(patientNumber));
    while (q.executeStep()) {
      ChangeEntry e;
      e.id = q.getColumn(0).getInt64();
      e.patientNumber = patientNumber;
      e.entity = q.getColumn(1).getString();
      e.entityId = q.getColumn(2).getInt64();
      e.action = q.getColumn(3).getString();
      e.operatorId = q.getColumn(4).getString();
      e.changedAt = q.getColumn(5).getString();
      e.reason = q.getColumn(6).getString();
      byId[e.id] = entries.size();
      entries.push_back(std::move(e));
    }
    auto fCached = db_.prepare(
        "SELECT f.change_id, f.field, f.old_value, f.new_value FROM change_field f"
        " JOIN change_log c ON c.id = f.change_id WHERE c.patient_number = ? ORDER BY f.change_id");
    SQLite::Statement& f = fCached.get();
    f.bind(1, static_cast<std::int64_t>(patientNumber));
    while (f.executeStep()) {
      FieldChange change;
      change.field = f.getColumn(1).getString();
      if (!f.getColumn(2).isNull()) change.oldValue = f.getColumn(2).getString();
      if (!f.getColumn(3).isNull()) change.newValue = f.getColumn(3).getString();
      entries[byId.at(f.getColumn(0).getInt64())].fields.push_back(std::move(change));
    }
    return entries;
  });
}

}  // namespace rececon::db
