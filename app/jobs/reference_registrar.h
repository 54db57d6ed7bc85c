#pragma once
// Registering our patient numbers as 照会番号 with OQS (table 4.1.1-1 (4)): for one patient after a valid
// check (OQSsiimm01), again whenever their insurance changes, and in bulk for existing patients
// (OQSmuimm01 -> reception number -> OQSmuimm02). Every attempt is recorded. One thread at a time.

#include <chrono>
#include <cstdint>
#include <string>

#include "app/jobs/job_context.h"
#include "db/database.h"
#include "linkage/exchange.h"

namespace rececon {

struct RegistrationSummary {
  int requested = 0;
  int registered = 0;
  int failed = 0;
  std::string detail;  // Japanese
};

// Where a patient's 照会番号 stands for their current insurance.
enum class ReferenceState {
  Registered,     // the newest registration succeeded for the current numbers
  Sending,        // sent, its answer not recorded yet
  Failed,         // the newest attempt failed (its reason is kept)
  NotRegistered,  // never, or not since the insurance changed
};

class ReferenceRegistrar {
 public:
  ReferenceRegistrar(db::Database& db, linkage::ExchangeConfig config, std::string operatorId);

  // Sends the registration of the patient's current insurance and returns at once: the answer is taken
  // by whichever pass over the folders comes next (settlePending). Throws InvalidInput when the patient
  // has no valid current insurance, NotFound, EnvironmentError when the request cannot be written.
  RegistrationSummary queuePatient(std::int64_t patientNumber);

  // queuePatient, then waits for the answer (rececon-cli refno register --patient N).
  RegistrationSummary registerPatient(std::int64_t patientNumber, JobContext& job);

  // Single registrations whose request has ended are recorded as registered or failed. A failure is sent
  // again while the insurance record has had fewer than kAttempts tries (a linkage briefly down);
  // after that it stays failed, shown with its reason, for `refno register`. Returns how many settled.
  static constexpr int kAttempts = 3;
  int settlePending();

  // Registers every patient whose valid current insurance is not registered yet, in one bulk request;
  // downloads the result, retrying while OQS is still processing (up to maxDownloads).
  RegistrationSummary registerAll(JobContext& job, std::chrono::milliseconds retryDelay = std::chrono::seconds(2),
                                  int maxDownloads = 30);

  // True when the patient's newest registration succeeded for the numbers of their current insurance.
  bool upToDate(std::int64_t patientNumber);
  ReferenceState state(std::int64_t patientNumber);
  // The same for people: 登録済 / 送信中（応答待ち） / 失敗（reason） / 未登録.
  std::string stateWords(std::int64_t patientNumber);

 private:
  db::Database& db_;
  linkage::ExchangeConfig config_;
  std::string operatorId_;
};

// The same state for a patient, read without an exchange (nothing is sent): for the patient panel and
// `patient show`.
ReferenceState referenceStateOf(db::Database& db, std::int64_t patientNumber);
std::string referenceStateWordsOf(db::Database& db, std::int64_t patientNumber);

}  // namespace rececon
