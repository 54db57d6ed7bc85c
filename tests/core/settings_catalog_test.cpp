#include <catch2/catch.hpp>

#include "app/core/field_errors.h"
#include "app/core/settings_catalog.h"

using namespace rececon;

TEST_CASE("Settings are validated against the catalog", "[settings]") {
  CHECK(normalizeSettingValue("institution_code", "９９１９９９９９９９") == "9919999999");
  CHECK_THROWS_AS(normalizeSettingValue("institution_code", "123"), ValidationFailed);
  CHECK(normalizeSettingValue("linkage.request_encoding", "SJIS") == "shift_jis");
  CHECK(normalizeSettingValue("linkage.request_encoding", "UTF8") == "utf-8");
  CHECK_THROWS_AS(normalizeSettingValue("linkage.request_encoding", "euc-jp"), ValidationFailed);
  CHECK_THROWS_AS(normalizeSettingValue("linkage.req_dir", " "), ValidationFailed);
  CHECK(normalizeSettingValue("linkage.req_dir", "\\\\ONS-PC\\OQS\\req") == "\\\\ONS-PC\\OQS\\req");
}

TEST_CASE("An unknown setting key is refused and the known keys are named", "[settings]") {
  try {
    settingSpec("institution_cod");
    FAIL("expected InvalidInput");
  } catch (const InvalidInput& e) {
    CHECK(std::string(e.what()).find("institution_code") != std::string::npos);
  }
}
