// Accounts: the first administrator, rights by role, the password rule, wrong passwords and lockout, the
// forced first change, sessions — and no password or token in the register. Runs on both engines.

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "app/core/field_errors.h"
#include "app/jobs/accounts.h"
#include "app/jobs/data_folder.h"
#include "db/sql_statement.h"
#include "tests/support/temp_dir.h"
#include "tests/support/thrown_code.h"
#include "tests/support/test_database.h"

using namespace rececon;

namespace {

constexpr const char* kAdminPassword = "Kanri-2026!";
constexpr const char* kInitial = "Shoki#Pass1";

struct Site {
  test::TempDir dir;
  DataFolder folder{dir.path()};
  Accounts accounts{folder.database(), "UKE1"};
  Actor admin = actorOf(accounts.initFirstAdmin("admin", "管理　花子", kAdminPassword), "UKE1");
};

using test::thrownCode;

// Every text the register holds about accounts, as one string to search.
std::string accountTables(db::Database& db) {
  std::string all;
  for (const char* sql : {"SELECT user_id || display_name || roles || password_hash AS t FROM account",
                          "SELECT token_hash || user_id || terminal AS t FROM account_session",
                          "SELECT at || user_id || actor || kind || detail AS t FROM account_event"}) {
    for (auto q = db.prepare(sql); q.next();) all += q.text("t") + "\n";
  }
  return all;
}

}  // namespace

TEST_CASE("A site's first administrator is made once, with a password that keeps the rule", "[accounts]") {
  test::TempDir dir;
  DataFolder folder(dir.path());
  Accounts accounts(folder.database(), "UKE1");
  CHECK_FALSE(accounts.anyAccount());
  CHECK_THROWS_AS(accounts.initFirstAdmin("admin", "管理", "short1!"), ValidationFailed);
  CHECK_THROWS_AS(accounts.initFirstAdmin("admin", "管理", "onlyletters"), ValidationFailed);
  CHECK_THROWS_AS(accounts.initFirstAdmin("admin", "管理", "admin-2026-xyz!"), ValidationFailed);  // holds the ID
  CHECK_THROWS_AS(accounts.initFirstAdmin("Admin!", "管理", kAdminPassword), ValidationFailed);
  const Account a = accounts.initFirstAdmin("admin", "管理　花子", kAdminPassword);
  CHECK(a.roles == std::vector<Role>{Role::Admin});
  CHECK_FALSE(a.mustChangePassword);
  CHECK(a.passwordHash.rfind("$argon2id$", 0) == 0);
  CHECK_THROWS_AS(accounts.initFirstAdmin("admin2", "二人目", kAdminPassword), InvalidInput);
  // 13 characters of anything is also a good password.
  CHECK_FALSE(passwordPolicyError("correcthorsebatterystaple", "clerk1"));
}

TEST_CASE_METHOD(Site, "Only an administrator manages accounts, and a refusal names the role", "[accounts]") {
  const Account clerk = accounts.add(admin, "clerk1", "受付　一郎", {Role::Clerk}, kInitial);
  CHECK(clerk.mustChangePassword);
  const Actor asClerk = actorOf(clerk, "UKE2");
  try {
    accounts.add(asClerk, "clerk2", "受付　二郎", {Role::Clerk}, kInitial);
    FAIL("a clerk added an account");
  } catch (const InvalidInput& e) {
    CHECK(e.code() == kRoleRequired);
    CHECK(std::string(e.what()).find("管理者") != std::string::npos);
  }
  CHECK(thrownCode([&] { accounts.lock(asClerk, "admin"); }) == kRoleRequired);
  CHECK(thrownCode([&] { accounts.setRoles(asClerk, "clerk1", {Role::Admin}); }) == kRoleRequired);
  CHECK(thrownCode([&] { accounts.list(asClerk); }) == kRoleRequired);
  CHECK_THROWS_AS(accounts.add(admin, "clerk1", "同じID", {Role::Clerk}, kInitial), InvalidInput);
  CHECK(accounts.setRoles(admin, "clerk1", {Role::Clerk, Role::Supervisor}).roles ==
        std::vector<Role>{Role::Clerk, Role::Supervisor});
  CHECK_THROWS_AS(accounts.setRoles(admin, "admin", {Role::Clerk}), InvalidInput);  // the site keeps its admin
  CHECK(accounts.list(admin).size() == 2);
}

