#pragma once
// A health-insurance record (医療保険) of a patient, kept as history, and the rules for entering one.
// Pure; any thread.

#include <cstdint>
#include <optional>
#include <string>

#include "app/core/japanese_date.h"
#include "app/core/patient.h"
#include "app/core/row_version.h"

namespace rececon {

// current: the valid record in use; superseded: replaced by a newer one, kept as history;
// invalid: found invalid (e.g. by a qualification check) — kept, never silently deleted.
enum class InsuranceState { Current, Superseded, Invalid };

const char* toString(InsuranceState state);  // "current" / "superseded" / "invalid"
std::optional<InsuranceState> insuranceStateFromString(std::string_view text);
const char* insuranceStateLabel(InsuranceState state);  // 有効 / 履歴 / 無効

enum class Relationship { Self = 1, Family = 2 };  // 本人 / 家族 (OQSCD009)
const char* relationshipLabel(Relationship r);

// 被保険者証区分 (OQSCD010) label, or nullopt for a code we do not know (kept and shown as is).
std::optional<std::string> cardClassificationLabel(std::string_view code);

struct InsuranceRecord {
  std::int64_t id = 0;  // 0 until stored
  std::int64_t patientNumber = 0;
  InsuredNumber insured;  // 保険者番号, 記号, 番号, 枝番
  std::optional<Relationship> relationship;
  std::string insuredName;  // 被保険者氏名
  std::optional<Date> qualificationDate;
  std::optional<Date> validFrom;
  std::optional<Date> validTo;
  std::string cardClassification;       // OQSCD010 code, e.g. "01"
  std::optional<int> copayPercent;      // 一部負担金割合 in percent (30 = 3割)
  std::optional<int> elderlyCopayPercent;  // 高齢受給者 一部負担金割合
  std::optional<Date> elderlyValidFrom;
  std::optional<Date> elderlyValidTo;
  std::string insurerName;
  InsuranceState state = InsuranceState::Current;
  std::string createdAt;  // ISO timestamps, set by the store
  std::string updatedAt;
  RowVersion version;  // set by the store
};

// Insurance data as typed; nullopt = not given, "" = clear the value.
struct InsuranceFields {
  std::optional<std::string> insurerNumber;
  std::optional<std::string> symbol;
  std::optional<std::string> number;
  std::optional<std::string> branch;
  std::optional<std::string> relationship;  // 1 / 2 / 本人 / 家族
  std::optional<std::string> insuredName;
  std::optional<std::string> qualificationDate;
  std::optional<std::string> validFrom;
  std::optional<std::string> validTo;
  std::optional<std::string> cardClassification;
  std::optional<std::string> copayPercent;  // 30, 3割, 030
  std::optional<std::string> elderlyCopayPercent;
  std::optional<std::string> elderlyValidFrom;
  std::optional<std::string> elderlyValidTo;
  std::optional<std::string> insurerName;
  std::optional<std::string> state;  // current / superseded / invalid
  // The version of the record the person's view was made from (see PatientFields::seenVersion).
  std::optional<std::int64_t> seenVersion;
  bool empty() const;  // no field given
};

// A new record from typed fields; 保険者番号 and 番号 are required.
// Throws ValidationFailed listing every wrong field (check digit, 枝番 form, date order, …).
InsuranceRecord makeInsurance(const InsuranceFields& fields);

// base with the given fields changed, validated as a whole. Throws ValidationFailed.
InsuranceRecord changeInsurance(const InsuranceRecord& base, const InsuranceFields& changes);

}  // namespace rececon
