#pragma once
// The stored journal of requests to the linkage app (rows of linkage_request) and the daily counter
// that numbers request files. Strings only: the db knows nothing of the linkage library's types.
// One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace rececon::db {

struct StoredLinkageRequest {
  std::int64_t id = 0;
  std::string kind;  // file-name prefix
  std::string fileName;
  std::string fileIdentifier;
  std::string receptionNumber;
  std::string requestBytes;
  std::string state;  // pending / sent / answered / failed / timed_out / cancelled
  std::int64_t createdAt = 0;
  std::int64_t deadline = 0;
  std::string resultFile;
  std::string detail;
};

// A summary of the journal for the environment check.
struct LinkageActivity {
  std::string lastAnsweredAt;      // updated_at of the newest answered request; "" when none
  std::int64_t lastAnsweredSeconds = 0;  // the same in seconds since the epoch; 0 when none
  std::int64_t latestCreatedAt = 0;  // newest created_at (seconds since the epoch); 0 when none
  int overdue = 0;                 // pending or sent, deadline before `now`
  int waiting = 0;                 // pending or sent: requests out, waiting for their answer
};

// A request that has ended, with the error its result carried when it was answered with one.
struct SettledRequest {
  std::int64_t id = 0;
  std::string kind, fileName, state, detail, updatedAt;
  std::string errorCode, errorMessage;  // from an answered check's result (SegmentOfResult 9); else empty
  bool errorResult = false;             // answered, but the answer is an error (outcome error)
};

class LinkageRequestRepository {
 public:
  explicit LinkageRequestRepository(Database& db) : db_(db) {}

  // Inserts in its own transaction; returns the id. Throws InvalidInput when the file name is taken.
  std::int64_t add(const StoredLinkageRequest& r);
  // Compare-and-set in its own transaction; false when the request is not in state `from`.
  bool transition(std::int64_t id, const std::string& from, const std::string& to, const std::string& detail,
                  const std::string& resultFile);
  // Pending and sent requests, and timed-out ones whose deadline is after lateSince. requestBytes is
  // filled for pending ones only (what resume needs); the others' stay empty.
  std::vector<StoredLinkageRequest> waiting(std::int64_t lateSince);
  StoredLinkageRequest get(std::int64_t id);
  // Stores the answer to a request (kept when one is stored already). In the caller's transaction.
  void addAnswer(std::int64_t requestId, const std::string& fileName, const std::string& contentHash,
                 const std::string& raw);
  // The raw answer to a request, if one arrived.
  std::optional<std::string> answer(std::int64_t requestId);
  // Whether an answer file of this name and content is stored already.
  bool hasAnswer(const std::string& fileName, const std::string& contentHash);

  // What the journal says about the linkage's health at `now` (seconds since the epoch).
  LinkageActivity activity(std::int64_t now);

  // The newest ended requests (answered, failed, timed out; cancelled ones are skipped), newest first.
  std::vector<SettledRequest> recentlySettled(int limit);
  // The state of the request written under this file name, if it is one of ours.
  std::optional<std::string> stateOfFile(const std::string& fileName);
  // The id of the request written (or to be written) under this file name, if it is journaled.
  std::optional<std::int64_t> idOfFile(const std::string& fileName);

  // The next number of the day (1, 2, …), in its own transaction.
  int nextNumber(const std::string& day);

 private:
  Database& db_;
};

}  // namespace rececon::db
