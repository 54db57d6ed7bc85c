#pragma once
// Fictional demo patients for a first run and for benchmarks. Every person is made up from
// independent lists of family and given names; insurer numbers are made-up numbers that pass the
// check-digit rule. Deterministic for a given seed.

#include <cstdint>
#include <vector>

#include "app/jobs/patient_register.h"

namespace rececon {

// count generated patients with one to three insurance records each (older ones superseded, a few
// invalid, some with 枝番, elderly-recipient data for those over 70).
std::vector<PatientImportRow> generateDemoPatients(std::int64_t count, std::uint32_t seed, Date today);

// Fills an empty register with demo patients. Returns how many were stored.
std::int64_t fillDemoRegister(PatientRegister& reg, std::int64_t count, JobContext& job);

}  // namespace rececon
