#include "app/jobs/accounts.h"

#include <algorithm>
#include <ctime>
#include <functional>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "app/core/field_errors.h"
#include "app/core/utf8.h"
#include "app/jobs/password_hash.h"
#include "app/jobs/terminal_identity.h"

namespace rececon {
namespace {

std::int64_t nowSeconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

// An unknown ID costs what a wrong password costs: one check against a hash with the same parameters
// (of a random string nobody knows), made in advance — a hash made on the spot would double the time of
// a short-lived CLI process, and the difference would tell which IDs exist.
void spendPasswordCheck(const std::string& password) {
  static const std::string unknown = "$argon2id$v=19$m=65536,t=2,p=1$VJxZ0T0hd98K70wSzjOESA$GDbqx0TfIwV6SOrk/Y+ENPAAsXeN8MfysHBeDd4nnik";
  passwordMatches(password, unknown);
}

void requireUserId(const std::string& userId) {
  if (const auto why = userIdError(userId)) throw ValidationFailed({{"user", "ユーザーID", *why}});
}

void requirePassword(const std::string& password, const std::string& userId) {
  if (const auto why = passwordPolicyError(password, userId)) throw ValidationFailed({{"password", "パスワード", *why}});
}

std::string requireName(const std::string& displayName) {
  const std::string name = utf8::normalizeTyped(displayName);
  if (name.empty() || utf8::length(name) > 40) throw ValidationFailed({{"name", "氏名", "氏名を40文字以内で入力してください。"}});
  return name;
}

}  // namespace

bool Actor::has(Role role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

Actor actorOf(const Account& account, const std::string& terminal) { return {account.userId, account.roles, terminal}; }

Accounts::Accounts(db::Database& db, std::string terminal) : db_(db), accounts_(db), terminal_(std::move(terminal)) {}

Accounts Accounts::onThisTerminal(db::Database& db) {
  const auto& folder = db.location().dataFolder();
  return Accounts(db, folder.empty() ? hostName() : terminalIdentity(folder).id);
}

bool Accounts::anyAccount() { return siteHasAccounts(db_); }

void Accounts::requireAdmin(const Actor& by, const char* what) {
  if (!by.has(Role::Admin)) throw InvalidInput(kRoleRequired, {{"what", what}, {"role", roleLabel(Role::Admin)}});
}

Account Accounts::existing(const std::string& userId) {
  auto account = accounts_.find(userId);
  if (!account) throw NotFound("ユーザーID「" + userId + "」は登録されていません。");
  return *account;
}

void Accounts::record(const std::string& userId, const std::string& actor, const char* kind, const std::string& detail) {
  accounts_.addEvent({0, "", userId, actor, terminal_, kind, detail});
}

Account Accounts::initFirstAdmin(const std::string& userId, const std::string& displayName, const std::string& password) {
  requireUserId(userId);
  const std::string name = requireName(displayName);
  requirePassword(password, userId);
  Account a;
  a.userId = userId;
  a.displayName = name;
  a.roles = {Role::Admin};
  a.passwordHash = hashPassword(password);  // before the transaction: it takes a moment
  a.mustChangePassword = false;              // chosen by the person themselves
  a.updatedBy = userId;
  db::WriteTransaction tx(db_);
  if (anyAccount()) throw InvalidInput("このサイトにはすでに利用者がいます。最初の管理者は一度だけ作れます。");
  accounts_.insert(a);
  record(userId, userId, "created", "最初の管理者");
  tx.commit();
  return existing(userId);
}

Account Accounts::add(const Actor& by, const std::string& userId, const std::string& displayName,
                      const std::vector<Role>& roles, const std::string& initialPassword) {
  requireAdmin(by, "利用者の登録");
  requireUserId(userId);
  const std::string name = requireName(displayName);
  if (roles.empty()) throw ValidationFailed({{"roles", "役割", "役割を1つ以上指定してください。"}});
  requirePassword(initialPassword, userId);
  Account a;
  a.userId = userId;
  a.displayName = name;
  a.roles = roles;
  a.passwordHash = hashPassword(initialPassword);
  a.mustChangePassword = true;
  a.updatedBy = by.userId;
  db::WriteTransaction tx(db_);
  accounts_.insert(a);
  record(userId, by.userId, "created", rolesText(roles));
  tx.commit();
  return existing(userId);
}

std::vector<Account> Accounts::list(const Actor& by) {
  requireAdmin(by, "利用者の一覧");
  return accounts_.all();
}

Account Accounts::change(const std::string& actor, const std::string& userId, const char* kind, const std::string& detail,
                         const std::function<void(Account&)>& edit, bool endSessions) {
  db::WriteTransaction tx(db_);
  Account a = existing(userId);
  edit(a);
  a.updatedBy = actor;
  a.updatedAt.clear();  // now
  accounts_.update(a);
  if (endSessions) accounts_.removeSessionsOf(userId);
  record(userId, actor, kind, detail);
  tx.commit();
  return existing(userId);
}

Account Accounts::lock(const Actor& by, const std::string& userId) {
  requireAdmin(by, "利用者のロック");
  return change(by.userId, userId, "locked", {}, [&](Account& a) {
    if (a.state == AccountState::Retired) throw InvalidInput(kAccountRetired, {{"user", userId}});
    a.state = AccountState::Locked;
  }, true);
}

Account Accounts::unlock(const Actor& by, const std::string& userId) {
  requireAdmin(by, "ロックの解除");
  return change(by.userId, userId, "unlocked", {}, [&](Account& a) {
    if (a.state == AccountState::Retired) throw InvalidInput(kAccountRetired, {{"user", userId}});
    a.state = AccountState::Active;
    a.failedLogins = 0;
  }, false);
}

Account Accounts::retire(const Actor& by, const std::string& userId) {
  requireAdmin(by, "利用者の退職処理");
  if (by.userId == userId) throw InvalidInput("自分自身を退職にはできません。ほかの管理者に依頼してください。");
  return change(by.userId, userId, "retired", {}, [](Account& a) { a.state = AccountState::Retired; }, true);
}

Account Accounts::setRoles(const Actor& by, const std::string& userId, const std::vector<Role>& roles) {
  requireAdmin(by, "役割の変更");
  if (roles.empty()) throw ValidationFailed({{"roles", "役割", "役割を1つ以上指定してください。"}});
  // An administrator cannot give their own role away: the site could be left with nobody to manage it.
  if (by.userId == userId && std::find(roles.begin(), roles.end(), Role::Admin) == roles.end()) {
    throw InvalidInput("自分の管理者の役割は外せません。ほかの管理者に依頼してください。");
  }
  const std::string before = rolesText(existing(userId).roles);
  // Sessions end: a new role may ask for a second factor the old session never gave.
  return change(by.userId, userId, "roles", before + " → " + rolesText(roles), [&](Account& a) { a.roles = roles; }, true);
}

Account Accounts::resetPassword(const Actor& by, const std::string& userId, const std::string& initialPassword) {
  requireAdmin(by, "パスワードの再設定");
  requirePassword(initialPassword, userId);
  const std::string hash = hashPassword(initialPassword);  // before the transaction: it takes a moment
  return change(by.userId, userId, "password_reset", {}, [&](Account& a) {
    a.passwordHash = hash;
    a.mustChangePassword = true;
    a.failedLogins = 0;
  }, true);
}

void Accounts::changePassword(const std::string& userId, const std::string& currentPassword, const std::string& newPassword) {
  const Account held = existing(userId);
  requireUsable(held);
  // A wrong current password counts as a failed login: a session left open is no way round the lockout.
  if (!passwordMatches(currentPassword, held.passwordHash)) failedAttempt(userId);
  requirePassword(newPassword, userId);
  if (newPassword == currentPassword) {
    throw ValidationFailed({{"password", "パスワード", "今と同じパスワードにはできません。"}});
  }
  const std::string hash = hashPassword(newPassword);
  change(userId, userId, "password_changed", {}, [&](Account& a) {
    a.passwordHash = hash;
    a.mustChangePassword = false;
  }, false);
}

void Accounts::requireUsable(const Account& a) {
  if (a.state == AccountState::Retired) throw InvalidInput(kAccountRetired, {{"user", a.userId}});
  if (a.state == AccountState::Locked) {
    db::WriteTransaction tx(db_);
    record(a.userId, a.userId, "login_refused", "ロック中");
    tx.commit();
    throw InvalidInput(kAccountLocked, {{"user", a.userId}});
  }
}

void Accounts::failedAttempt(const std::string& userId, const char* what) {
  bool lockedNow = false;
  change(userId, userId, "login_failed", what, [&](Account& a) {
    a.failedLogins += 1;
    if (a.failedLogins >= kMaxFailedLogins && a.state == AccountState::Active) {
      a.state = AccountState::Locked;
      lockedNow = true;
    }
  }, false);
  if (lockedNow) {
    db::WriteTransaction tx(db_);
    record(userId, userId, "locked", std::to_string(kMaxFailedLogins) + "回続けて失敗");
    tx.commit();
    throw InvalidInput(kAccountLocked, {{"user", userId}});
  }
  throw InvalidInput(kLoginFailed, {});
}

LoginResult Accounts::login(const std::string& userId, const std::string& password, const std::optional<std::string>& code) {
  const std::optional<Account> found = accounts_.find(userId);
  if (!found) {
    spendPasswordCheck(password);
    db::WriteTransaction tx(db_);
    record(userId, userId, "login_failed", "未登録のID");
    tx.commit();
    throw InvalidInput(kLoginFailed, {});
  }
  requireUsable(*found);
  const auto step = checkCredentials(*found, password, code);
  const Account a = change(userId, userId, "login", step ? "パスワードと確認コード" : "パスワード", [&](Account& held) {
    spendCode(held, step);
    held.failedLogins = 0;
  }, false);
  return {a, a.mustChangePassword, secondFactorRequired(a) && !a.totpConfirmed};
}

bool Accounts::mayHoldSession(const Account& a) {
  return !a.mustChangePassword && (a.totpConfirmed || !secondFactorRequired(a));
}

void Accounts::requireSessionReady(const Account& a) {
  if (a.mustChangePassword) throw InvalidInput("初期パスワードのままではログインできません。パスワードを変更してください。");
  if (!mayHoldSession(a)) throw InvalidInput(kTotpEnrolmentRequired, {{"user", a.userId}});
}

void Accounts::reauthenticate(const std::string& userId, const std::string& password) {
  const Account held = existing(userId);
  requireUsable(held);
  if (!passwordMatches(password, held.passwordHash)) failedAttempt(userId);
  requireSessionReady(held);  // roles or the site's rule changed since the login: a full login now
  change(userId, userId, "unlocked_screen", {}, [](Account& a) { a.failedLogins = 0; }, false);
}

SupervisorApproval Accounts::approve(const std::string& supervisorId, const std::string& password,
                                     const std::optional<std::string>& code) {
  const std::optional<Account> found = accounts_.find(supervisorId);
  if (!found) {
    spendPasswordCheck(password);
    throw InvalidInput(kLoginFailed, {});
  }
  requireUsable(*found);
  // The password and code first: whether an ID is a supervisor is told only to its owner.
  const auto step = checkCredentials(*found, password, code);
  if (!actorOf(*found, terminal_).has(Role::Supervisor)) {
    throw InvalidInput(kRoleRequired, {{"what", "変更の承認"}, {"role", roleLabel(Role::Supervisor)}});
  }
  if (secondFactorRequired(*found) && !found->totpConfirmed) throw InvalidInput(kTotpEnrolmentRequired, {{"user", supervisorId}});
  change(supervisorId, supervisorId, "approval", {}, [&](Account& held) {
    spendCode(held, step);
    held.failedLogins = 0;
  }, false);
  return SupervisorApproval(supervisorId);
}

void Accounts::issueBatchKey(const Actor& by, const std::string& userId, const std::function<void(const std::string&)>& deliver) {
  requireAdmin(by, "夜間処理の鍵の発行");
  if (!actorOf(existing(userId), terminal_).has(Role::Batch)) {
    throw InvalidInput("鍵は夜間処理（batch）の役割の利用者にだけ発行できます。");
  }
  const std::string key = randomToken();
  // Delivered first: a key that could not be kept never voids the one the nightly run holds.
  deliver(key);
  change(by.userId, userId, "batch_key_issued", {}, [&](Account& a) { a.keyHash = sha256Hex(key); }, true);
}

Actor Accounts::batchActor(const std::string& key) {
  const std::string hash = sha256Hex(key);
  for (const Account& a : accounts_.all()) {
    if (a.keyHash.empty() || a.keyHash != hash) continue;
    requireUsable(a);
    if (!actorOf(a, terminal_).has(Role::Batch)) break;
    db::WriteTransaction tx(db_);
    record(a.userId, a.userId, "login", "鍵ファイル");
    tx.commit();
    return actorOf(a, terminal_);
  }
  throw InvalidInput("鍵ファイルが、このサイトの夜間処理の利用者のものではありません（発行し直されたか、別のサイトの鍵です）。");
}

std::string Accounts::openSession(const std::string& userId) {
  const Account held = existing(userId);
  requireUsable(held);
  requireSessionReady(held);
  const std::string token = randomToken();
  const std::int64_t now = nowSeconds();
  db::WriteTransaction tx(db_);
  accounts_.addSession(sha256Hex(token), userId, terminal_, now, now + kSessionSeconds);
  tx.commit();
  return token;
}

std::optional<Actor> Accounts::sessionActor(const std::string& token) {
  const auto userId = accounts_.sessionUser(sha256Hex(token), nowSeconds());
  if (!userId) return std::nullopt;
  const auto account = accounts_.find(*userId);
  if (!account || account->state != AccountState::Active || !mayHoldSession(*account)) return std::nullopt;
  return actorOf(*account, terminal_);
}

void Accounts::closeSession(const std::string& token) {
  const auto userId = accounts_.sessionUser(sha256Hex(token), nowSeconds());
  db::WriteTransaction tx(db_);
  accounts_.removeSession(sha256Hex(token));
  if (userId) record(*userId, *userId, "logout");
  tx.commit();
}

std::vector<db::AccountEvent> Accounts::events(const Actor& by, const std::string& userId) {
  if (by.userId != userId) requireAdmin(by, "操作記録の表示");
  return accounts_.events(userId);
}

}  // namespace rececon
