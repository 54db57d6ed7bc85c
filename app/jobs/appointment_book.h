#pragma once
// Appointments (予約) as the clerk, the CLI and a CSV export from a booking system give them. The bulk
// pre-check builds the night's list from them. One thread at a time (as its Database).
//
// CSV format (README, "Nightly bulk pre-check"): UTF-8 (a BOM is fine) or Shift_JIS, a header line naming the
// columns in any order — 予約日 (or date), 患者番号 (patient) required; 時刻 (time), 診療科
// (department), 医師 (doctor), メモ (memo) optional. Dates in any form the desk accepts (2026-11-24,
// R8.11.24, 令和8年11月24日), times as 9:30 or 0930.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "app/core/field_errors.h"
#include "app/core/japanese_date.h"
#include "db/appointment_repository.h"
#include "db/database.h"

namespace rececon {

// An appointment as stored (its id, who entered it and how), as the front-ends show it.
using StoredAppointment = db::StoredAppointment;

struct AppointmentFields {  // as typed
  std::string date, time, patientNumber, department, doctor, memo;
};

struct AppointmentImportSummary {
  int added = 0;
  int alreadyBooked = 0;  // rows identical to a stored appointment (a file imported twice adds nothing)
};

class AppointmentBook {
 public:
  AppointmentBook(db::Database& db, std::string operatorId);

  // Validates and stores one appointment. Throws ValidationFailed listing every wrong field (the patient
  // must be registered), InvalidInput when the same appointment is booked already.
  db::StoredAppointment add(const AppointmentFields& fields, const std::string& source = "entered");

  std::vector<db::StoredAppointment> onDate(Date day);

  // Imports a CSV file in one transaction: nothing is stored when any row is wrong (ValidationFailed
  // lists each as "N行目"). Throws EnvironmentError when the file cannot be read, InvalidInput when it is
  // not CSV of this format.
  AppointmentImportSummary importCsv(const std::filesystem::path& file);

  // Stores many appointments in one transaction, all or nothing (ValidationFailed names each wrong row by
  // its line number, else its position from 1). Appointments booked already are counted, not stored.
  AppointmentImportSummary addAll(const std::vector<AppointmentFields>& rows, const std::string& source,
                                  const std::vector<int>& lineNumbers = {});

 private:
  db::StoredAppointment validated(const AppointmentFields& fields, const std::string& source, FieldErrors& errors);

  db::Database& db_;
  std::string operatorId_;
};

// "9:30", "0930", "９：３０" -> "09:30"; "" stays ""; nullopt when not a time of day.
std::optional<std::string> normalizeAppointmentTime(const std::string& text);

}  // namespace rececon
