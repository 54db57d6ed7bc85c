#include "db/record_fields.h"

namespace rececon::db {
namespace {

std::optional<std::string> text(const std::string& s) { return s; }
std::optional<std::string> date(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return toIsoString(*d);
}
std::optional<std::string> number(const std::optional<int>& n) {
  if (!n) return std::nullopt;
  return std::to_string(*n);
}

}  // namespace

FieldValues patientFieldValues(const Patient& p) {
  return {
      {"name", text(p.name)},
      {"name_kana", text(p.nameKana)},
      {"sex", std::to_string(static_cast<int>(p.sex))},
      {"birth_date", toIsoString(p.birthDate)},
      {"postal_code", text(p.postalCode)},
      {"address", text(p.address)},
      {"phone", text(p.phone)},
      {"notes", text(p.notes)},
  };
}

FieldValues lastValidFieldValues(const std::optional<InsuredNumber>& v) {
  const auto part = [&](auto member) -> std::optional<std::string> {
    if (!v) return std::nullopt;
    return (*v).*member;
  };
  return {
      {"last_valid_insurer_number", part(&InsuredNumber::insurerNumber)},
      {"last_valid_symbol", part(&InsuredNumber::symbol)},
      {"last_valid_number", part(&InsuredNumber::number)},
      {"last_valid_branch", part(&InsuredNumber::branch)},
  };
}

FieldValues insuranceFieldValues(const InsuranceRecord& r) {
  std::optional<std::string> relationship;
  if (r.relationship) relationship = std::to_string(static_cast<int>(*r.relationship));
  return {
      {"insurer_number", text(r.insured.insurerNumber)},
      {"symbol", text(r.insured.symbol)},
      {"number", text(r.insured.number)},
      {"branch", text(r.insured.branch)},
      {"relationship", relationship},
      {"insured_name", text(r.insuredName)},
      {"qualification_date", date(r.qualificationDate)},
      {"valid_from", date(r.validFrom)},
      {"valid_to", date(r.validTo)},
      {"card_classification", text(r.cardClassification)},
      {"copay_percent", number(r.copayPercent)},
      {"elderly_copay_percent", number(r.elderlyCopayPercent)},
      {"elderly_valid_from", date(r.elderlyValidFrom)},
      {"elderly_valid_to", date(r.elderlyValidTo)},
      {"insurer_name", text(r.insurerName)},
      {"state", std::string(toString(r.state))},
  };
}

}  // namespace rececon::db
