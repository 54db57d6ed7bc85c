#include <catch2/catch.hpp>

#include "app/core/insurer_number.h"

using namespace rececon;

TEST_CASE("Check digit by the 2-1 weighting rule", "[insurer]") {
  CHECK(insurerCheckDigit("0113001") == 2);  // 01130012
  CHECK(insurerCheckDigit("13101") == 1);    // 131011
  CHECK(insurerCheckDigit("3913002") == 6);  // 39130026 (後期高齢者)
  CHECK(insurerCheckDigit("9") == 1);        // 9×2 = 18 counts as 1 + 8
  CHECK(insurerCheckDigit("0000000") == 0);
}

TEST_CASE("Valid 8- and 6-digit insurer numbers pass, padding and full width accepted", "[insurer]") {
  CHECK(insurerNumberError("01130012").empty());
  CHECK(insurerNumberError("131011").empty());
  CHECK(insurerNumberError("  131011").empty());
  CHECK(insurerNumberError("０１１３００１２").empty());
  CHECK(normalizeInsurerNumber("  131011") == "131011");
  CHECK(padInsurerNumber("131011") == "  131011");
  CHECK(padInsurerNumber("01130012") == "01130012");
}

TEST_CASE("Wrong insurer numbers name the problem", "[insurer]") {
  const auto wrongDigit = insurerNumberError("01130013");
  CHECK(wrongDigit.find("検証番号") != std::string::npos);
  CHECK(insurerNumberError("0113001").find("8桁") != std::string::npos);
  CHECK(insurerNumberError("0113001A").find("数字") != std::string::npos);
  CHECK(insurerNumberError("").find("入力されていません") != std::string::npos);
  CHECK_FALSE(insurerNumberError("131012").empty());
}
