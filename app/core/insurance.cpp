#include "app/core/insurance.h"

#include <algorithm>
#include <map>

#include "app/core/branch_number.h"
#include "app/core/field_errors.h"
#include "app/core/insurer_number.h"
#include "app/core/utf8.h"

namespace rececon {
namespace {

constexpr std::size_t kMaxSymbolLength = 38;
constexpr std::size_t kMaxNumberLength = 20;

bool hasControl(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

// 記号 and 番号 are printed with kanji, kana, digits and hyphens. They are kept as typed (trimmed);
// only control characters and excessive length are refused.
std::string cardText(FieldErrors& errors, const std::string& raw, const char* field, const char* label,
                     std::size_t maxLength) {
  if (!utf8::isValid(raw)) {
    errors.add(field, label, "文字コードが正しくありません。");
    return {};
  }
  std::string s = utf8::trim(raw);
  if (hasControl(s)) errors.add(field, label, "制御文字は使えません。");
  if (utf8::length(s) > maxLength) errors.add(field, label, std::to_string(maxLength) + "文字以内です。");
  return s;
}

std::optional<Date> optionalDate(FieldErrors& errors, const std::string& raw, const char* field,
                                 const char* label) {
  if (utf8::isValid(raw) && utf8::trim(raw).empty()) return std::nullopt;
  const auto parsed = parseDate(raw);
  if (!parsed.date) errors.add(field, label, parsed.error);
  return parsed.date;
}

// Accepts 30, 3割, 030 (the 3-digit form of the linkage files); nullopt for "".
std::optional<int> optionalPercent(FieldErrors& errors, const std::string& raw, const char* field,
                                   const char* label) {
  if (!utf8::isValid(raw)) {
    errors.add(field, label, "文字コードが正しくありません。");
    return std::nullopt;
  }
  const std::string s = utf8::normalizeTyped(raw);
  if (s.empty()) return std::nullopt;
  // "30", "30%" or "3割" (a migration checks a million of these: read by hand, not by regex).
  std::size_t digits = 0;
  int number = 0;
  while (digits < s.size() && digits < 4 && s[digits] >= '0' && s[digits] <= '9') number = number * 10 + (s[digits++] - '0');
  const std::string_view unit = std::string_view(s).substr(digits);
  int value = -1;
  if (digits >= 1 && digits <= 2 && unit == "割") value = number * 10;
  else if (digits >= 1 && digits <= 3 && (unit.empty() || unit == "%")) value = number;
  if (value < 0 || value > 100) {
    errors.add(field, label, "0〜100 の割合（%）で入力してください（例: 30 または 3割）。");
    return std::nullopt;
  }
  return value;
}

void checkOrder(FieldErrors& errors, const std::optional<Date>& from, const std::optional<Date>& to,
                const char* field, const char* label) {
  if (from && to && std::chrono::sys_days(*to) < std::chrono::sys_days(*from)) {
    errors.add(field, label, "終了日（" + formatWareki(*to) + "）が開始日（" + formatWareki(*from) + "）より前です。");
  }
}

InsuranceRecord apply(InsuranceRecord r, const InsuranceFields& f, FieldErrors& errors) {
  if (f.insurerNumber) {
    const std::string why = insurerNumberError(*f.insurerNumber);
    if (!why.empty()) errors.add("insurer_number", "保険者番号", why);
    r.insured.insurerNumber = normalizeInsurerNumber(*f.insurerNumber);
  }
  if (f.symbol) r.insured.symbol = cardText(errors, *f.symbol, "symbol", "記号", kMaxSymbolLength);
  if (f.number) {
    r.insured.number = cardText(errors, *f.number, "number", "番号", kMaxNumberLength);
    if (r.insured.number.empty()) errors.add("number", "番号", "被保険者証の番号を入力してください。");
  }
  if (f.branch) {
    const std::string b = normalizeBranchNumber(*f.branch);
    if (!b.empty()) {
      const std::string why = branchNumberError(b);
      if (!why.empty()) errors.add("branch", "枝番", why);
    }
    r.insured.branch = b;
  }
  if (f.relationship) {
    const std::string s = utf8::normalizeTyped(*f.relationship);
    if (s.empty()) r.relationship.reset();
    else if (s == "1" || s == "本人") r.relationship = Relationship::Self;
    else if (s == "2" || s == "家族") r.relationship = Relationship::Family;
    else errors.add("relationship", "本人・家族", "1（本人）または 2（家族）で入力してください。");
  }
  if (f.insuredName) r.insuredName = cardText(errors, *f.insuredName, "insured_name", "被保険者氏名", 50);
  if (f.qualificationDate) r.qualificationDate = optionalDate(errors, *f.qualificationDate, "qualification_date", "資格取得日");
  if (f.validFrom) r.validFrom = optionalDate(errors, *f.validFrom, "valid_from", "有効開始日");
  if (f.validTo) r.validTo = optionalDate(errors, *f.validTo, "valid_to", "有効終了日");
  if (f.cardClassification) {
    const std::string s = utf8::isValid(*f.cardClassification) ? utf8::normalizeTyped(*f.cardClassification) : "?";
    const auto alphanumeric = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (!s.empty() && !(s.size() == 2 && alphanumeric(s[0]) && alphanumeric(s[1]))) {
      errors.add("card_classification", "被保険者証区分", "英数字2桁のコードで入力してください（例: 01）。");
    }
    r.cardClassification = s;
  }
  if (f.copayPercent) r.copayPercent = optionalPercent(errors, *f.copayPercent, "copay_percent", "負担割合");
  if (f.elderlyCopayPercent) {
    r.elderlyCopayPercent = optionalPercent(errors, *f.elderlyCopayPercent, "elderly_copay_percent", "高齢受給者 負担割合");
  }
  if (f.elderlyValidFrom) r.elderlyValidFrom = optionalDate(errors, *f.elderlyValidFrom, "elderly_valid_from", "高齢受給者 有効開始日");
  if (f.elderlyValidTo) r.elderlyValidTo = optionalDate(errors, *f.elderlyValidTo, "elderly_valid_to", "高齢受給者 有効終了日");
  if (f.insurerName) r.insurerName = cardText(errors, *f.insurerName, "insurer_name", "保険者名称", 100);
  if (f.state) {
    const auto state = insuranceStateFromString(*f.state);
    if (state) r.state = *state;
    else errors.add("state", "状態", "current（有効）、superseded（履歴）、invalid（無効）のいずれかです。");
  }
  checkOrder(errors, r.validFrom, r.validTo, "valid_to", "有効終了日");
  checkOrder(errors, r.elderlyValidFrom, r.elderlyValidTo, "elderly_valid_to", "高齢受給者 有効終了日");
  return r;
}

}  // namespace

const char* toString(InsuranceState state) {
  switch (state) {
    case InsuranceState::Current: return "current";
    case InsuranceState::Superseded: return "superseded";
    case InsuranceState::Invalid: return "invalid";
  }
  return "current";
}

std::optional<InsuranceState> insuranceStateFromString(std::string_view text) {
  if (text == "current") return InsuranceState::Current;
  if (text == "superseded") return InsuranceState::Superseded;
  if (text == "invalid") return InsuranceState::Invalid;
  return std::nullopt;
}

const char* insuranceStateLabel(InsuranceState state) {
  switch (state) {
    case InsuranceState::Current: return "有効";
    case InsuranceState::Superseded: return "履歴";
    case InsuranceState::Invalid: return "無効";
  }
  return "";
}

const char* relationshipLabel(Relationship r) { return r == Relationship::Self ? "本人" : "家族"; }

std::optional<std::string> cardClassificationLabel(std::string_view code) {
  static const std::map<std::string, std::string, std::less<>> labels = {
      {"01", "被保険者証（一般）"},     {"02", "被保険者証（退職）"},
      {"03", "短期被保険者証（一般）"}, {"04", "短期被保険者証（退職）"},
      {"05", "被保険者資格証明書"},     {"06", "特例退職被保険者証"},
      {"07", "自衛官診療証"},           {"A1", "医療扶助"},
  };
  const auto it = labels.find(code);
  if (it == labels.end()) return std::nullopt;
  return it->second;
}

bool InsuranceFields::empty() const {
  return !insurerNumber && !symbol && !number && !branch && !relationship && !insuredName && !qualificationDate &&
         !validFrom && !validTo && !cardClassification && !copayPercent && !elderlyCopayPercent &&
         !elderlyValidFrom && !elderlyValidTo && !insurerName && !state;
}

InsuranceRecord makeInsurance(const InsuranceFields& fields) {
  FieldErrors errors;
  if (!fields.insurerNumber) errors.add("insurer_number", "保険者番号", "保険者番号を入力してください。");
  if (!fields.number) errors.add("number", "番号", "被保険者証の番号を入力してください。");
  InsuranceRecord r = apply(InsuranceRecord{}, fields, errors);
  errors.throwIfAny();
  return r;
}

InsuranceRecord changeInsurance(const InsuranceRecord& base, const InsuranceFields& changes) {
  FieldErrors errors;
  InsuranceRecord r = apply(base, changes, errors);
  errors.throwIfAny();
  return r;
}

}  // namespace rececon
