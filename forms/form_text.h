#pragma once
// How the forms write domain values: 和暦 dates, the postal code with 〒, the insured numbers, the
// co-payment share. Pure; any thread.
#include <optional>
#include <string>

#include "app/core/insurance.h"
#include "app/core/japanese_date.h"
#include "app/core/patient.h"

namespace rececon::forms {

// 昭和61年10月12日生（40歳）
std::string birthText(Date birthDate, Date on);
// 令和8年11月21日, or "" when absent.
std::string optionalWareki(const std::optional<Date>& date);
// 〒999-1890　見本県見本市… (just the address without a postal code).
std::string addressText(const std::string& postalCode, const std::string& address);
// 記号 見本 ・ 番号 47393 (記号 left out when the card has none).
std::string symbolAndNumber(const InsuredNumber& n);
// 保険者番号 06993877　記号 見本　番号 47393　枝番 00 — on one line, for lists.
std::string insuredNumberLine(const InsuredNumber& n);
// 令和2年4月1日 から 令和9年3月31日 まで; "" when neither end is known.
std::string validityText(const std::optional<Date>& from, const std::optional<Date>& to);
// 3割（高齢受給者 2割）
std::string copayText(const InsuranceRecord& r);
// 被保険者証 (01), the code alone when unknown, "" when none.
std::string cardClassText(const std::string& code);

// 見本クリニック（1312345678）, either part left out when unknown.
std::string institutionText(const std::string& name, const std::string& code);

// A フリガナ from the register as the forms print it: full-width katakana ("ﾖｼﾀﾞ ｱｲ" and "よしだ あい" ->
// "ヨシダ　アイ"), as toFullWidthKatakana() stores it. A value that function refuses (an old record with a
// digit or a kanji in it) still prints, with only its half-width katakana made full-width; malformed
// UTF-8 is returned unchanged. Never throws.
std::string kanaForPrint(const std::string& kana);

}  // namespace rececon::forms
