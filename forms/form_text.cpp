#include "forms/form_text.h"

#include "app/core/kana.h"
#include "app/core/utf8.h"

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

namespace {
// U+FF65..U+FF9F: ･, the katakana, ｰ and the voicing marks ﾞ ﾟ.
bool isHalfWidthKana(char32_t c) { return c >= 0xFF65 && c <= 0xFF9F; }
}  // namespace

std::string kanaForPrint(const std::string& kana) {
  // A form is printed for a patient at the desk; a register value we would not accept today must not
  // stop it. So nothing here throws: the stored form when the value is a reading, else a minimal repair.
  if (!utf8::isValid(kana)) return kana;
  if (const auto stored = toFullWidthKatakana(kana)) return *stored;
  // Each run of half-width katakana goes through the same conversion as a whole reading, so ﾀﾞ is
  // composed to ダ by the one table in app/core; a run it refuses (a lone ﾞ) is left as it was.
  const std::u32string chars = utf8::decode(kana);
  std::string out;
  for (std::size_t i = 0; i < chars.size();) {
    std::size_t end = i;
    while (end < chars.size() && isHalfWidthKana(chars[end])) ++end;
    if (end == i) {
      utf8::append(out, chars[i++]);
      continue;
    }
    const std::string run = utf8::encode(chars.substr(i, end - i));
    out += toFullWidthKatakana(run).value_or(run);
    i = end;
  }
  return out;
}

}  // namespace rececon::forms
