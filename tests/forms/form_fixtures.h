#pragma once
// Fixed data the form tests render: every field filled, dates chosen to show 和暦 (元年 included).
#include "forms/karte1_form.h"
#include "forms/outage_sheet_form.h"
#include "forms/result_slip_form.h"
#include "forms/worklist_form.h"

namespace rececon::test {

forms::Karte1Data karte1Fixture();
forms::OutageSheetData outageSheetFixture(int rows);
forms::WorklistSheetData worklistFixture(int rows);
forms::ResultSlipData resultSlipFixture();

}  // namespace rececon::test
