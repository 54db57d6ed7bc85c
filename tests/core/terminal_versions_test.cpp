#include <catch2/catch.hpp>

#include "app/core/error.h"
#include "app/core/terminal_versions.h"

using namespace rececon;

TEST_CASE("Versions compare part by part, numbers as numbers", "[versions]") {
  CHECK(compareVersions("1.10.0", "1.9.9") > 0);
  CHECK(compareVersions("1.2", "1.2.0") == 0);
  CHECK(compareVersions("v2.0.1", "2.0.1") == 0);
  CHECK(compareVersions("１．２．３", "1.2.4") < 0);
  CHECK(compareVersions("01.002", "1.2") == 0);
  CHECK(compareVersions("1.0.0", "1.0.0.1") < 0);
  CHECK(compareVersions("12345678901234567890.1", "9.1") > 0);  // longer than any integer type
  CHECK(compareVersions("1.2b", "1.2a") > 0);
}

TEST_CASE("The minimum-version list is read and checked", "[versions]") {
  const auto list = parseMinimumVersions(
      "component,label,minimum,note\nlinkage,連携アプリケーション,1.4.0,\ncard_reader,カードリーダー,,未記入\n");
  REQUIRE(list.size() == 2);
  CHECK(list[0].minimum == "1.4.0");
  CHECK(list[1].minimum.empty());
  CHECK_THROWS_WITH(parseMinimumVersions("component,label,minimum,note\nlinkage,a,1,\nlinkage,b,2,\n"),
                    Catch::Contains("3 行目") && Catch::Contains("重複"));
  CHECK_THROWS_AS(parseMinimumVersions("component,label\nlinkage,a\n"), InvalidInput);
}
