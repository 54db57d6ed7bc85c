#include "app/core/account_rules.h"

#include <algorithm>

#include "app/core/field_errors.h"
#include "app/core/utf8.h"

namespace rececon {

const char* roleLabel(Role role) {
  switch (role) {
    case Role::Clerk: return "受付";
    case Role::Supervisor: return "責任者";
    case Role::Admin: return "管理者";
    case Role::Batch: return "夜間処理";
  }
  return "";
}

const char* accountStateLabel(AccountState state) {
  switch (state) {
    case AccountState::Active: return "有効";
    case AccountState::Locked: return "ロック中";
    case AccountState::Retired: return "退職";
  }
  return "";
}

std::vector<Role> parseRoles(std::string_view text) {
  std::vector<Role> roles;
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    const std::string word = utf8::normalizeTyped(text.substr(from, comma - from));
    from = comma + 1;
    if (word.empty()) continue;
    const auto role = enumFromName<Role>(word);
    if (!role) {
      throw ValidationFailed({{"roles", "役割", "「" + word + "」は役割ではありません（clerk 受付, supervisor 責任者, admin 管理者, batch 夜間処理）。"}});
    }
    if (std::find(roles.begin(), roles.end(), *role) == roles.end()) roles.push_back(*role);
  }
  if (roles.empty()) throw ValidationFailed({{"roles", "役割", "役割を1つ以上指定してください（例: clerk）。"}});
  std::sort(roles.begin(), roles.end());
  return roles;
}

std::string rolesText(const std::vector<Role>& roles) {
  std::vector<Role> sorted = roles;
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  for (const Role r : sorted) out += (out.empty() ? "" : ",") + std::string(nameOf(r));
  return out;
}

std::optional<std::string> userIdError(std::string_view userId) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  };
  const bool leadsRight = !userId.empty() && ((userId[0] >= 'a' && userId[0] <= 'z') || (userId[0] >= '0' && userId[0] <= '9'));
  if (userId.size() < 3 || userId.size() > 32 || !leadsRight || !std::all_of(userId.begin(), userId.end(), allowed)) {
    return "ユーザーIDは英小文字・数字で始まる3〜32文字の英小文字・数字・「.」「_」「-」にしてください。";
  }
  return std::nullopt;
}

std::optional<std::string> passwordPolicyError(std::string_view password, std::string_view userId) {
  if (!utf8::isValid(password)) return "パスワードの文字コードが正しくありません。";
  const std::size_t length = utf8::length(password);
  if (!userId.empty()) {
    std::string lower(password);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    if (lower.find(userId) != std::string::npos) return "パスワードにユーザーIDを含めないでください。";
  }
  if (length >= 13) return std::nullopt;
  bool letter = false, digit = false, symbol = false;
  for (const char c : password) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letter = true;
    else if (c >= '0' && c <= '9') digit = true;
    else symbol = true;  // punctuation, spaces and anything beyond ASCII
  }
  if (length >= 8 && letter && digit && symbol) return std::nullopt;
  return "パスワードは英字・数字・記号を混ぜた8文字以上、または13文字以上にしてください。";
}

}  // namespace rececon
