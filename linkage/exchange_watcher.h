#pragma once
// Runs a poll function on its own thread whenever one of the watched folders changes (Poco
// DirectoryWatcher events only wake it) and at least every rescan interval, because events can be
// missed (network shares, a folder that was briefly unreachable). A folder that cannot be watched is
// retried at each rescan. The poll function must not touch the GUI; errors it throws go to onError.

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace Poco {
class DirectoryWatcher;
}

namespace rececon::linkage {

class ExchangeWatcher {
 public:
  ExchangeWatcher(std::vector<std::filesystem::path> folders, std::chrono::milliseconds rescanInterval,
                  std::function<void()> poll, std::function<void(const std::string&)> onError);
  ~ExchangeWatcher();  // stops and joins
  ExchangeWatcher(const ExchangeWatcher&) = delete;
  ExchangeWatcher& operator=(const ExchangeWatcher&) = delete;

  void start();
  void stop();
  // Any thread: run a poll as soon as possible (e.g. right after submitting a request).
  void wake();
  // How many folders are watched by events right now (the others are only rescanned).
  std::size_t watchedFolders() const;

 private:
  void run();
  void watchWhatCanBeWatched();

  std::vector<std::filesystem::path> folders_;
  std::chrono::milliseconds rescanInterval_;
  std::function<void()> poll_;
  std::function<void(const std::string&)> onError_;
  mutable std::mutex mutex_;
  std::condition_variable wakeUp_;
  bool woken_ = false;
  bool stopping_ = false;
  std::vector<std::shared_ptr<void>> wakers_;  // event targets; declared first so they outlive watchers_
  std::vector<std::unique_ptr<Poco::DirectoryWatcher>> watchers_;
  std::vector<std::filesystem::path> watchedPaths_;
  std::thread thread_;
};

}  // namespace rececon::linkage
