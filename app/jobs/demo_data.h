#pragma once
// Fictional demo patients for a first run and for benchmarks. Every person is made up from
// independent lists of family and given names; insurer numbers are made-up numbers that pass the
// check-digit rule. Deterministic for a given seed.

#include <cstdint>
#include <filesystem>
#include <random>
#include <vector>

#include "app/jobs/appointment_book.h"
#include "app/jobs/patient_register.h"

namespace rececon {

// count generated patients with one to three insurance records each (older ones superseded, a few
// invalid, some with 枝番, elderly-recipient data for those over 70), made one at a time.
class DemoPatientStream : public PatientImportSource {
 public:
  DemoPatientStream(std::int64_t count, std::uint32_t seed, Date today);
  std::optional<PatientImportRow> next() override;
  std::int64_t expectedRows() const override { return count_; }

 private:
  std::int64_t count_;
  std::int64_t made_ = 0;
  std::mt19937 rng_;
  int thisYear_;
};

// The same patients held at once.
std::vector<PatientImportRow> generateDemoPatients(std::int64_t count, std::uint32_t seed, Date today);

// The simulator's fictional people (resources/oqs-sim/persons.csv) as patients, each with the
// insurance card the clinic holds — current, since a clinic learns that a card is invalid, or has been
// replaced, only by checking it. So the demo register and oqs-sim know the same people.
// Throws EnvironmentError when the file cannot be read, InvalidInput when it is malformed.
std::vector<PatientImportRow> simPersonsAsPatients(const std::filesystem::path& personsCsv);

// A plausible day of appointments for these patients: 09:00 to 17:55 in five-minute steps (several
// patients share a slot), in a few departments.
std::vector<AppointmentFields> demoAppointments(const std::vector<std::int64_t>& patientNumbers, Date day);

// Where resources/ is: $RECECON_RESOURCES when set, else the source tree this build came from.
std::filesystem::path resourcesDir();


}  // namespace rececon
