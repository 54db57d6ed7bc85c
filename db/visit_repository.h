#pragma once
// Reception visits (受付): who came on which day, on which insurance record, and whether that
// insurance was verified online. Writes run in the caller's WriteTransaction so that a visit, its
// 4-item capture and its audit entry are stored together. One thread at a time (as its Database).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/core/visit_verification.h"
#include "db/database.h"

namespace rececon::db {

struct StoredVisit {
  std::int64_t id = 0;
  std::string visitDate;  // YYYY-MM-DD
  std::string arrivedAt;
  std::optional<std::int64_t> patientNumber;
  std::optional<std::int64_t> insuranceId;
  std::optional<std::int64_t> fallbackPeriodId;
  VisitVerification verification = VisitVerification::Unverified;
  std::optional<std::int64_t> checkId, resultId;
  std::string verificationDetail, verifiedAt, operatorId, createdAt;
};

class VisitRepository {
 public:
  explicit VisitRepository(Database& db) : db_(db) {}

  // In the caller's transaction; returns the id.
  std::int64_t add(const StoredVisit& v);
  // In the caller's transaction. Compare-and-set: false when the visit is no longer in state `from`.
  bool setVerification(std::int64_t id, VisitVerification from, VisitVerification to,
                       std::optional<std::int64_t> checkId, std::optional<std::int64_t> resultId,
                       const std::string& detail);
  // Sets the patient of a visit received from a 4-item capture only. In the caller's transaction.
  void setPatient(std::int64_t id, std::int64_t patientNumber, std::optional<std::int64_t> insuranceId);

  StoredVisit get(std::int64_t id);
  // Visits in one of the states, oldest first (at most limit; 0 = all).
  std::vector<StoredVisit> withVerification(const std::vector<VisitVerification>& states, int limit = 0);
  std::vector<StoredVisit> onDate(const std::string& isoDate);
  // Patients with a visit on or after the date, each once, ascending.
  std::vector<std::int64_t> patientsSeenSince(const std::string& isoDate);
  // The date of the patient's first visit (初診年月日 on the chart form), if any.
  std::optional<std::string> firstVisitDate(std::int64_t patientNumber);
  // Visit count per verification state (states with none are absent).
  std::map<VisitVerification, std::int64_t> countByVerification();
  // Visits in the state whose verification detail is exactly `detail`.
  std::int64_t countWithDetail(VisitVerification verification, const std::string& detail);

 private:
  Database& db_;
};

}  // namespace rececon::db
