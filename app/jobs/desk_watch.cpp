#include "app/jobs/desk_watch.h"

#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "app/jobs/diagnosis_files.h"
#include "app/jobs/linkage_result_store.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/reception_desk.h"
#include "linkage/exchange_watcher.h"

namespace rececon {

// What one watcher keeps between passes: made on the watcher thread at its first pass, used only there.
struct DeskWatch::Pass {
  linkage::ExchangeConfig config;
  std::unique_ptr<db::Database> connection;
  std::unique_ptr<LinkagePoller> poller;
  WatchdogOptions options;
  ErrorHandbook handbook;
};

DeskWatch::DeskWatch(db::DatabaseLocation database, std::filesystem::path dataDir, PulseFn pulse, FailedFn failed)
    : database_(std::move(database)), dataDir_(std::move(dataDir)), pulse_(std::move(pulse)), failed_(std::move(failed)) {}

DeskWatch::~DeskWatch() { stop(); }

bool DeskWatch::start(db::Database& db) {
  stop();
  auto pass = std::make_shared<Pass>();
  try {
    pass->config = exchangeConfigFromSettings(db, dataDir_);
  } catch (const ValidationFailed&) {
    return false;
  }
  watcher_ = std::make_unique<linkage::ExchangeWatcher>(
      std::vector<std::filesystem::path>{pass->config.resDir, pass->config.faceDir}, std::chrono::seconds(1),
      [this, pass] {
        if (!pass->poller) {
          pass->connection = std::make_unique<db::Database>(database_);
          pass->poller = std::make_unique<LinkagePoller>(*pass->connection, pass->config);
          pass->options = watchdogOptionsFromSettings(*pass->connection);
          pass->handbook = loadErrorHandbook();
        }
        DeskPulse p;
        p.waitingResults = pass->poller->poll();
        const auto ids = arrivedResultIds(*pass->connection);
        p.newestWaiting = ids.empty() ? 0 : ids.back();
        p.registerChanges = pass->connection->changeCounter();
        p.view.watchdog = watchLinkage(*pass->connection, pass->config, std::chrono::system_clock::now(), pass->options,
                                       pass->handbook);
        p.view.fallback = fallbackStatus(*pass->connection);
        pulse_(p);
      },
      failed_);
  watcher_->start();
  return true;
}

void DeskWatch::stop() {
  if (watcher_) watcher_->stop();  // joins
  watcher_.reset();
}

void DeskWatch::wake() {
  if (watcher_) watcher_->wake();
}

LinkageView DeskWatch::view(db::Database& db, const std::filesystem::path& dataDir) {
  LinkageView view;
  view.watchdog = watchLinkage(db, dataDir, std::chrono::system_clock::now(), {}, loadErrorHandbook());
  view.fallback = fallbackStatus(db);
  return view;
}

bool shouldProbeLinkage(const LinkageView& view, std::chrono::steady_clock::duration sinceLastProbe,
                        std::chrono::steady_clock::duration every) {
  const std::int64_t unverified = view.fallback.unverified + view.fallback.checking;
  const auto& findings = view.watchdog.findings;
  const bool unreachable =
      !findings.empty() && (findings.front().cause == WatchdogCause::Folders || findings.front().cause == WatchdogCause::Settings);
  return view.fallback.active && unverified > 0 && !unreachable && sinceLastProbe > every;
}

}  // namespace rececon
