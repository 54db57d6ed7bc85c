#include "app/core/patient.h"

#include <algorithm>
#include <regex>

#include "app/core/field_errors.h"
#include "app/core/kana.h"
#include "app/core/text_input.h"
#include "app/core/utf8.h"

namespace rececon {
namespace {

constexpr std::size_t kMaxNotesLength = 2000;

void applyName(Patient& p, FieldErrors& errors, const std::string& raw) {
  p.name = checkedPersonText(errors, raw, "name", "氏名", kMaxNameLength);
  if (p.name.empty()) errors.add("name", "氏名", "氏名を入力してください。");
}

void applyKana(Patient& p, FieldErrors& errors, const std::string& raw) {
  const std::size_t before = errors.list().size();
  const std::string typed = checkedPersonText(errors, raw, "name_kana", "氏名カナ", kMaxNameLength);
  if (typed.empty()) {
    if (errors.list().size() == before) errors.add("name_kana", "氏名カナ", "フリガナを入力してください。");
    return;
  }
  if (errors.list().size() != before) return;  // a hidden character is named once, not also as "not kana"
  // Stored in one form whatever the keyboard typed, so that lists never mix hiragana and ﾊﾝｶｸ.
  if (const auto stored = toFullWidthKatakana(typed)) p.nameKana = *stored;
  else errors.add("name_kana", "氏名カナ", kKanaExpected);
}

void applySex(Patient& p, FieldErrors& errors, const std::string& raw) {
  if (const auto sex = parseSex(raw)) p.sex = *sex;
  else errors.add("sex", "性別", kSexExpected);
}

void applyBirthDate(Patient& p, FieldErrors& errors, const std::string& raw, Date today) {
  const auto parsed = parseDate(raw);
  if (!parsed.date) {
    errors.add("birth_date", "生年月日", parsed.error);
    return;
  }
  if (std::chrono::sys_days(*parsed.date) > std::chrono::sys_days(today)) {
    errors.add("birth_date", "生年月日", formatWareki(*parsed.date) + "は未来の日付です。");
  } else if (!eraOf(*parsed.date)) {
    errors.add("birth_date", "生年月日", "明治より前の日付は登録できません。");
  }
  p.birthDate = *parsed.date;
}

void applyPostalCode(Patient& p, FieldErrors& errors, const std::string& raw) {
  if (!utf8::isValid(raw)) {
    errors.add("postal_code", "郵便番号", "文字コードが正しくありません。");
    return;
  }
  std::string s = utf8::normalizeTyped(raw);
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  if (s.empty()) {
    p.postalCode.clear();
  } else if (s.size() == 7 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    p.postalCode = s.substr(0, 3) + "-" + s.substr(3);
  } else {
    errors.add("postal_code", "郵便番号", "数字7桁で入力してください（例: 123-4567）。");
  }
}

void applyPhone(Patient& p, FieldErrors& errors, const std::string& raw) {
  if (!utf8::isValid(raw)) {
    errors.add("phone", "電話番号", "文字コードが正しくありません。");
    return;
  }
  const std::string s = utf8::normalizeTyped(raw);
  static const std::regex phone(R"(^\+?[0-9][0-9() -]{0,19}$)");
  if (!s.empty() && !std::regex_match(s, phone)) {
    errors.add("phone", "電話番号", "数字とハイフンで20文字以内で入力してください（例: 03-1234-5678）。");
  }
  p.phone = s;
}

Patient apply(Patient p, const PatientFields& f, Date today, FieldErrors& errors) {
  if (f.name) applyName(p, errors, *f.name);
  if (f.nameKana) applyKana(p, errors, *f.nameKana);
  if (f.sex) applySex(p, errors, *f.sex);
  if (f.birthDate) applyBirthDate(p, errors, *f.birthDate, today);
  if (f.postalCode) applyPostalCode(p, errors, *f.postalCode);
  if (f.address) p.address = checkedPersonText(errors, *f.address, "address", "住所", kMaxAddressLength);
  if (f.phone) applyPhone(p, errors, *f.phone);
  if (f.notes) p.notes = checkedText(errors, *f.notes, "notes", "備考", kMaxNotesLength, true);
  return p;
}

}  // namespace

std::optional<Sex> parseSex(const std::string& typed) {
  const std::string s = utf8::normalizeTyped(typed);
  if (s == "1" || s == "男") return Sex::Male;
  if (s == "2" || s == "女") return Sex::Female;
  return std::nullopt;
}

const char* sexLabel(Sex sex) { return sex == Sex::Male ? "男" : "女"; }

bool PatientFields::empty() const {
  return !name && !nameKana && !sex && !birthDate && !postalCode && !address && !phone && !notes;
}

Patient makePatient(const PatientFields& fields, Date today) {
  FieldErrors errors;
  if (!fields.name) errors.add("name", "氏名", "氏名を入力してください。");
  if (!fields.nameKana) errors.add("name_kana", "氏名カナ", "フリガナを入力してください。");
  if (!fields.sex) errors.add("sex", "性別", "1（男）または 2（女）で入力してください。");
  if (!fields.birthDate) errors.add("birth_date", "生年月日", "生年月日を入力してください。");
  Patient p = apply(Patient{}, fields, today, errors);
  errors.throwIfAny();
  return p;
}

Patient changePatient(const Patient& base, const PatientFields& changes, Date today) {
  FieldErrors errors;
  Patient p = apply(base, changes, today, errors);
  errors.throwIfAny();
  return p;
}

int ageOn(Date birthDate, Date on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(birthDate.year());
  if (on.month() < birthDate.month() || (on.month() == birthDate.month() && on.day() < birthDate.day())) --age;
  return age;
}

std::int64_t parsePatientNumber(std::string_view text) {
  const std::string s = utf8::normalizeTyped(text);
  const bool digits = !s.empty() && s.size() <= 10 &&
                      std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoll(s) == 0) {
    FieldErrors errors;
    errors.add("patient_number", "患者番号", "1〜9999999999 の数字で指定してください（「" +
                                                 std::string(utf8::isValid(text) ? text : "?") + "」）。");
    errors.throwIfAny();
  }
  return std::stoll(s);
}

}  // namespace rececon
