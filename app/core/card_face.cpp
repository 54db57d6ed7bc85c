#include "app/core/card_face.h"

#include "app/core/field_errors.h"
#include "app/core/kana.h"
#include "app/core/text_input.h"

namespace rececon {

CardFace makeCardFace(const CardFaceFields& fields, Date today) {
  FieldErrors errors;
  CardFace face;
  face.name = checkedPersonText(errors, fields.name.value_or(""), "name", "氏名", kMaxNameLength);
  const std::size_t beforeKana = errors.list().size();
  const std::string kana =
      checkedPersonText(errors, fields.nameKana.value_or(""), "name_kana", "氏名カナ", kMaxNameLength);
  // Stored as full-width katakana like a patient's フリガナ, so the call-center list reads one way.
  if (!kana.empty() && errors.list().size() == beforeKana) {
    if (const auto stored = toFullWidthKatakana(kana)) face.nameKana = *stored;
    else errors.add("name_kana", "氏名カナ", kKanaExpected);
  }
  if (face.name.empty() && kana.empty())
    errors.add("name", "氏名", "カードの氏名（漢字）か、読み（カナ）のどちらかを入力してください。");
  if (face.name.empty()) face.name = face.nameKana;

  if (const auto sex = parseSex(fields.sex.value_or(""))) face.sex = *sex;
  else errors.add("sex", "性別", kSexExpected);

  const DateParseResult birth = parseDate(fields.birthDate.value_or(""));
  if (!birth.date) {
    errors.add("birth_date", "生年月日", fields.birthDate ? birth.error : "生年月日を入力してください。");
  } else if (std::chrono::sys_days(*birth.date) > std::chrono::sys_days(today)) {
    errors.add("birth_date", "生年月日", formatWareki(*birth.date) + "は未来の日付です。");
  } else {
    face.birthDate = *birth.date;
  }

  face.address = checkedPersonText(errors, fields.address.value_or(""), "address", "住所", kMaxAddressLength);
  if (face.address.empty()) errors.add("address", "住所", "カードに書かれた住所を入力してください。");
  face.insurerName = checkedText(errors, fields.insurerName.value_or(""), "insurer_name", "保険者名", kMaxNameLength);
  errors.throwIfAny();
  return face;
}

}  // namespace rececon
