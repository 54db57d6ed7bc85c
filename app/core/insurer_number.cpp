#include "app/core/insurer_number.h"

#include <algorithm>

#include "app/core/utf8.h"

namespace rececon {

int insurerCheckDigit(std::string_view digits) {
  int sum = 0;
  int weight = 2;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    const int product = (*it - '0') * weight;
    sum += product / 10 + product % 10;
    weight = weight == 2 ? 1 : 2;
  }
  return (10 - sum % 10) % 10;
}

std::string normalizeInsurerNumber(std::string_view text) { return utf8::normalizeTyped(text); }

std::string insurerNumberError(std::string_view text) {
  if (!utf8::isValid(text)) return "文字コードが正しくありません。";
  const std::string n = normalizeInsurerNumber(text);
  if (n.empty()) return "保険者番号が入力されていません。";
  if (!std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return "保険者番号は数字だけで入力してください（「" + n + "」には数字以外が含まれています）。";
  }
  if (n.size() != 6 && n.size() != 8) {
    return "保険者番号は8桁（国民健康保険は6桁）です。入力された「" + n + "」は" + std::to_string(n.size()) +
           "桁です。";
  }
  const int expected = insurerCheckDigit(std::string_view(n).substr(0, n.size() - 1));
  if (n.back() - '0' != expected) {
    return "保険者番号「" + n +
           "」の検証番号（末尾の1桁）が合いません。保険証・資格確認書の番号をもう一度確認してください。";
  }
  return {};
}

std::string padInsurerNumber(std::string_view normalized) {
  std::string out(normalized);
  if (out.size() < 8) out.insert(0, 8 - out.size(), ' ');
  return out;
}

}  // namespace rececon
