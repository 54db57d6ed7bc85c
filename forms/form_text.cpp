#include "forms/form_text.h"

namespace rececon::forms {

std::string birthText(Date birthDate, Date on) {
  if (!birthDate.ok()) return "";
  return formatWareki(birthDate) + "生（" + std::to_string(ageOn(birthDate, on)) + "歳）";
}

std::string optionalWareki(const std::optional<Date>& date) { return date ? formatWareki(*date) : ""; }

std::string addressText(const std::string& postalCode, const std::string& address) {
  if (postalCode.empty()) return address;
  return "〒" + postalCode + "　" + address;
}

std::string symbolAndNumber(const InsuredNumber& n) {
  if (n.number.empty()) return "";
  return (n.symbol.empty() ? "" : "記号 " + n.symbol + " ・ ") + "番号 " + n.number;
}

std::string insuredNumberLine(const InsuredNumber& n) {
  std::string s = "保険者番号 " + n.insurerNumber;
  if (!n.symbol.empty()) s += "　記号 " + n.symbol;
  s += "　番号 " + n.number;
  s += "　枝番 " + (n.branch.empty() ? std::string("なし") : n.branch);
  return s;
}

std::string validityText(const std::optional<Date>& from, const std::optional<Date>& to) {
  if (!from && !to) return "";
  return (from ? formatWareki(*from) + " から" : std::string()) + (from && to ? "　" : "") +
         (to ? formatWareki(*to) + " まで" : std::string());
}

namespace {
std::string share(int percent) {
  if (percent % 10 == 0) return std::to_string(percent / 10) + "割";
  return std::to_string(percent) + "%";
}
}  // namespace

std::string copayText(const InsuranceRecord& r) {
  std::string s = r.copayPercent ? share(*r.copayPercent) : "";
  if (r.elderlyCopayPercent) s += (s.empty() ? "" : "　") + std::string("高齢受給者 ") + share(*r.elderlyCopayPercent);
  return s;
}

std::string cardClassText(const std::string& code) {
  if (code.empty()) return "";
  const auto label = cardClassificationLabel(code);
  return label ? *label + "（" + code + "）" : code;
}

std::string institutionText(const std::string& name, const std::string& code) {
  if (code.empty()) return name;
  return name.empty() ? code : name + "（" + code + "）";
}

}  // namespace rececon::forms
