#pragma once
// Accounts as the window and the CLI use them: the first administrator of a site, accounts managed by
// administrators, passwords checked and changed, lockout after repeated failures, and sessions. Passwords
// are kept only as salted memory-hard hashes (argon2id through libsodium); a session token only in the
// user's own hands (the register keeps its SHA-256). Every login, failure and change is an account event.
// Rights are checked here, never only in a front-end. One thread at a time (as its Database).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/core/account_rules.h"
#include "app/jobs/rights.h"
#include "db/account_repository.h"
#include "db/database.h"

namespace rececon {

using Account = db::AccountRow;

// Who is acting: an authenticated account (or the first administrator being made).
struct Actor {
  std::string userId;
  std::vector<Role> roles;
  std::string terminal;
  bool has(Role role) const;
};

// A login that worked.
struct LoginResult {
  Account account;
  bool mustChangePassword = false;  // an initial password: changed before anything else
  bool mustEnrolTotp = false;       // the role asks for a second factor not yet enrolled: enrolled next
};

// A second factor being enrolled: what the person's authenticator app takes, by QR code or by hand.
struct TotpEnrolment {
  std::string secretText;  // base32, as typed by hand
  std::string uri;         // otpauth://, as in the QR code
};

class Accounts {
 public:
  // Wrong passwords in a row before an account is locked (an administrator unlocks it).
  static constexpr int kMaxFailedLogins = 5;
  // How long a CLI session lasts.
  static constexpr std::int64_t kSessionSeconds = 8 * 60 * 60;

  Accounts(db::Database& db, std::string terminal);
  // The accounts as this machine acts on them: events name the terminal of the register's data folder
  // (terminal_identity.h), or the host when the register has none.
  static Accounts onThisTerminal(db::Database& db);

  bool anyAccount();
  // The site's first administrator, with the password they chose. Refused once any account exists.
  // Throws ValidationFailed (ID, password rule), InvalidInput.
  Account initFirstAdmin(const std::string& userId, const std::string& displayName, const std::string& password);

  // By an administrator: a new account with an initial password that must be changed at first login.
  Account add(const Actor& by, const std::string& userId, const std::string& displayName, const std::vector<Role>& roles,
              const std::string& initialPassword);
  std::vector<Account> list(const Actor& by);
  Account lock(const Actor& by, const std::string& userId);
  Account unlock(const Actor& by, const std::string& userId);  // also clears the failures
  Account retire(const Actor& by, const std::string& userId);  // for good; sessions end
  Account setRoles(const Actor& by, const std::string& userId, const std::vector<Role>& roles);
  // An administrator sets a new initial password (the user changes it at next login).
  Account resetPassword(const Actor& by, const std::string& userId, const std::string& initialPassword);
  // The user changes their own password, giving the current one.
  void changePassword(const std::string& userId, const std::string& currentPassword, const std::string& newPassword);

  // Checks the password and, for an account whose second factor is enrolled, the code from its app.
  // Throws InvalidInput naming no detail an attacker could use (LOGIN_FAILED) for an unknown ID, a wrong
  // password, or a wrong, missing or spent code; says so when the account is locked or retired. The
  // kMaxFailedLogins-th failure in a row locks the account.
  LoginResult login(const std::string& userId, const std::string& password,
                    const std::optional<std::string>& code = std::nullopt);
  // The same person back at a locked screen: their password only (the session is theirs already). A wrong
  // one counts toward the lockout like a login's; a locked or retired account is refused.
  void reauthenticate(const std::string& userId, const std::string& password);
  // Whether a login screen asks this ID for a code: an enrolled second factor, or an unknown ID (which
  // reads like any other).
  bool asksForCode(const std::string& userId);
  // Whether the account's roles need a second factor: 管理者 and 責任者 always, 受付 when the site says so
  // (accounts.totp_for_clerks); never the nightly run's account, which has its key file.
  bool secondFactorRequired(const Account& account);

  // Enrolment of the second factor, by the person themselves right after their password was checked (a
  // login, or their own session): a new secret, kept sealed under the site's key; it counts from the first
  // right code (confirmTotp). Refused while an enrolled factor stands (an administrator resets it first).
  TotpEnrolment beginTotp(const std::string& userId);
  void confirmTotp(const std::string& userId, const std::string& code);
  // By an administrator, for a lost or replaced phone: the user enrols again at their next login.
  Account resetTotp(const Actor& by, const std::string& userId);

  // A supervisor's approval of one change at a clerk's desk: their password and, where enrolled, their
  // code; failures count toward their lockout like a login's.
  SupervisorApproval approve(const std::string& supervisorId, const std::string& password,
                             const std::optional<std::string>& code);

  // The nightly run's key: an administrator issues one for a batch account (the register keeps its
  // SHA-256; the key goes to a file only the run's user reads), and the run acts as that account with it.
  // `deliver` keeps the new key (a file written before the register voids the old key; if it throws,
  // nothing changes).
  void issueBatchKey(const Actor& by, const std::string& userId, const std::function<void(const std::string&)>& deliver);
  Actor batchActor(const std::string& key);

  // A session for a login: the token, to be kept by the user only (mode 0600). Refused while the
  // password is an initial one or a required second factor is not enrolled.
  std::string openSession(const std::string& userId);
  // The active account of a session that has not run out, and whose password and second factor are
  // still what its roles ask (a role given since, or the clerks' rule turned on, ends it); nullopt otherwise.
  std::optional<Actor> sessionActor(const std::string& token);
  void closeSession(const std::string& token);

  std::vector<db::AccountEvent> events(const Actor& by, const std::string& userId);

 private:
  void requireAdmin(const Actor& by, const char* what);
  // Refuses a locked (recording the attempt) or retired account.
  void requireUsable(const Account& account);
  // Counts a wrong password or code, locks at kMaxFailedLogins, and throws LOGIN_FAILED or ACCOUNT_LOCKED.
  [[noreturn]] void failedAttempt(const std::string& userId, const char* what = "パスワード");
  // The password and, when enrolled, the code of an existing usable account (a failure is counted); the
  // code's TOTP step, to be spent by spendCode in the write that follows.
  std::optional<std::int64_t> checkCredentials(const Account& account, const std::string& password,
                                               const std::optional<std::string>& code);
  static void spendCode(Account& held, const std::optional<std::int64_t>& step);
  // The TOTP step a code matches for an enrolled account, or nullopt.
  std::optional<std::int64_t> codeStep(const Account& account, const std::string& code);
  std::string siteKey();
  // No initial password, and a second factor enrolled where the roles ask for one.
  bool mayHoldSession(const Account& account);
  void requireSessionReady(const Account& account);  // throws InvalidInput when not
  // One change to an account in its own transaction, with its event; `endSessions` logs the user out.
  Account change(const std::string& actor, const std::string& userId, const char* kind, const std::string& detail,
                 const std::function<void(Account&)>& edit, bool endSessions);
  Account existing(const std::string& userId);
  void record(const std::string& userId, const std::string& actor, const char* kind, const std::string& detail = {});

  db::Database& db_;
  db::AccountRepository accounts_;
  std::string terminal_;
};

// The actor an account acts as on this terminal.
Actor actorOf(const Account& account, const std::string& terminal);

}  // namespace rececon
