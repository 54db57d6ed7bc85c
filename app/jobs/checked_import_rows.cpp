#include "app/jobs/checked_import_rows.h"

namespace rececon {
namespace {

constexpr std::size_t kBatchesAhead = 2;  // enough to keep both threads busy; bounded memory

CheckedImportRow check(PatientImportRow row, std::int64_t line, Date today) {
  CheckedImportRow checked;
  checked.line = line;
  checked.wantedNumber = row.number.value_or(0);
  try {
    checked.patient = makePatient(row.patient, today);
    checked.records.reserve(row.insurances.size());
    for (const auto& fields : row.insurances) checked.records.push_back(makeInsurance(fields));
  } catch (const ValidationFailed& e) {
    checked.errors = e.errors();
  }
  return checked;
}

}  // namespace

CheckedImportRows::CheckedImportRows(PatientImportSource& source, Date today)
    : thread_([this, &source, today] { run(source, today); }) {}

CheckedImportRows::~CheckedImportRows() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void CheckedImportRows::run(PatientImportSource& source, Date today) {
  std::int64_t line = 0;
  try {
    for (bool more = true; more;) {
      std::vector<CheckedImportRow> batch;
      batch.reserve(kBatchRows);
      while (batch.size() < kBatchRows) {
        std::optional<PatientImportRow> row = source.next();
        if (!row) {
          more = false;
          break;
        }
        batch.push_back(check(std::move(*row), ++line, today));
      }
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || ready_.size() < kBatchesAhead; });
      if (stop_) return;
      if (!batch.empty()) ready_.push_back(std::move(batch));
      changed_.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(mutex_);
    failure_ = std::current_exception();
  }
  std::lock_guard lock(mutex_);
  finished_ = true;
  changed_.notify_all();
}

std::vector<CheckedImportRow> CheckedImportRows::next() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !ready_.empty() || finished_; });
  if (!ready_.empty()) {
    std::vector<CheckedImportRow> batch = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return batch;
  }
  if (failure_) std::rethrow_exception(failure_);
  return {};
}

}  // namespace rececon
