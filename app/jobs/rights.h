#pragma once
// What each role may do, checked here in app/jobs where every front-end passes, never only in a window.
// 受付 checks, registers and receives; changing what identifies an existing patient (name, kana, birth
// date, insured numbers) needs a 責任者 or their approval; 管理者 manages accounts and settings and reads
// the access log; 夜間処理 runs the nightly checks. A site without accounts (before `user init`) has no
// roles to check: nothing is refused there, and every entry keeps the name it was given.
// One thread at a time (as its Database).

#include <optional>
#include <string>

#include "app/core/account_rules.h"
#include "db/database.h"

namespace rececon {

enum class Right {
  Reception,       // check, register, receive, decide results
  EditIdentity,    // change an existing patient's name, kana, birth date or insured numbers
  ManageSettings,  // site and terminal settings
  ReadAccessLog,   // list and export the access log
  NightlyRun,      // the bulk pre-check
};

// The role that grants a right (the one a refusal names).
Role roleFor(Right right);

// A supervisor's approval of one change, made only by Accounts::approve (their password, and their code
// where required, checked at the desk): a clerk's edit of a patient's identity carries it.
class SupervisorApproval {
 public:
  const std::string& supervisorId() const { return supervisorId_; }

 private:
  friend class Accounts;
  explicit SupervisorApproval(std::string supervisorId) : supervisorId_(std::move(supervisorId)) {}
  std::string supervisorId_;
};

// Whether the site has accounts (and so roles to check).
bool siteHasAccounts(db::Database& db);

// Refuses (InvalidInput ROLE_REQUIRED naming `what` and the role) unless operatorId's active account has
// a role granting `right`, or `approval` stands in for it (EditIdentity only). Refuses an operator who is
// no account of a site that has accounts (LOGIN_REQUIRED).
void requireRight(db::Database& db, const std::string& operatorId, Right right, const std::string& what,
                  const std::optional<SupervisorApproval>& approval = std::nullopt);

}  // namespace rececon
