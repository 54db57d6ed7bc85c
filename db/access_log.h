#pragma once
// The access log: every view of a patient's details, change, result decision, print and export — who,
// when, from which terminal, which patient, what. Append-only and sealed into the trail as written;
// written in the caller's WriteTransaction where there is one (a change and its entry stand or fall
// together). One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace rececon::db {

struct AccessEntry {
  std::int64_t id = 0;
  std::string at, actor, terminal, action;  // action: view, change, decision, print, export
  std::optional<std::int64_t> patientNumber;
  std::string detail;
};

class AccessLog {
 public:
  explicit AccessLog(Database& db) : db_(db) {}
  // Throws InvalidInput without an actor.
  void append(const AccessEntry& entry);
  // Entries whose time is in [from, to) (timestamps as stored, e.g. "2026-12-02"), oldest first; at most
  // `limit`, and whether there were more.
  std::vector<AccessEntry> between(const std::string& from, const std::string& to, int limit, bool* more = nullptr);
  std::vector<AccessEntry> forPatient(std::int64_t patientNumber, int limit);  // newest first

 private:
  Database& db_;
};

}  // namespace rececon::db