TEST_CASE_METHOD(Site, "Wrong passwords read alike, and the fifth in a row locks the account", "[accounts]") {
  accounts.add(admin, "clerk1", "受付　一郎", {Role::Clerk}, kInitial);
  CHECK(thrownCode([&] { accounts.login("nobody", kInitial); }) == kLoginFailed);
  for (int i = 1; i < Accounts::kMaxFailedLogins; ++i) CHECK(thrownCode([&] { accounts.login("clerk1", "Wrong#Pass1"); }) == kLoginFailed);
  CHECK(thrownCode([&] { accounts.login("clerk1", "Wrong#Pass1"); }) == kAccountLocked);
  CHECK(thrownCode([&] { accounts.login("clerk1", kInitial); }) == kAccountLocked);  // even the right one now
  accounts.unlock(admin, "clerk1");
  const LoginResult first = accounts.login("clerk1", kInitial);
  CHECK(first.mustChangePassword);
  CHECK(first.account.failedLogins == 0);
  // The initial password is changed at first login, to one that keeps the rule.
  CHECK_THROWS_AS(accounts.changePassword("clerk1", kInitial, "short"), ValidationFailed);
  CHECK(thrownCode([&] { accounts.changePassword("clerk1", "Wrong#Pass1", "Jibun-no-Pass9"); }) == kLoginFailed);
  accounts.changePassword("clerk1", kInitial, "Jibun-no-Pass9");
  CHECK_FALSE(accounts.login("clerk1", "Jibun-no-Pass9").mustChangePassword);
  // A session left open is no way round the lockout: wrong current passwords count too.
  for (int i = 1; i < Accounts::kMaxFailedLogins; ++i) {
    CHECK(thrownCode([&] { accounts.changePassword("clerk1", "Guess#0000" + std::to_string(i), "Atarashii-99!"); }) == kLoginFailed);
  }
  CHECK(thrownCode([&] { accounts.changePassword("clerk1", "Guess#00005", "Atarashii-99!"); }) == kAccountLocked);
  CHECK(thrownCode([&] { accounts.changePassword("clerk1", "Jibun-no-Pass9", "Atarashii-99!"); }) == kAccountLocked);
  accounts.unlock(admin, "clerk1");
  accounts.retire(admin, "clerk1");
  CHECK(thrownCode([&] { accounts.login("clerk1", "Jibun-no-Pass9"); }) == kAccountRetired);
  std::vector<std::string> kinds;
  for (const auto& e : accounts.events(admin, "clerk1")) kinds.push_back(e.kind);
  // Two lockouts' worth, and the wrong current password given to the first change.
  CHECK(std::count(kinds.begin(), kinds.end(), "login_failed") == 2 * Accounts::kMaxFailedLogins + 1);
  CHECK(std::count(kinds.begin(), kinds.end(), "locked") == 2);
  CHECK(kinds.back() == "retired");
}

TEST_CASE_METHOD(Site, "A session is known by its token's hash and ends at logout, lock or retirement", "[accounts]") {
  accounts.add(admin, "clerk1", "受付　一郎", {Role::Clerk}, kInitial);
  CHECK_THROWS_AS(accounts.openSession("clerk1"), InvalidInput);  // an initial password opens nothing
  accounts.changePassword("clerk1", kInitial, "Jibun-no-Pass9");
  const std::string token = accounts.openSession("clerk1");
  REQUIRE(token.size() == 64);
  const auto actor = accounts.sessionActor(token);
  REQUIRE(actor);
  CHECK(actor->userId == "clerk1");
  CHECK(actor->has(Role::Clerk));
  CHECK_FALSE(actor->has(Role::Admin));
  CHECK_FALSE(accounts.sessionActor(token + "0"));
  accounts.closeSession(token);
  CHECK_FALSE(accounts.sessionActor(token));
  const std::string again = accounts.openSession("clerk1");
  accounts.lock(admin, "clerk1");
  CHECK_FALSE(accounts.sessionActor(again));

  // Neither password nor token is anywhere in the register.
  const std::string stored = accountTables(folder.database());
  for (const char* secret : {kAdminPassword, kInitial, "Jibun-no-Pass9"}) CHECK(stored.find(secret) == std::string::npos);
  CHECK(stored.find(token) == std::string::npos);
  CHECK(stored.find(again) == std::string::npos);
  if (!test::onPostgres()) {  // and not in the file's bytes either (free pages, the WAL)
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream in(folder.databaseFile().string() + suffix, std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(in), {}};
      CHECK(bytes.find(kInitial) == std::string::npos);
      CHECK(bytes.find(token) == std::string::npos);
    }
  }
}
