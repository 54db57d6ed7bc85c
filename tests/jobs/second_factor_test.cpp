// The second factor: enrolment from a QR code or a typed key, codes checked against oath-toolkit's own
// oathtool (the phone's stand-in), wrong, missing and spent codes refused and counted, the secret kept
// sealed — and the supervisor's approval and the nightly run's key. Runs on both engines.

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "app/core/field_errors.h"
#include "app/jobs/accounts.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/operator_identity.h"
#include "app/jobs/qr_code.h"
#include "app/jobs/sealed_secret.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/totp.h"
#include "db/sql_statement.h"
#include "tests/support/authenticator.h"
#include "tests/support/temp_dir.h"
#include "tests/support/thrown_code.h"
#include "tests/support/test_database.h"

using namespace rececon;

namespace {

constexpr const char* kAdminPassword = "Kanri-2026!";
constexpr const char* kInitial = "Shoki#Pass1";

using test::thrownCode;

struct Site {
  test::TempDir dir;
  DataFolder folder{dir.path()};
  Accounts accounts{folder.database(), "UKE1"};
  Actor admin = actorOf(accounts.initFirstAdmin("admin", "管理　花子", kAdminPassword), "UKE1");

  std::string enrolCode;  // the code that confirmed the enrolment (spent by it)

  // The admin's app enrolled; returns its key.
  std::string enrolAdmin() {
    const LoginResult first = accounts.login("admin", kAdminPassword);
    REQUIRE(first.mustEnrolTotp);
    const std::string key = accounts.beginTotp("admin").secretText;
    enrolCode = test::authenticatorCode(key);
    accounts.confirmTotp("admin", enrolCode);
    return key;
  }
};

}  // namespace

TEST_CASE("TOTP codes match RFC 6238's and oathtool's, within one step, once each", "[totp]") {
  // RFC 6238 appendix B, SHA-1 key "12345678901234567890" at 59 s: 94287082 (8 digits; 6 digits: 287082).
  const std::string rfcKey = "12345678901234567890";
  CHECK(matchingTotpStep(rfcKey, "287082", 59, 0) == 1);
  CHECK(matchingTotpStep(rfcKey, "287082", 59 + 30, 0) == 1);   // the step before: a phone a little late
  CHECK(matchingTotpStep(rfcKey, "287082", 59 - 30, 0) == 1);   // the step after: a phone a little early
  CHECK_FALSE(matchingTotpStep(rfcKey, "287082", 59 + 60, 0));  // two steps late: stale
  CHECK_FALSE(matchingTotpStep(rfcKey, "287082", 59, 1));       // spent
  CHECK_FALSE(matchingTotpStep(rfcKey, "28708", 59, 0));
  CHECK_FALSE(matchingTotpStep(rfcKey, "28708x", 59, 0));
  const std::string secret = newTotpSecret();
  CHECK(secret.size() == 20);
  const std::string key = totpSecretBase32(secret);
  CHECK(key.size() == 32);
  CHECK(matchingTotpStep(secret, test::authenticatorCode(key), std::time(nullptr), 0));
  const std::string uri = totpUri(secret, "rececon テスト医院", "clerk.1");
  CHECK(uri.rfind("otpauth://totp/rececon%20%E3%83%86", 0) == 0);
  CHECK(uri.find("secret=" + key) != std::string::npos);
  const QrCode qr = qrCodeOf(uri);
  CHECK(qr.width >= 21);
  CHECK(qr.at(0, 0));  // a finder pattern's corner
  CHECK(qrCodeAsText(qr).find("█") != std::string::npos);
}

TEST_CASE("A sealed secret opens only with its site key and purpose, and not once altered", "[totp]") {
  const std::string siteKey(32, 'k'), otherKey(32, 'o');
  const std::string sealed = sealSecret(siteKey, "purpose a", "the secret");
  CHECK(sealed.find("74686520736563726574") == std::string::npos);  // not the secret's bytes in hex either
  CHECK(openSecret(siteKey, "purpose a", sealed) == std::optional<std::string>("the secret"));
  CHECK_FALSE(openSecret(otherKey, "purpose a", sealed));
  CHECK_FALSE(openSecret(siteKey, "purpose b", sealed));
  std::string altered = sealed;
  altered[altered.size() - 1] = altered.back() == '0' ? '1' : '0';
  CHECK_FALSE(openSecret(siteKey, "purpose a", altered));
  CHECK_FALSE(openSecret(siteKey, "purpose a", "not hex"));
}

