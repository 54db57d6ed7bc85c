#pragma once
// What stand-alone (fallback) reception keeps beyond visits: the periods the reception ran without the
// online check, and the 4 items copied from the face of a My Number card for the call-center route.
// Writes run in the caller's WriteTransaction. One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace rececon::db {

struct StoredFallbackPeriod {
  std::int64_t id = 0;
  std::string startedAt, startedBy, reason;
  std::optional<std::string> endedAt;
  std::string endedBy, endReason;
};

struct StoredCapture {
  std::int64_t id = 0;
  std::int64_t visitId = 0;
  std::string name, nameKana;
  int sex = 0;  // 1 男 / 2 女
  std::string birthDate;  // YYYY-MM-DD
  std::string address, insurerName;
  std::string state;  // pending / confirmed
  std::string confirmedBy, confirmedAt, confirmation;
  std::string operatorId, createdAt;
};

class FallbackRepository {
 public:
  explicit FallbackRepository(Database& db) : db_(db) {}

  // The period in progress, if reception runs stand-alone now.
  std::optional<StoredFallbackPeriod> openPeriod();
  std::optional<StoredFallbackPeriod> latestPeriod();
  // In the caller's transaction.
  std::int64_t startPeriod(const std::string& operatorId, const std::string& reason);
  void endPeriod(std::int64_t id, const std::string& operatorId, const std::string& reason);

  // In the caller's transaction; returns the id.
  std::int64_t addCapture(const StoredCapture& c);
  // In the caller's transaction; false when the capture was confirmed already.
  bool confirmCapture(std::int64_t id, const std::string& operatorId, const std::string& confirmation);
  std::optional<StoredCapture> captureOfVisit(std::int64_t visitId);
  // Captures in a state (pending / confirmed), oldest first.
  std::vector<StoredCapture> captures(const std::string& state);
  std::int64_t countCaptures(const std::string& state);

 private:
  Database& db_;
};

}  // namespace rececon::db
