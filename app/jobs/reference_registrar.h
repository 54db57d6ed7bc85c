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

class ReferenceRegistrar {
 public:
  ReferenceRegistrar(db::Database& db, linkage::ExchangeConfig config, std::string operatorId);

  // Registers the patient's current insurance and waits for the answer. Throws InvalidInput when the
  // patient has no valid current insurance, NotFound.
  RegistrationSummary registerPatient(std::int64_t patientNumber, JobContext& job);

  // Registers every patient whose valid current insurance is not registered yet, in one bulk request;
  // downloads the result, retrying while OQS is still processing (up to maxDownloads).
  RegistrationSummary registerAll(JobContext& job, std::chrono::milliseconds retryDelay = std::chrono::seconds(2),
                                  int maxDownloads = 30);

  // True when the patient's newest registration succeeded for the numbers of their current insurance.
  bool upToDate(std::int64_t patientNumber);

 private:
  db::Database& db_;
  linkage::ExchangeConfig config_;
  std::string operatorId_;
};

}  // namespace rececon
