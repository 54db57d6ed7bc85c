#pragma once
// Who may use the register: roles, account states and the rules for user IDs and passwords, as the
// safety guideline for medical information systems (第6.0版) asks — every user identified, rights by
// role, passwords hard to guess. Pure; any thread.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/core/enum_names.h"

namespace rececon {

// 受付 checks, registers and receives; 責任者 also changes what identifies a patient and approves;
// 管理者 manages accounts and settings; 夜間処理 is the nightly run's own account.
enum class Role { Clerk, Supervisor, Admin, Batch };

template <>
struct EnumNames<Role> {
  static constexpr std::pair<Role, std::string_view> table[] = {
      {Role::Clerk, "clerk"}, {Role::Supervisor, "supervisor"}, {Role::Admin, "admin"}, {Role::Batch, "batch"}};
};

// 受付 / 責任者 / 管理者 / 夜間処理.
const char* roleLabel(Role role);

// Accounts are never deleted (the history keeps the name): retired is the end.
enum class AccountState { Active, Locked, Retired };

template <>
struct EnumNames<AccountState> {
  static constexpr std::pair<AccountState, std::string_view> table[] = {
      {AccountState::Active, "active"}, {AccountState::Locked, "locked"}, {AccountState::Retired, "retired"}};
};

// 有効 / ロック中 / 退職.
const char* accountStateLabel(AccountState state);

// Roles as written and stored: "clerk,supervisor" (any order, no repeats). Throws ValidationFailed
// naming the unknown word; an empty list is refused too.
std::vector<Role> parseRoles(std::string_view text);
std::string rolesText(const std::vector<Role>& roles);  // "clerk,supervisor", in the enum's order

// A user ID: 3–32 of a–z, 0–9, '.', '_' and '-', starting with a letter or digit. Why not, or nullopt.
std::optional<std::string> userIdError(std::string_view userId);

// The password rule: at least 8 characters mixing letters, digits and symbols, or at least 13 of any
// kind (a long random phrase); never containing the user ID. Why not, in Japanese, or nullopt.
std::optional<std::string> passwordPolicyError(std::string_view password, std::string_view userId);

}  // namespace rececon
