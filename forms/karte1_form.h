#pragma once
// カルテ1号用紙 (診療録, 様式第一号(一)の1): the patient, the insurance with its 枝番 (table 4.1.1-1 (1)),
// the public-expense slots, the first-visit date, and the hand-written parts (傷病名, 労務不能に関する
// 意見, 備考) as empty grids — laid out like the familiar form. Pure; any thread.
#include <optional>
#include <string>

#include "app/core/insurance.h"
#include "app/core/patient.h"
#include "forms/page.h"

namespace rececon::forms {

struct Karte1Data {
  Patient patient;
  std::optional<InsuranceRecord> insurance;  // the record in use; the slots stay empty without one
  std::optional<Date> firstVisit;           // 初診年月日
  std::string institutionName, institutionCode;
  Date printedOn{};
};

Document karte1Form(const Karte1Data& data);

}  // namespace rececon::forms
