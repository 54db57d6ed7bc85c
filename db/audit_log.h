#pragma once
// The audit log of reception outside the change history: entering and leaving stand-alone mode, each
// visit received without the online check, each 4-item capture, each re-verification and its outcome.
// Append-only; written in the caller's WriteTransaction together with what it records.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace rececon::db {

struct AuditEntry {
  std::int64_t id = 0;
  std::string at, operatorId, action;
  std::optional<std::int64_t> visitId, patientNumber;
  std::string detail;
};

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}
  // In the caller's transaction. Throws InvalidInput without an operator.
  void append(const std::string& operatorId, const std::string& action, std::optional<std::int64_t> visitId,
              std::optional<std::int64_t> patientNumber, const std::string& detail);
  std::vector<AuditEntry> forVisit(std::int64_t visitId);
  // Newest first.
  std::vector<AuditEntry> recent(int limit);

 private:
  Database& db_;
};

}  // namespace rececon::db
