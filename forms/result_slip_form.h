#pragma once
// The qualification-result slip (資格確認結果票): one check's outcome in words, OQS's message verbatim,
// what was returned, and field by field what we hold against what came back — for the patient's file or
// to hand to whoever decides. A5, continued on further pages when the comparison is long. Pure; any thread.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/core/qualification.h"
#include "forms/page.h"

namespace rececon::forms {

struct ResultSlipData {
  std::string institutionName;
  std::optional<std::int64_t> patientNumber;
  std::string patientName;
  std::string receivedAt;  // when the result arrived, as people read it
  std::string source;      // 資格確認（保険証の番号） / マイナンバーカード
  CheckOutcome outcome = CheckOutcome::Error;
  std::string processingCode, processingMessage, errorCode, errorMessage;  // verbatim
  std::optional<ReturnedQualification> returned;
  std::vector<FieldComparison> comparison;
  std::vector<std::pair<std::string, std::string>> limitCertificate;  // label, value
  std::vector<std::string> findings;
  std::vector<std::pair<std::string, std::string>> publicAssistance;  // 医療扶助: label, value  // what needs a person before the result may be applied (Japanese)
  Date printedOn{};
};

Document resultSlipForm(const ResultSlipData& data);

}  // namespace rececon::forms
