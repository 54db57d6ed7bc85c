#include <catch2/catch.hpp>

#include "app/core/field_errors.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/operator_identity.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/site_settings.h"
#include "tests/support/temp_dir.h"

using namespace rececon;

TEST_CASE("Settings fall back to defaults and keep what was set", "[settings]") {
  test::TempDir dir;
  DataFolder folder(dir.path());
  SiteSettings settings(folder.database());
  CHECK(settings.get("linkage.request_encoding").value == "utf-8");
  CHECK(settings.get("linkage.request_encoding").isDefault);
  settings.set("institution_code", "9919999999", "admin");
  CHECK(settings.get("institution_code").value == "9919999999");
  CHECK_FALSE(settings.get("institution_code").isDefault);
  CHECK_THROWS_AS(settings.set("institution_code", "99", "admin"), ValidationFailed);
  CHECK(settings.get("institution_code").value == "9919999999");
  CHECK_THROWS_AS(settings.get("no_such_key"), InvalidInput);
  CHECK(settings.all().size() == settingsCatalog().size());
}

TEST_CASE("The operator is the explicit one, else the configured one, else the login name", "[settings]") {
  test::TempDir dir;
  DataFolder folder(dir.path());
  CHECK_FALSE(resolveOperator(folder.database(), OperatorClaim{}).empty());
  SiteSettings(folder.database()).set("operator", "desk1", "admin");
  CHECK(resolveOperator(folder.database(), OperatorClaim{}) == "desk1");
  CHECK(resolveOperator(folder.database(), OperatorClaim{std::string("clerk9"), std::nullopt, std::nullopt}) == "clerk9");
  CHECK_THROWS_AS(resolveOperator(folder.database(), OperatorClaim{std::string("bad id with spaces"), std::nullopt, std::nullopt}), ValidationFailed);
}

TEST_CASE("The exchange is configured from the site settings", "[settings]") {
  test::TempDir dir;
  DataFolder folder(dir.path());
  try {
    exchangeConfigFromSettings(folder.database(), dir.path());
    FAIL("expected ValidationFailed");
  } catch (const ValidationFailed& e) {
    CHECK(e.errors().size() == 4);
  }
  SiteSettings s(folder.database());
  s.set("institution_code", "9919999999", "admin");
  s.set("linkage.req_dir", "/mnt/oqs/req", "admin");
  s.set("linkage.res_dir", "/mnt/oqs/res", "admin");
  s.set("linkage.face_dir", "/mnt/oqs/face", "admin");
  s.set("linkage.request_encoding", "sjis", "admin");
  s.set("linkage.single_timeout_seconds", "６０", "admin");
  s.set("linkage.face_file_policy", "leave", "admin");
  CHECK_THROWS_AS(s.set("linkage.bulk_timeout_seconds", "0", "admin"), ValidationFailed);
  CHECK_THROWS_AS(s.set("linkage.face_file_policy", "delete", "admin"), ValidationFailed);
  const auto c = exchangeConfigFromSettings(folder.database(), dir.path());
  CHECK(c.reqDir == "/mnt/oqs/req");
  CHECK(c.requestEncoding == linkage::Encoding::ShiftJis);
  CHECK(c.singleTimeout == std::chrono::seconds(60));
  CHECK(c.bulkTimeout == std::chrono::seconds(1800));
  CHECK(c.facePolicy == linkage::FaceFilePolicy::Leave);
  CHECK(c.archiveDir == dir.path() / "linkage" / "archive");
}
