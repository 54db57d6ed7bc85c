#pragma once
// Rows of an import, validated on a thread of their own a batch ahead of the writer: reading and
// checking a row (kana, dates, insurer check digits) costs about as much as storing it, so on a machine
// with two cores a migration of a million patients takes half the time. The source's next() is called
// from that thread only, one call at a time.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "app/core/field_errors.h"
#include "app/core/insurance.h"
#include "app/core/patient.h"
#include "app/jobs/patient_register.h"

namespace rececon {

// One row as read: the patient and records made from it, or what is wrong with it.
struct CheckedImportRow {
  std::int64_t line = 0;               // 1 for the first row
  std::int64_t wantedNumber = 0;       // 0 = the next free number
  Patient patient;                     // number not yet given
  std::vector<InsuranceRecord> records;  // oldest first
  std::vector<FieldError> errors;      // empty when the row is right
};

class CheckedImportRows {
 public:
  static constexpr std::size_t kBatchRows = 1000;

  // Starts reading and checking at once; `today` is what birth dates are checked against.
  CheckedImportRows(PatientImportSource& source, Date today);
  // Stops the thread (a cancelled or failed import) and waits for it.
  ~CheckedImportRows();
  CheckedImportRows(const CheckedImportRows&) = delete;
  CheckedImportRows& operator=(const CheckedImportRows&) = delete;

  // The next rows, up to kBatchRows; empty at the end. Rethrows what the source threw.
  std::vector<CheckedImportRow> next();

 private:
  void run(PatientImportSource& source, Date today);

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<CheckedImportRow>> ready_;  // at most two batches wait
  bool finished_ = false;
  bool stop_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  // last: started once everything it uses exists
};

}  // namespace rececon
