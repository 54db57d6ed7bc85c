#pragma once
// Appointments (予約): who is expected on which day, at what time, for which department and doctor.
// The nightly bulk pre-check builds its list from them. One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace rececon::db {

struct StoredAppointment {
  std::int64_t id = 0;
  std::string date;  // YYYY-MM-DD
  std::string time;  // HH:MM or ""
  std::int64_t patientNumber = 0;
  std::string department, doctor, memo;
  std::string source;  // entered / cli / csv:<file name>
  std::string operatorId, createdAt;
};

class AppointmentRepository {
 public:
  explicit AppointmentRepository(Database& db) : db_(db) {}

  // Stores the appointment unless the same one (date, patient, time, department) is there already:
  // returns its id, or nullopt for a duplicate. In the caller's transaction.
  std::optional<std::int64_t> add(const StoredAppointment& a);
  // The day's appointments by time ("" first), then patient.
  std::vector<StoredAppointment> onDate(const std::string& isoDate);
  // The patients expected on the day, each once, ascending.
  std::vector<std::int64_t> patientsOnDate(const std::string& isoDate);
  // The earliest appointment time of a patient on the day ("" when none or no time).
  std::string firstTime(const std::string& isoDate, std::int64_t patientNumber);

 private:
  Database& db_;
};

}  // namespace rececon::db
