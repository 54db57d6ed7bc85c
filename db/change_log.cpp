#include "db/change_log.h"

#include <cstdio>
#include <ctime>
#include <map>

#include "app/core/error_catalog.h"
#include "app/core/error.h"
#include "db/access_log.h"
#include "db/database_errors.h"
#include "db/record_columns.h"
#include "db/trail_chain.h"

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
  const bool patientCreated = std::string_view(entity) == "patient" && std::string_view(action) == "create";
  if (context.importing && !patientCreated) return;
  guarded("変更履歴の記録", [&] {
    Statement entry = db_.prepare(insertSql("change_log", changeLogColumns()) + " RETURNING id");
    bindChangeEntry(entry, patientNumber, entity, entityId, action, context, nowTimestamp());
    const std::int64_t changeId = entry.singleInt64("id");
    const auto sealed = [&] { TrailChain(db_).seal("change_log", changeId, changeId); };
    if (context.importing) return sealed();
    for (const auto& f : fields) {
      // Borrowed from the cache for each field: handing it back resets it for the next one.
      Statement field = db_.prepare(
          "INSERT INTO change_field (change_id, field, old_value, new_value)"
          " VALUES (:change_id, :field, :old_value, :new_value)");
      field.bind("change_id", changeId);
      field.bind("field", f.field);
      field.bind("old_value", f.oldValue);
      field.bind("new_value", f.newValue);
      field.run();
    }
    sealed();  // with its fields: the digest covers them
    std::string names;
    for (const auto& f : fields) names += (names.empty() ? "" : ",") + f.field;
    AccessLog(db_).append({0, "", context.operatorId, context.terminal, "change", patientNumber,
                           std::string(entity) + " " + action + (names.empty() ? "" : ": " + names)});
  });
}

std::vector<ChangeEntry> ChangeLog::forPatient(std::int64_t patientNumber) {
  return guarded("変更履歴の読み込み", [&] {
    std::vector<ChangeEntry> entries;
    std::map<std::int64_t, std::size_t> byId;
    Statement q = db_.prepare(
        "SELECT id, entity, entity_id, action, operator, changed_at, reason FROM change_log"
        " WHERE patient_number = :patient_number ORDER BY id");
    q.bind("patient_number", static_cast<std::int64_t>(patientNumber));
    while (q.next()) {
      ChangeEntry e;
      e.id = q.int64("id");
      e.patientNumber = patientNumber;
      e.entity = q.text("entity");
      e.entityId = q.int64("entity_id");
      e.action = q.text("action");
      e.operatorId = q.text("operator");
      e.changedAt = q.text("changed_at");
      e.reason = q.text("reason");
      byId[e.id] = entries.size();
      entries.push_back(std::move(e));
    }
    Statement f = db_.prepare(
        "SELECT f.change_id, f.field, f.old_value, f.new_value FROM change_field f"
        " JOIN change_log c ON c.id = f.change_id WHERE c.patient_number = :patient_number ORDER BY f.change_id, f.field");
    f.bind("patient_number", static_cast<std::int64_t>(patientNumber));
    while (f.next()) {
      FieldChange change;
      change.field = f.text("field");
      change.oldValue = f.optionalText("old_value");
      change.newValue = f.optionalText("new_value");
      entries[byId.at(f.int64("change_id"))].fields.push_back(std::move(change));
    }
    return entries;
  });
}

}  // namespace rececon::db
