#pragma once
// The bulk pre-check worklist on paper: the patients expected on a day who need attention, by appointment
// time, with what OQS said, what to do and what differs, and a box to tick when done. Pure; any thread.
#include <cstdint>
#include <string>
#include <vector>

#include "app/core/japanese_date.h"
#include "forms/page.h"

namespace rececon::forms {

struct WorklistRow {
  std::string appointmentTime;  // HH:MM or ""
  std::int64_t patientNumber = 0;
  std::string name, nameKana;
  std::string insurance;     // the numbers as checked, on one line
  std::string outcomeLabel;  // in words
  std::string detail;        // what to do
  std::string comparison;    // differing fields, one per line
  std::string processing;    // OQS's code and message, verbatim
  bool done = false;
  std::string doneBy;
};

struct WorklistSheetData {
  Date checkDate{};
  Date printedOn{};
  std::string institutionName;
  std::vector<WorklistRow> rows;
};

inline constexpr int kWorklistRowsPerPage = 8;

Document worklistForm(const WorklistSheetData& data);

}  // namespace rececon::forms
