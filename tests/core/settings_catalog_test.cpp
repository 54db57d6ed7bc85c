#include <catch2/catch.hpp>

#include "app/core/field_errors.h"
#include "app/core/csv.h"
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

TEST_CASE("CSV lines with quotes, commas and Japanese", "[csv]") {
  CHECK(splitCsvLine("a,\"b,c\",\"say \"\"hi\"\"\",見本\r") == std::vector<std::string>{"a", "b,c", "say \"hi\"", "見本"});
  CHECK(splitCsvLine(",,") == std::vector<std::string>{"", "", ""});
  const CsvTable t = parseCsv("id,name\n1,見本\n\n2,架空\n");
  CHECK(t.rows.size() == 2);
  CHECK(t.rows[1][t.column("name")] == "架空");
  CHECK_THROWS_AS(t.column("kana"), InvalidInput);
  CHECK_THROWS_AS(parseCsv("id,name\n1\n"), InvalidInput);
}
