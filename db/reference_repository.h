#pragma once
// Reference numbers (照会番号) registered with OQS, one row per registration attempt.
// One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/reference_attempt.h"
#include "db/database.h"

namespace rececon::db {

struct StoredReference {
  std::int64_t id = 0;
  std::int64_t patientNumber = 0;
  std::int64_t insuranceId = 0;
  std::string referenceNumber, insurerNumber, symbol, number, branch;
  std::optional<std::int64_t> requestId;
  ReferenceAttempt state = ReferenceAttempt::Sent;
  std::string detail, operatorId, createdAt, updatedAt;
};

class ReferenceRepository {
 public:
  explicit ReferenceRepository(Database& db) : db_(db) {}
  // Each in its own transaction.
  std::int64_t add(const StoredReference& r);
  void setState(std::int64_t id, ReferenceAttempt state, const std::string& detail);
  // The newest registration of a patient, if any.
  std::optional<StoredReference> latest(std::int64_t patientNumber);
  std::optional<StoredReference> find(std::int64_t id);
  // Moves a registration from 'sent' to `state`; false (nothing changed) when another process settled it first.
  bool settle(std::int64_t id, ReferenceAttempt state, const std::string& detail);
  // Registrations still 'sent' whose request is of `requestKind` (a linkage file prefix), oldest first.
  std::vector<StoredReference> sentSingles(const std::string& requestKind, int limit);
  // Registrations in a state (oldest first), at most `limit`.
  std::vector<StoredReference> inState(ReferenceAttempt state, int limit);
  // How many registrations were attempted for one insurance record.
  int attemptsFor(std::int64_t insuranceId);

 private:
  Database& db_;
};

}  // namespace rececon::db
