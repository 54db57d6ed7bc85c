#pragma once
// The desk's watch over the linkage, as the window runs it all day: results and card results are picked
// up from res and face as they arrive (events where the folders allow, a rescan every second anyway), the
// 照会番号 registrations are settled, and after each pass the picture a desk shows — results waiting, the
// watchdog's findings, stand-alone mode — is handed to the front-end. The rule for when stand-alone mode
// probes the linkage by itself lives here too. The pass runs on the watcher's own thread with its own
// connection; the front-end receives copies and must bring them to its UI thread itself.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/jobs/fallback_reception.h"
#include "app/jobs/linkage_watchdog.h"

namespace rececon {

namespace linkage {
class ExchangeWatcher;
}

// What the desk shows of the linkage after a pass.
struct LinkageView {
  WatchdogReport watchdog;
  FallbackStatus fallback;
};

struct DeskPulse {
  std::int64_t waitingResults = 0;  // results waiting for a person
  // The newest of them (0: none). With the count it tells a new arrival from one decided elsewhere
  // meanwhile, which leave the count as it was.
  std::int64_t newestWaiting = 0;
  // Moves when any terminal commits a change to the register: the lists are read again within a pass.
  std::int64_t registerChanges = 0;
  LinkageView view;
};

class DeskWatch {
 public:
  using PulseFn = std::function<void(const DeskPulse&)>;
  using FailedFn = std::function<void(const std::string&)>;  // a pass failed: why, in Japanese

  DeskWatch(db::DatabaseLocation database, std::filesystem::path dataDir, PulseFn pulse, FailedFn failed);
  ~DeskWatch();  // stops and joins: no callback runs afterwards
  DeskWatch(const DeskWatch&) = delete;
  DeskWatch& operator=(const DeskWatch&) = delete;

  // Starts the watch; false (and nothing runs) when the linkage is not set up — then view() says why.
  bool start(db::Database& db);
  void stop();
  void wake();  // any thread: pass as soon as possible (a request was just sent, a mode changed)

  // The picture without watching (the linkage not set up, or before the first pass).
  static LinkageView view(db::Database& db, const std::filesystem::path& dataDir);

 private:
  struct Pass;
  db::DatabaseLocation database_;
  std::filesystem::path dataDir_;
  PulseFn pulse_;
  FailedFn failed_;
  std::unique_ptr<linkage::ExchangeWatcher> watcher_;
};

// While stand-alone with visits to re-verify, the linkage is probed by itself (only a request shows
// whether it is back) — unless the folders or the settings are out of reach, and at most every `every`.
bool shouldProbeLinkage(const LinkageView& view, std::chrono::steady_clock::duration sinceLastProbe,
                        std::chrono::steady_clock::duration every = std::chrono::seconds(60));

}  // namespace rececon
