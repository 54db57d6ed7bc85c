#pragma once
// The morning worklist of a bulk pre-check: the patients a person must look at before they arrive (every
// outcome but "no change" and "additional data taken", and the patients a failed run could not check),
// with their appointment time, what OQS said and what differs. Marking an item done is recorded with who
// did it. One thread at a time (as its Database).

#include <cstdint>
#include <string>
#include <vector>

#include "app/core/japanese_date.h"
#include "db/database.h"

namespace rececon {

struct WorklistItem {
  std::int64_t entryId = 0;
  std::string appointmentTime;  // HH:MM or ""
  std::int64_t patientNumber = 0;
  std::string name, nameKana;
  std::string insurance;       // 保険者番号・記号・番号・枝番 as checked
  std::string outcome;         // stored name ("" when the run could not check the patient)
  std::string outcomeLabel;    // in words
  std::string detail;          // what to do
  std::string comparison;      // differing fields, one per line
  std::string processingCode, processingMessage;  // verbatim
  bool done = false;
  std::string doneBy, doneAt;
};

// The worklist for a check date, by appointment time then patient number; done items included unless
// openOnly. Empty when no run exists for the date.
std::vector<WorklistItem> bulkWorklist(db::Database& db, Date checkDate, bool openOnly = false);

// Marks an item done (or open again), with an audit entry. Throws NotFound.
void setWorklistItemDone(db::Database& db, std::int64_t entryId, bool done, const std::string& operatorId);

// The worklist as CSV for a spreadsheet (UTF-8 with a BOM, which Excel needs to read it as UTF-8).
std::string worklistCsv(const std::vector<WorklistItem>& items);

}  // namespace rececon