TEST_CASE_METHOD(Site, "An administrator enrols a second factor before any session, then logs in with codes", "[totp]") {
  CHECK(accounts.secondFactorRequired(accounts.list(admin).front()));
  // Password right, factor not enrolled: no session until it is.
  CHECK(thrownCode([&] { accounts.openSession("admin"); }) == kTotpEnrolmentRequired);
  const std::string key = enrolAdmin();
  CHECK(accounts.asksForCode("admin"));
  CHECK(accounts.asksForCode("nobody"));  // an unknown ID reads like any other
  CHECK_THROWS_AS(accounts.beginTotp("admin"), InvalidInput);  // enrolled: an administrator resets it first
  CHECK_FALSE(accounts.openSession("admin").empty());

  // The code enrolled is spent; the next step's code opens; a missing or wrong code fails like a password.
  CHECK(thrownCode([&] { accounts.login("admin", kAdminPassword, enrolCode); }) == kLoginFailed);
  CHECK(thrownCode([&] { accounts.login("admin", kAdminPassword); }) == kLoginFailed);
  const std::string next = test::authenticatorCode(key, 1);
  CHECK(thrownCode([&] { accounts.login("admin", kAdminPassword, next == "000000" ? "000001" : "000000"); }) == kLoginFailed);
  const LoginResult ok = accounts.login("admin", kAdminPassword, next);
  CHECK_FALSE(ok.mustEnrolTotp);
  CHECK(ok.account.failedLogins == 0);
  CHECK(thrownCode([&] { accounts.login("admin", kAdminPassword, next); }) == kLoginFailed);  // replayed
  // A right code with a wrong password is still a failure.
  CHECK(thrownCode([&] { accounts.login("admin", "Chigau-2026!", test::authenticatorCode(key, -1)); }) == kLoginFailed);

  std::vector<std::string> details;
  for (const auto& e : accounts.events(admin, "admin"))
    if (e.kind == "login_failed") details.push_back(e.detail);
  CHECK(std::count(details.begin(), details.end(), "確認コード") == 4);
  CHECK(std::count(details.begin(), details.end(), "パスワード") == 1);

  // The secret is in the register only sealed: neither its key text nor its bytes are readable there.
  auto q = folder.database().prepare("SELECT totp_secret FROM account WHERE user_id = 'admin'");
  REQUIRE(q.next());
  const std::string stored = q.text("totp_secret");
  CHECK(stored.find(key) == std::string::npos);
  CHECK(stored.size() > 80);
  if (!test::onPostgres()) {
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream in(folder.databaseFile().string() + suffix, std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(in), {}};
      CHECK(bytes.find(key) == std::string::npos);
    }
  }

  // A lost phone: the administrator resets the factor, sessions end, and the next login enrols again.
  accounts.add(admin, "admin2", "管理　次郎", {Role::Admin}, kInitial);
  const Actor second{"admin2", {Role::Admin}, "UKE1"};
  accounts.resetTotp(second, "admin");
  CHECK(accounts.login("admin", kAdminPassword).mustEnrolTotp);
}

TEST_CASE_METHOD(Site, "Clerks need a code only when the site says so; wrong codes lock like wrong passwords", "[totp]") {
  accounts.add(admin, "clerk1", "受付　一郎", {Role::Clerk}, kInitial);
  accounts.changePassword("clerk1", kInitial, "Jibun-no-Pass9");
  CHECK_FALSE(accounts.login("clerk1", "Jibun-no-Pass9").mustEnrolTotp);
  CHECK_FALSE(accounts.asksForCode("clerk1"));
  SiteSettings(folder.database()).set("accounts.totp_for_clerks", "yes", "admin");
  CHECK(accounts.login("clerk1", "Jibun-no-Pass9").mustEnrolTotp);
  const std::string key = accounts.beginTotp("clerk1").secretText;
  CHECK(accounts.beginTotp("clerk1").secretText == key);  // begun, not confirmed: the same key again
  CHECK_THROWS_AS(accounts.confirmTotp("clerk1", "12345"), ValidationFailed);
  accounts.confirmTotp("clerk1", test::authenticatorCode(key));
  for (int i = 1; i < Accounts::kMaxFailedLogins; ++i) {
    CHECK(thrownCode([&] { accounts.login("clerk1", "Jibun-no-Pass9", "99999" + std::to_string(i)); }) == kLoginFailed);
  }
  CHECK(thrownCode([&] { accounts.login("clerk1", "Jibun-no-Pass9", "999995"); }) == kAccountLocked);
}

