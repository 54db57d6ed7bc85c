#include "app/core/branch_number.h"

#include "app/core/utf8.h"

namespace rececon {

std::string normalizeBranchNumber(std::string_view text) { return utf8::normalizeTyped(text); }

std::string branchNumberError(std::string_view text) {
  if (!utf8::isValid(text)) return "文字コードが正しくありません。";
  const std::string n = normalizeBranchNumber(text);
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (n.size() == 2 && digit(n[0]) && digit(n[1])) return {};
  if (n.size() == 1 && digit(n[0])) {
    return "枝番は2桁で入力してください（「" + n +
           "」は1桁です。保険証の表記どおり「0" + n + "」などと入力してください。自動では補いません）。";
  }
  return "枝番は数字2桁です（例: 00, 01）。「" + n + "」は使えません。";
}

}  // namespace rececon
