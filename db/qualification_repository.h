#pragma once
// Qualification checks asked for and results received, as stored rows (strings; the db knows nothing
// of the linkage library). One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/result_decision.h"
#include "app/core/result_source.h"
#include "db/database.h"

namespace rececon::db {

struct StoredCheck {
  std::int64_t id = 0;
  std::int64_t requestId = 0;
  std::optional<std::int64_t> patientNumber;
  std::optional<std::int64_t> insuranceId;
  std::string insurerNumber, symbol, number, branch, birthDate, checkDate;
  bool limitConsent = false;
  std::string consentRecordedBy, consentRecordedAt;
  std::string operatorId, terminal, createdAt;
};

struct StoredResult {
  std::int64_t id = 0;
  ResultSource source = ResultSource::Check;
  std::optional<std::int64_t> checkId;
  std::string fileName, contentHash, raw, receivedAt;
  std::string segment, processingStatus, processingCode, processingMessage, validity, errorCode, errorMessage;
  std::string outcome;  // valid / invalid / invalid_newer / not_found / several / error
  ResultDecision state = ResultDecision::Arrived;
  std::string decidedBy, decidedAt, decisionDetail;
};

struct StoredLimitCertificate {
  std::int64_t id = 0;
  std::int64_t patientNumber = 0;
  std::optional<std::int64_t> insuranceId;
  std::int64_t resultId = 0;
  std::string classification, flag, issueDate, validStart, validEnd, longTermDate, operatorId, createdAt;
};

class QualificationRepository {
 public:
  explicit QualificationRepository(Database& db) : db_(db) {}

  // In the caller's transaction.
  std::int64_t addCheck(const StoredCheck& c);
  std::optional<StoredCheck> checkForRequest(std::int64_t requestId);
  StoredCheck check(std::int64_t id);  // throws NotFound

  // Stores a result unless the same file (name and content) is stored already; returns its id and
  // whether it was new. In the caller's transaction.
  std::pair<std::int64_t, bool> addResult(const StoredResult& r);
  // Whether a result file of this name and content is stored already.
  bool hasResult(const std::string& fileName, const std::string& contentHash);
  StoredResult result(std::int64_t id);  // throws NotFound
  std::optional<StoredResult> resultForCheck(std::int64_t checkId);
  std::vector<StoredResult> resultsInState(ResultDecision state);
  std::int64_t countInState(ResultDecision state);
  // The ids only, oldest first: cheap, for a list that reads only what is new.
  std::vector<std::int64_t> idsInState(ResultDecision state);
  // In the caller's transaction.
  std::int64_t addLimitCertificate(const StoredLimitCertificate& c);
  std::optional<StoredLimitCertificate> latestLimitCertificate(std::int64_t patientNumber);

  // Claims a result that has arrived and records the decision on it (state and who/when/why), in one
  // compare-and-set: false when it was no longer waiting (another terminal decided first), and then
  // nothing was written. In the caller's transaction.
  bool decide(std::int64_t id, ResultDecision state, const std::string& decidedBy, const std::string& detail);

 private:
  Database& db_;
};

}  // namespace rececon::db
