#include "linkage/exchange_watcher.h"

#include <Poco/Delegate.h>
#include <Poco/DirectoryWatcher.h>
#include <Poco/Exception.h>

#include <algorithm>

namespace rececon::linkage {
namespace {

struct Waker {
  ExchangeWatcher* owner;
  void onEvent(const Poco::DirectoryWatcher::DirectoryEvent&) { owner->wake(); }
  void onError(const Poco::Exception&) { owner->wake(); }  // the rescan will tell what is wrong
};

}  // namespace

ExchangeWatcher::ExchangeWatcher(std::vector<std::filesystem::path> folders, std::chrono::milliseconds rescanInterval,
                                 std::function<void()> poll, std::function<void(const std::string&)> onError)
    : folders_(std::move(folders)),
      rescanInterval_(rescanInterval),
      poll_(std::move(poll)),
      onError_(std::move(onError)) {}

ExchangeWatcher::~ExchangeWatcher() { stop(); }

void ExchangeWatcher::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ExchangeWatcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeUp_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::vector<std::unique_ptr<Poco::DirectoryWatcher>> watchers;
  std::vector<std::shared_ptr<void>> wakers;
  {
    std::lock_guard lock(mutex_);
    watchers.swap(watchers_);
    wakers.swap(wakers_);
    watchedPaths_.clear();
  }
  // Outside the lock: destroying a watcher joins its thread, which may be delivering an event into wake()
  // and waiting for this very lock. Watchers go first so that no event reaches a waker that is gone.
  watchers.clear();
  wakers.clear();
}

void ExchangeWatcher::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeUp_.notify_all();
}

std::size_t ExchangeWatcher::watchedFolders() const {
  std::lock_guard lock(mutex_);
  return watchedPaths_.size();
}

void ExchangeWatcher::watchWhatCanBeWatched() {
  for (const auto& folder : folders_) {
    {
      std::lock_guard lock(mutex_);
      if (std::find(watchedPaths_.begin(), watchedPaths_.end(), folder) != watchedPaths_.end()) continue;
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) continue;
    try {
      auto watcher = std::make_unique<Poco::DirectoryWatcher>(
          folder.string(), Poco::DirectoryWatcher::DW_ITEM_ADDED | Poco::DirectoryWatcher::DW_ITEM_MODIFIED |
                               Poco::DirectoryWatcher::DW_ITEM_MOVED_TO);
      auto waker = std::make_shared<Waker>(Waker{this});
      watcher->itemAdded += Poco::delegate(waker.get(), &Waker::onEvent);
      watcher->itemModified += Poco::delegate(waker.get(), &Waker::onEvent);
      watcher->itemMovedTo += Poco::delegate(waker.get(), &Waker::onEvent);
      watcher->scanError += Poco::delegate(waker.get(), &Waker::onError);
      std::lock_guard lock(mutex_);
      wakers_.push_back(std::move(waker));
      watchers_.push_back(std::move(watcher));
      watchedPaths_.push_back(folder);
    } catch (const Poco::Exception& e) {
      onError_("フォルダ「" + folder.string() + "」を監視できません（" + e.displayText() + "）。定期的な確認だけで続けます。");
    }
  }
}

void ExchangeWatcher::run() {
  for (;;) {
    watchWhatCanBeWatched();
    try {
      poll_();
    } catch (const std::exception& e) {
      onError_(e.what());
    }
    std::unique_lock lock(mutex_);
    wakeUp_.wait_for(lock, rescanInterval_, [this] { return woken_ || stopping_; });
    if (stopping_) return;
    woken_ = false;
  }
}

}  // namespace rececon::linkage
