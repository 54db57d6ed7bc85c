#pragma once
// Progress and cancellation for long jobs. The job calls step(); the caller (GUI worker thread, CLI
// progress bar, test) supplies the callback and may request cancellation from any thread.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace rececon {

class JobContext {
 public:
  using ProgressFn = std::function<void(std::int64_t done, std::int64_t total, const std::string& what)>;

  JobContext() = default;
  explicit JobContext(ProgressFn progress) : progress_(std::move(progress)) {}

  // Reports progress, then throws Cancelled when cancellation was requested. Job thread only.
  void step(std::int64_t done, std::int64_t total, const std::string& what);

  // Any thread.
  void requestCancel() { cancelled_ = true; }
  bool cancelRequested() const { return cancelled_; }

 private:
  ProgressFn progress_;
  std::atomic<bool> cancelled_{false};
};

// The local time with its offset, as every record of the register carries it: for a job's log lines.
std::string logTimestamp();

}  // namespace rececon
