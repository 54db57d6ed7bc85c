#include <catch2/catch.hpp>

#include "app/core/branch_number.h"

using namespace rececon;

TEST_CASE("枝番 is exactly two ASCII digits; full width is folded", "[branch]") {
  CHECK(branchNumberError("01").empty());
  CHECK(branchNumberError("00").empty());
  CHECK(branchNumberError("０２").empty());
  CHECK(normalizeBranchNumber(" ０２ ") == "02");
}

TEST_CASE("A one-digit 枝番 is refused, never padded", "[branch]") {
  CHECK(normalizeBranchNumber("1") == "1");
  const auto why = branchNumberError("1");
  CHECK(why.find("2桁") != std::string::npos);
  CHECK(why.find("01") != std::string::npos);
}

TEST_CASE("Other 枝番 forms are refused", "[branch]") {
  CHECK_FALSE(branchNumberError("1A").empty());
  CHECK_FALSE(branchNumberError("001").empty());
  CHECK_FALSE(branchNumberError("-1").empty());
  CHECK_FALSE(branchNumberError("").empty());
}
