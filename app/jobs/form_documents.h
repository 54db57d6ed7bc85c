#pragma once
// The printable forms filled from the register (カルテ1号用紙, the outage capture sheet, the bulk
// worklist, the qualification-result slip), and saving a form as PDF — the same for the window and the
// nightly CLI. One thread at a time (as its Database).
#include <cstdint>
#include <filesystem>
#include <vector>

#include "app/core/japanese_date.h"
#include "app/jobs/bulk_worklist.h"
#include "app/jobs/qualification_service.h"
#include "db/database.h"
#include "forms/page.h"
#include "forms/page_renderer.h"

namespace rececon {

// The chart form of a patient with their current insurance and first visit. Throws NotFound.
forms::Document karte1Document(db::Database& db, std::int64_t patientNumber, Date printedOn);

// The 4-item captures not yet confirmed through the call center (an empty sheet for writing by hand
// when there are none).
forms::Document outageSheetDocument(db::Database& db, Date printedOn);

// The worklist of the bulk pre-check for a check date (only the open items when openOnly).
forms::Document worklistDocument(db::Database& db, Date checkDate, bool openOnly, Date printedOn);
// The given items of that worklist in the given order (what a filtered, sorted list shows).
forms::Document worklistDocument(db::Database& db, Date checkDate, const std::vector<WorklistItem>& items, Date printedOn);

// The slip for one received result, as QualificationService::reportForResult reported it.
// Throws InvalidInput for a report without a result.
forms::Document resultSlipDocument(db::Database& db, const CheckReport& report, Date printedOn);

struct SavedForm {
  std::filesystem::path path;
  int pages = 0;
  std::vector<forms::FitNote> overflows;  // text that did not fit its box (printed cut, with an ellipsis)
};

// Writes the form as PDF. The file appears whole or not at all: it is written next to its final name
// and renamed, so a failed write (full disk) leaves an older file as it was. Throws EnvironmentError
// (missing folder, no permission, full disk, missing fonts).
SavedForm saveFormPdf(const forms::Document& document, const std::filesystem::path& path);

}  // namespace rececon
