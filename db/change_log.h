#pragma once
// The change history (変更履歴): every change to a patient or an insurance record, with the old and
// new value of each field, who made it, when and why. Written in the same transaction as the change.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.h"

namespace rececon::db {

// Who is changing something and why; required for every write.
struct ChangeContext {
  std::string operatorId;
  std::string reason;
  std::string terminal;  // the machine the change was made on (another terminal's stale view names it)
  // Records brought from another system (a migration): they are the starting point, so each patient's
  // history is one entry saying where it came from (the reason) — not every field of every record, which
  // for a million patients would be most of the database.
  bool importing = false;
};

struct FieldChange {
  std::string field;
  std::optional<std::string> oldValue;  // nullopt: had no value
  std::optional<std::string> newValue;
};

struct ChangeEntry {
  std::int64_t id = 0;
  std::int64_t patientNumber = 0;
  std::string entity;  // patient / insurance
  std::int64_t entityId = 0;
  std::string action;  // create / update
  std::string operatorId;
  std::string changedAt;
  std::string reason;
  std::vector<FieldChange> fields;
};

// A record as (field, value) pairs in a fixed order; nullopt = no value.
using FieldValues = std::vector<std::pair<std::string, std::optional<std::string>>>;

// The fields whose values differ (both lists must name the same fields in the same order).
std::vector<FieldChange> diffFields(const FieldValues& before, const FieldValues& after);

// Every field with a non-empty value, as changes from nothing: the entry for a newly created record.
std::vector<FieldChange> creationFields(const FieldValues& values);

// Local time as 2026-11-21T09:30:00+09:00.
std::string nowTimestamp();

class ChangeLog {
 public:
  explicit ChangeLog(Database& db) : db_(db) {}

  // Appends one entry; call inside the WriteTransaction of the change. Does nothing when fields is
  // empty for an update. Throws EnvironmentError, or InvalidInput when the context has no operator.
  void record(std::int64_t patientNumber, const char* entity, std::int64_t entityId, const char* action,
              const ChangeContext& context, const std::vector<FieldChange>& fields);

  // Every entry for a patient and its insurance records, oldest first.
  std::vector<ChangeEntry> forPatient(std::int64_t patientNumber);

 private:
  Database& db_;
};

}  // namespace rececon::db
