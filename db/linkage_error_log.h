#pragma once
// The error log for support calls, read from what is recorded anyway: error results
// (SegmentOfResult ≠ 1, stored in qualification_result) and requests that failed or timed out
// (linkage_request). Nothing is written twice, so the log cannot disagree with the journal.
// One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace rececon::db {

struct StoredLinkageError {
  std::string at;           // ISO timestamp with offset
  std::string code;         // ErrorCode / ProcessingResultCode of a result; "" for a request that failed
  std::string message;      // verbatim
  std::string requestFile;  // the request's file name, or the result's for a card result
  std::optional<std::int64_t> patientNumber;
  std::string what;  // result / failed / timed_out
};

// Newest first, at most limit entries.
std::vector<StoredLinkageError> linkageErrors(Database& db, int limit);

}  // namespace rececon::db
