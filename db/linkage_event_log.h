#pragma once
// Anomalies the linkage exchange saw in the linkage app's folders that end no request by themselves:
// files that could not be read (quarantined) and result files caught half-written. The watchdog reads
// them to tell a careless or failing linkage app from a healthy one. Each file is recorded once per kind.

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.h"

namespace rececon::db {

struct LinkageEvent {
  std::int64_t at = 0;    // seconds since the epoch
  std::string kind;       // unreadable / incomplete
  std::string fileName, detail;
};

class LinkageEventLog {
 public:
  explicit LinkageEventLog(Database& db) : db_(db) {}
  // In its own transaction; a second record of the same file and kind is ignored.
  void record(std::int64_t at, const std::string& kind, const std::string& fileName, const std::string& detail);
  // Events at or after `since`, newest first.
  std::vector<LinkageEvent> since(std::int64_t since);

 private:
  Database& db_;
};

}  // namespace rececon::db
