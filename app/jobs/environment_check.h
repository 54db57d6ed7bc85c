#pragma once
// The environment check (rececon-cli diag): can this receipt computer talk to the linkage app right
// now, and if not, which item is wrong and what to do. Each item is checked on its own so that one
// failure never hides another.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "db/database.h"

namespace rececon {

enum class CheckLevel { Ok, Warning, Failure };

// "正常" / "注意" / "異常" for people; "ok" / "warning" / "failure" for scripts (--json).
const char* checkLevelLabel(CheckLevel level);
const char* checkLevelId(CheckLevel level);

struct EnvironmentItem {
  std::string id;     // stable, for scripts: settings, folder.req, disk.data, requests.untaken, …
  std::string label;  // Japanese, for people
  CheckLevel level = CheckLevel::Ok;
  std::string detail;    // what was found
  std::string nextStep;  // what to do; empty when nothing is needed
};

struct EnvironmentReport {
  std::vector<EnvironmentItem> items;
  bool hasFailure() const;
  CheckLevel worst() const;
};

// Thresholds and data, kept in one place so that they are easy to find and to change.
struct EnvironmentCheckOptions {
  std::uintmax_t diskWarningBytes = 1024ull * 1024 * 1024;  // below 1 GiB free: 注意
  std::uintmax_t diskFailureBytes = 100ull * 1024 * 1024;   // below 100 MiB free: 異常
  int certificateWarningDays = 90;                          // the MPKI client warns from 90 days before
  int failuresInARowWarning = 3;
  std::filesystem::path diagnosisDir;  // minimum-versions.csv; "" = the bundled resources/diagnosis
};

// One linkage folder as typed (the settings screen's test, before anything is stored): it exists, is a
// folder, and a probe file can be written there and removed. Never throws.
EnvironmentItem checkFolder(const std::string& id, const std::string& label, const std::filesystem::path& dir);

// Checks settings, the three folders (reachable, writable), free disk, requests the linkage app has
// not taken, requests past their deadline, consecutive failures, the last good answer, the clock,
// the terminal's software versions against the minimums and the certificate's expiry. `now` is injected so that tests can move time. Never throws for what it
// checks; throws EnvironmentError only when the database itself cannot be read.
EnvironmentReport checkEnvironment(db::Database& db, const std::filesystem::path& dataDir,
                                   std::chrono::system_clock::time_point now, const EnvironmentCheckOptions& options = {});

}  // namespace rececon
