#pragma once
// The 4 items printed on the face of a My Number card (氏名・性別・生年月日・住所), copied by hand when the
// card cannot be read online, plus the insurer's name when the patient knows it. What the OQS call
// center (and the 「緊急時医療情報・資格確認機能」) asks for to identify the person. Pure; any thread.

#include <optional>
#include <string>

#include "app/core/japanese_date.h"
#include "app/core/patient.h"

namespace rececon {

// As typed; nullopt = not given.
struct CardFaceFields {
  std::optional<std::string> name;      // kanji as on the card
  std::optional<std::string> nameKana;  // when the patient gives the reading, or instead of the kanji
  std::optional<std::string> sex;       // 1 / 2 / 男 / 女
  std::optional<std::string> birthDate; // any form parseDate() reads, 和暦 included
  std::optional<std::string> address;
  std::optional<std::string> insurerName;
};

struct CardFace {
  std::string name;      // as written; the kana when only the kana was given
  std::string nameKana;  // "" when not given
  Sex sex = Sex::Male;
  Date birthDate{};
  std::string address;
  std::string insurerName;
};

// Validated: a name in kanji or kana (kana, when given, must be kana), sex, a birth date not in the
// future, an address. Throws ValidationFailed listing every wrong item.
CardFace makeCardFace(const CardFaceFields& fields, Date today);

}  // namespace rececon