TEST_CASE_METHOD(Site, "A supervisor's approval takes their password and code; the nightly run has its key", "[totp]") {
  accounts.add(admin, "sup1", "責任者　三郎", {Role::Clerk, Role::Supervisor}, kInitial);
  accounts.add(admin, "clerk1", "受付　一郎", {Role::Clerk}, kInitial);
  accounts.changePassword("clerk1", kInitial, "Jibun-no-Pass9");
  accounts.changePassword("sup1", kInitial, "Sekinin-Pass8");
  CHECK(thrownCode([&] { accounts.approve("clerk1", "Wrong#Pass1", std::nullopt); }) == kLoginFailed);  // no role told
  CHECK(thrownCode([&] { accounts.approve("clerk1", "Jibun-no-Pass9", std::nullopt); }) == kRoleRequired);
  CHECK(thrownCode([&] { accounts.approve("sup1", "Sekinin-Pass8", std::nullopt); }) == kTotpEnrolmentRequired);
  const std::string key = accounts.beginTotp("sup1").secretText;
  accounts.confirmTotp("sup1", test::authenticatorCode(key));
  CHECK(thrownCode([&] { accounts.approve("sup1", "Sekinin-Pass8", std::nullopt); }) == kLoginFailed);
  CHECK(accounts.approve("sup1", "Sekinin-Pass8", test::authenticatorCode(key, 1)).supervisorId() == "sup1");

  // The batch key: issued by an administrator to a batch account only; the register keeps its hash.
  accounts.add(admin, "nightly", "夜間処理", {Role::Batch}, kInitial);
  std::string delivered;
  const auto keep = [&](const std::string& key) { delivered = key; };
  CHECK_THROWS_AS(accounts.issueBatchKey(admin, "clerk1", keep), InvalidInput);
  CHECK(thrownCode([&] { accounts.issueBatchKey(actorOf(accounts.login("clerk1", "Jibun-no-Pass9").account, "UKE1"), "nightly", keep); }) ==
        kRoleRequired);
  accounts.issueBatchKey(admin, "nightly", keep);
  const std::string batchKey = delivered;
  CHECK(accounts.batchActor(batchKey).userId == "nightly");
  CHECK(resolveOperator(folder.database(), {std::nullopt, std::nullopt, batchKey}) == "nightly");
  CHECK_THROWS_AS(accounts.batchActor(batchKey + "0"), InvalidInput);
  // A key that could not be kept leaves the old one working; a new one voids it.
  CHECK_THROWS_AS(accounts.issueBatchKey(admin, "nightly", [](const std::string&) { throw EnvironmentError("disk full"); }),
                  EnvironmentError);
  CHECK(accounts.batchActor(batchKey).userId == "nightly");
  accounts.issueBatchKey(admin, "nightly", keep);
  const std::string reissued = delivered;
  CHECK_THROWS_AS(accounts.batchActor(batchKey), InvalidInput);  // the old key is void
  auto q = folder.database().prepare("SELECT key_hash FROM account WHERE user_id = 'nightly'");
  REQUIRE(q.next());
  CHECK(q.text("key_hash").find(reissued) == std::string::npos);

  // On a site with accounts nobody names themselves, and nothing is done without a login.
  CHECK(thrownCode([&] { resolveOperator(folder.database(), {std::string("dr.admin"), std::nullopt, std::nullopt}); }) ==
        kOperatorNotClaimable);
  CHECK(thrownCode([&] { resolveOperator(folder.database(), {}); }) == kLoginRequired);
  const std::string token = accounts.openSession("clerk1");
  CHECK(resolveOperator(folder.database(), {std::nullopt, token, std::nullopt}) == "clerk1");
}

TEST_CASE_METHOD(Site, "A session ends when a new role asks for a factor it never gave", "[totp]") {
  accounts.add(admin, "clerk1", "受付　一郎", {Role::Clerk}, kInitial);
  accounts.changePassword("clerk1", kInitial, "Jibun-no-Pass9");
  const std::string token = accounts.openSession("clerk1");
  REQUIRE(accounts.sessionActor(token));
  const std::string adminKey = enrolAdmin();
  accounts.setRoles(admin, "clerk1", {Role::Clerk, Role::Supervisor});
  CHECK_FALSE(accounts.sessionActor(token));
  CHECK(thrownCode([&] { accounts.openSession("clerk1"); }) == kTotpEnrolmentRequired);
  CHECK(thrownCode([&] { accounts.reauthenticate("clerk1", "Jibun-no-Pass9"); }) == kTotpEnrolmentRequired);
  // The clerks' rule turned on: a clerk's open session ends too.
  accounts.add(admin, "clerk2", "受付　二郎", {Role::Clerk}, kInitial);
  accounts.changePassword("clerk2", kInitial, "Jibun-no-Pass9");
  const std::string second = accounts.openSession("clerk2");
  SiteSettings(folder.database()).set("accounts.totp_for_clerks", "yes", "admin");
  CHECK_FALSE(accounts.sessionActor(second));
  // A pending enrolment shows the same key for a while, then a new one.
  const std::string pending = accounts.beginTotp("clerk2").secretText;
  CHECK(accounts.beginTotp("clerk2").secretText == pending);
  folder.database().prepare("UPDATE account SET totp_last_step = totp_last_step - 21 WHERE user_id = 'clerk2'").run();
  CHECK(accounts.beginTotp("clerk2").secretText != pending);
  // A sealed secret copied onto another account's row opens nothing there.
  folder.database().prepare("UPDATE account SET totp_secret = (SELECT totp_secret FROM account WHERE user_id = 'admin'),"
                            " totp_confirmed = 1 WHERE user_id = 'clerk2'").run();
  CHECK_THROWS_AS(accounts.login("clerk2", "Jibun-no-Pass9", test::authenticatorCode(adminKey, 1)), EnvironmentError);
}
