#pragma once
// The outage capture sheet (障害時 4情報 記録票): the 4 items copied from My Number cards while the
// online check was down, one row per person, with room to write what the OQS call center said. The
// last page is filled up with empty rows so the sheet also serves for writing by hand. Pure; any thread.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/patient.h"
#include "forms/page.h"

namespace rececon::forms {

struct OutageCaptureRow {
  std::optional<Date> visitDate;
  std::string name, nameKana;
  std::optional<Sex> sex;
  std::optional<Date> birthDate;
  std::string address, insurerName;
  std::optional<std::int64_t> patientNumber;
  std::string confirmation;  // what the call center said, once recorded
};

struct OutageSheetData {
  std::string institutionName, institutionCode, callCenterNumber;
  Date printedOn{};
  std::vector<OutageCaptureRow> rows;
};

inline constexpr int kOutageRowsPerPage = 8;

Document outageSheetForm(const OutageSheetData& data);

}  // namespace rececon::forms
