#include "app/jobs/rights.h"

#include <algorithm>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "db/account_repository.h"

namespace rececon {
namespace {

bool grants(Role role, Right right) {
  switch (right) {
    case Right::Reception: return role == Role::Clerk || role == Role::Supervisor;
    case Right::EditIdentity: return role == Role::Supervisor;
    case Right::ManageSettings:
    case Right::ReadAccessLog: return role == Role::Admin;
    case Right::NightlyRun: return role == Role::Batch || role == Role::Supervisor || role == Role::Admin;
  }
  return false;
}

bool hasRight(const db::AccountRow& account, Right right) {
  return account.state == AccountState::Active &&
         std::any_of(account.roles.begin(), account.roles.end(), [&](Role r) { return grants(r, right); });
}

}  // namespace

Role roleFor(Right right) {
  switch (right) {
    case Right::Reception: return Role::Clerk;
    case Right::EditIdentity: return Role::Supervisor;
    case Right::ManageSettings:
    case Right::ReadAccessLog: return Role::Admin;
    case Right::NightlyRun: return Role::Batch;
  }
  return Role::Admin;
}

bool siteHasAccounts(db::Database& db) { return db::AccountRepository(db).count() > 0; }

void requireRight(db::Database& db, const std::string& operatorId, Right right, const std::string& what,
                  const std::optional<SupervisorApproval>& approval) {
  db::AccountRepository accounts(db);
  if (accounts.count() == 0) return;
  const auto account = accounts.find(operatorId);
  if (!account || account->state != AccountState::Active) throw InvalidInput(kLoginRequired, {});
  if (hasRight(*account, right)) return;
  if (right == Right::EditIdentity && approval) {
    const auto approver = accounts.find(approval->supervisorId());
    if (approver && hasRight(*approver, Right::EditIdentity)) return;
  }
  throw InvalidInput(kRoleRequired, {{"what", what}, {"role", roleLabel(roleFor(right))}});
}

}  // namespace rececon
