#pragma once
// The patient (患者) and the rules for entering one. Pure; any thread.

#include <cstdint>
#include <optional>
#include <string>

#include "app/core/japanese_date.h"
#include "app/core/row_version.h"

namespace rececon {

enum class Sex { Male = 1, Female = 2 };

// 男 / 女
const char* sexLabel(Sex sex);
// 1 / 2 / 男 / 女 (full-width digits too); nullopt for anything else.
std::optional<Sex> parseSex(const std::string& typed);
inline constexpr const char* kSexExpected = "1（男）または 2（女）で入力してください。";

// The numbers that identify an insured person on a card: 保険者番号, 記号, 番号, 枝番.
struct InsuredNumber {
  std::string insurerNumber;
  std::string symbol;
  std::string number;
  std::string branch;  // empty when the card has none
  bool operator==(const InsuredNumber&) const = default;
};

struct Patient {
  std::int64_t number = 0;  // 患者番号, registered with OQS as 照会番号; 0 until assigned
  std::string name;         // 氏名 (kanji), as entered
  std::string nameKana;     // 氏名カナ, as full-width katakana (toFullWidthKatakana)
  Sex sex = Sex::Male;
  Date birthDate{};
  std::string postalCode;  // 123-4567
  std::string address;
  std::string phone;
  std::string notes;
  // 直近有効であった被保険者番号等: kept by the store from the last record that was valid, so it
  // stays readable when the current record is invalid (table 4.1.1-1 (1)).
  std::optional<InsuredNumber> lastValid;
  RowVersion version;  // set by the store
};

// Patient data as typed by a person or given on a command line; nullopt = not given.
struct PatientFields {
  std::optional<std::string> name;
  std::optional<std::string> nameKana;
  std::optional<std::string> sex;        // 1 / 2 / 男 / 女
  std::optional<std::string> birthDate;  // any form parseDate() reads
  std::optional<std::string> postalCode;
  std::optional<std::string> address;
  std::optional<std::string> phone;
  std::optional<std::string> notes;
  // The version of the patient the person's view was made from; a change on an older one is refused.
  // nullopt: changed without a view of its own (a script reading and writing at once).
  std::optional<std::int64_t> seenVersion;
  bool empty() const;  // no field given (seenVersion is not a field)
};

// A new patient from typed fields; name, kana, sex and birth date are required.
// Throws ValidationFailed listing every field that is wrong.
Patient makePatient(const PatientFields& fields, Date today);

// base with the given fields changed, validated as a whole. Throws ValidationFailed.
Patient changePatient(const Patient& base, const PatientFields& changes, Date today);

// Age in full years on a given day, counted from the calendar birthday (for display).
int ageOn(Date birthDate, Date on);

// Parses a patient number as typed (full-width digits allowed): 1 .. 9,999,999,999.
// Throws ValidationFailed naming 患者番号.
std::int64_t parsePatientNumber(std::string_view text);

}  // namespace rececon
