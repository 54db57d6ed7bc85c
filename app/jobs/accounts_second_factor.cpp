// Accounts' second factor: TOTP codes checked against a secret sealed under the site's key, enrolment
// and its reset, and the password-and-code check a login and an approval share (accounts.h).

#include "app/jobs/accounts.h"

#include <ctime>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "app/core/field_errors.h"
#include "app/jobs/password_hash.h"
#include "app/jobs/sealed_secret.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/totp.h"
#include "db/trail_chain.h"

namespace rececon {
namespace {

std::int64_t nowSeconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

// What a TOTP secret is sealed for (sealed_secret.h keeps each purpose's key apart): its own account's,
// so that a sealed secret copied onto another account's row opens nothing there.
std::string totpPurpose(const std::string& userId) { return "rececon account totp secret v1:" + userId; }

// How long (30-second steps) an enrolment begun and not confirmed shows the same key again: 10 minutes.
constexpr std::int64_t kPendingEnrolmentSteps = 20;

}  // namespace

std::string Accounts::siteKey() {
  const auto key = db::trailKey(db_.location(), false);
  if (!key) {
    throw EnvironmentError("この端末にサイトの鍵（データフォルダの trail.key）がないため、確認コードを扱えません。"
                           "最初の端末の鍵を複写してください。");
  }
  return *key;
}

std::optional<std::int64_t> Accounts::codeStep(const Account& a, const std::string& code) {
  const auto secret = openSecret(siteKey(), totpPurpose(a.userId), a.totpSecret);
  if (!secret) {
    throw EnvironmentError("利用者「" + a.userId + "」の確認コードの登録を開けません（この端末の trail.key がサイトのものと"
                           "違うか、登録が書き換えられています）。管理者に確認コードの解除を依頼してください。");
  }
  return matchingTotpStep(*secret, code, nowSeconds(), a.totpLastStep);
}

std::optional<std::int64_t> Accounts::checkCredentials(const Account& a, const std::string& password,
                                                      const std::optional<std::string>& code) {
  if (!passwordMatches(password, a.passwordHash)) failedAttempt(a.userId);
  if (!a.totpConfirmed) return std::nullopt;
  const auto step = code ? codeStep(a, *code) : std::nullopt;
  if (!step) failedAttempt(a.userId, "確認コード");
  return step;
}

void Accounts::spendCode(Account& held, const std::optional<std::int64_t>& step) {
  if (!step) return;
  // Checked again inside the write that spends it: a code raced from two terminals opens one of them.
  if (*step <= held.totpLastStep) throw InvalidInput(kLoginFailed, {});
  held.totpLastStep = *step;
}

bool Accounts::secondFactorRequired(const Account& a) {
  const Actor as = actorOf(a, terminal_);
  if (as.has(Role::Admin) || as.has(Role::Supervisor)) return true;
  return as.has(Role::Clerk) && SiteSettings(db_).get("accounts.totp_for_clerks").value == "yes";
}

bool Accounts::asksForCode(const std::string& userId) {
  const auto found = accounts_.find(userId);
  return !found || found->totpConfirmed;
}

TotpEnrolment Accounts::beginTotp(const std::string& userId) {
  const Account held = existing(userId);
  requireUsable(held);
  if (held.totpConfirmed) {
    throw InvalidInput("確認コードはすでに登録されています。登録し直すには、管理者に確認コードの解除を依頼してください。");
  }
  const std::string named = SiteSettings(db_).get("institution_name").value;
  const std::string issuer = named.empty() ? "rececon" : "rececon " + named;
  // An enrolment begun within the last minutes and not yet confirmed shows the same key again (a person
  // who closed the screen, or the CLI, which reads the code in a second run); an older one is replaced,
  // so a key seen once does not stay valid for whoever learns the password later. While pending, the
  // last step holds the step the enrolment began in.
  const std::int64_t nowStep = nowSeconds() / kTotpStepSeconds;
  if (!held.totpSecret.empty() && nowStep - held.totpLastStep <= kPendingEnrolmentSteps) {
    if (const auto begun = openSecret(siteKey(), totpPurpose(userId), held.totpSecret)) {
      return {totpSecretBase32(*begun), totpUri(*begun, issuer, userId)};
    }
  }
  const std::string secret = newTotpSecret();
  const std::string sealed = sealSecret(siteKey(), totpPurpose(userId), secret);
  change(userId, userId, "totp_started", {}, [&](Account& a) {
    a.totpSecret = sealed;
    a.totpConfirmed = false;
    a.totpLastStep = nowStep;
  }, false);
  return {totpSecretBase32(secret), totpUri(secret, issuer, userId)};
}

void Accounts::confirmTotp(const std::string& userId, const std::string& code) {
  const Account held = existing(userId);
  requireUsable(held);
  if (held.totpSecret.empty() || held.totpConfirmed) throw InvalidInput("確認コードの登録が始まっていません。");
  Account pending = held;
  pending.totpLastStep = 0;  // it held the step the enrolment began in, not a spent one
  const auto step = codeStep(pending, code);
  if (!step) {
    throw ValidationFailed({{"code", "確認コード", "確認コードが違います。アプリに表示されている6桁を入力してください"
                                                   "（スマートフォンの時計が合っているかも確かめてください）。"}});
  }
  change(userId, userId, "totp_enrolled", {}, [&](Account& a) {
    a.totpConfirmed = true;
    a.totpLastStep = *step;
  }, false);
}

Account Accounts::resetTotp(const Actor& by, const std::string& userId) {
  requireAdmin(by, "確認コードの解除");
  return change(by.userId, userId, "totp_reset", {}, [](Account& a) {
    a.totpSecret.clear();
    a.totpConfirmed = false;
    a.totpLastStep = 0;
  }, true);
}

}  // namespace rececon
