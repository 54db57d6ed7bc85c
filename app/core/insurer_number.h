#pragma once
// 保険者番号 (insurer number): 8 digits (法別番号 2 + 都道府県 2 + 保険者 3 + 検証番号 1), or 6 digits
// for 国民健康保険 (都道府県 2 + 保険者 3 + 検証番号 1). The last digit is a check digit
// (oqs-interface.md §1.7). Pure functions; any thread.

#include <string>
#include <string_view>

namespace rececon {

// The check digit for the digits before it: multiply from the right by 2, 1, 2, 1, …, add the
// digits of the products, check = (10 − sum mod 10) mod 10. digits must be ASCII digits only.
int insurerCheckDigit(std::string_view digits);

// Full-width digits folded to ASCII, surrounding spaces removed (results pad 6-digit numbers to 8
// with leading spaces).
std::string normalizeInsurerNumber(std::string_view text);

// Empty when text is a valid insurer number (after normalisation); otherwise a Japanese message
// that names what is wrong (length, non-digits, check digit).
std::string insurerNumberError(std::string_view text);

// The 8-character form the linkage app exchanges: 6-digit numbers left-padded with spaces.
std::string padInsurerNumber(std::string_view normalized);

}  // namespace rececon
