#include <catch2/catch.hpp>

#include "app/core/field_errors.h"
#include "app/core/insurance.h"

using namespace rececon;
using namespace std::chrono;

namespace {

InsuranceFields valid() {
  InsuranceFields f;
  f.insurerNumber = "06139992";
  f.number = "1234";
  return f;
}

std::string messagesOf(const InsuranceFields& f) {
  try {
    makeInsurance(f);
  } catch (const ValidationFailed& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("An insurance record needs a valid insurer number and a number", "[insurance]") {
  auto f = valid();
  f.insurerNumber = "06139990";
  const std::string what = messagesOf(f);
  CHECK(what.find("保険者番号") != std::string::npos);
  CHECK(what.find("検証番号") != std::string::npos);
  CHECK(messagesOf(InsuranceFields{}).find("番号") != std::string::npos);
}

TEST_CASE("Insurance fields are parsed in the forms clerks type", "[insurance]") {
  auto f = valid();
  f.insurerNumber = "  131011";
  f.symbol = " 見本-1 ";
  f.branch = "０１";
  f.relationship = "家族";
  f.copayPercent = "3割";
  f.elderlyCopayPercent = "020";
  f.validFrom = "R6.4.1";
  f.validTo = "2025-03-31";
  f.cardClassification = "01";
  const InsuranceRecord r = makeInsurance(f);
  CHECK(r.insured.insurerNumber == "131011");
  CHECK(r.insured.symbol == "見本-1");
  CHECK(r.insured.branch == "01");
  CHECK(r.relationship == Relationship::Family);
  CHECK(r.copayPercent == 30);
  CHECK(r.elderlyCopayPercent == 20);
  CHECK(r.validFrom == Date{2024y / 4 / 1});
  CHECK(r.state == InsuranceState::Current);
  CHECK(cardClassificationLabel("01") == std::optional<std::string>("被保険者証（一般）"));
  CHECK_FALSE(cardClassificationLabel("99"));
}

TEST_CASE("Inconsistent insurance data is refused", "[insurance]") {
  auto f = valid();
  f.validFrom = "2025-04-01";
  f.validTo = "2025-03-31";
  CHECK(messagesOf(f).find("有効終了日") != std::string::npos);
  f = valid();
  f.branch = "1A";
  CHECK(messagesOf(f).find("枝番") != std::string::npos);
  f = valid();
  f.copayPercent = "12割";
  CHECK(messagesOf(f).find("負担割合") != std::string::npos);
  f = valid();
  f.state = "deleted";
  CHECK(messagesOf(f).find("状態") != std::string::npos);
}

TEST_CASE("Changing a record can clear optional values", "[insurance]") {
  auto f = valid();
  f.branch = "01";
  f.validTo = "2030-03-31";
  const InsuranceRecord base = makeInsurance(f);
  InsuranceFields change;
  change.branch = "";
  change.validTo = "";
  change.state = "invalid";
  const InsuranceRecord r = changeInsurance(base, change);
  CHECK(r.insured.branch.empty());
  CHECK_FALSE(r.validTo);
  CHECK(r.state == InsuranceState::Invalid);
}

TEST_CASE("A copay is read as 30, 30% or 3割 and refused in any other form", "[insurance]") {
  const auto copay = [](const char* typed) {
    auto f = valid();
    f.copayPercent = typed;
    return makeInsurance(f).copayPercent;
  };
  CHECK(copay("30") == 30);
  CHECK(copay("３０％") == 30);
  CHECK(copay("100%") == 100);
  CHECK(copay("１割") == 10);
  CHECK(copay("0") == 0);
  CHECK_FALSE(copay(""));
  for (const char* wrong : {"101", "1000", "10割5", "%", "割", "30%%", "-10", "x30", "100割"}) {
    INFO(wrong);
    auto f = valid();
    f.copayPercent = wrong;
    CHECK(messagesOf(f).find("負担割合") != std::string::npos);
  }
}

TEST_CASE("A card classification is two letters or digits", "[insurance]") {
  auto f = valid();
  for (const char* right : {"01", "A1", "ｚ9"}) {
    f.cardClassification = right;
    CHECK(messagesOf(f).empty());
  }
  for (const char* wrong : {"1", "012", "０-", "あい"}) {
    INFO(wrong);
    f.cardClassification = wrong;
    CHECK(messagesOf(f).find("被保険者証区分") != std::string::npos);
  }
}
