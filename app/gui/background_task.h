#pragma once
// The window's one way to run long work: the work runs on a worker thread; its outcome, or the exception
// it threw, comes back on the UI thread through the owner's CallAfter. A worker thread never touches a
// widget and never takes the window down with an exception. The owner keeps the task as a member, so the
// worker is joined before the owner goes (the destructor joins; ask the work to stop first, e.g. through
// a JobContext, when it may take long). UI thread only, except the work itself.

#include <wx/event.h>

#include <exception>
#include <functional>
#include <thread>
#include <type_traits>
#include <utility>

namespace rececon::gui {

class BackgroundTask {
 public:
  BackgroundTask() = default;
  BackgroundTask(const BackgroundTask&) = delete;
  BackgroundTask& operator=(const BackgroundTask&) = delete;
  ~BackgroundTask() { join(); }

  // Starts work() on a worker; done(result) or failed(exception) then runs on the UI thread. A task still
  // running is joined first. The owner must outlive the callbacks: it joins the task before it goes.
  template <class Work, class Done>
  void start(wxEvtHandler* owner, Work work, Done done, std::function<void(std::exception_ptr)> failed) {
    join();
    thread_ = std::thread([owner, work = std::move(work), done = std::move(done), failed = std::move(failed)]() mutable {
      try {
        if constexpr (std::is_void_v<std::invoke_result_t<Work&>>) {
          work();
          owner->CallAfter([done]() mutable { done(); });
        } else {
          auto result = work();
          owner->CallAfter([done, result = std::move(result)]() mutable { done(std::move(result)); });
        }
      } catch (...) {
        owner->CallAfter([failed, error = std::current_exception()] { failed(error); });
      }
    });
  }

  // Waits for the worker (its callbacks may still be queued; they run on the UI thread later).
  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::thread thread_;
};

}  // namespace rececon::gui
