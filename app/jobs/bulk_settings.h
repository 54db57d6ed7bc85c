#pragma once
// How this site runs the nightly bulk pre-check (config set bulk.…), oqs-interface.md §7.4 and §8.

#include <chrono>

#include "app/core/japanese_date.h"
#include "db/database.h"

namespace rececon {

struct BulkOptions {
  int maxEntriesPerFile = 500;               // a longer list is split across request files
  int maxDaysAhead = 31;                     // how far ahead the check date may be
  std::chrono::seconds retryFirst{60};       // first wait while OQS answers 処理中, doubled each time …
  std::chrono::seconds retryMax{900};        // … up to this
  std::chrono::minutes deadline{480};        // from acceptance: after this the file's results are given up
  int downloadErrorLimit = 3;                // failed downloads in a row before a file is given up
  int recentMonths = 0;                      // also check patients seen in the last N months (0: only appointments)
  std::chrono::milliseconds pollInterval{200};  // how often the linkage folders are read while waiting
};

BulkOptions bulkOptionsFromSettings(db::Database& db);

// The next day after `from` that is not a Sunday or a Japanese public holiday (Saturday is a clinic day):
// the default date of a nightly run.
Date nextBusinessDay(Date from);

}  // namespace rececon
