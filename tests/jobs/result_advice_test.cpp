// What the top of a result says, and which next steps it offers, per outcome; and the comparison's values
// as a clerk reads them.

#include <catch2/catch.hpp>

#include "app/core/qualification.h"
#include "app/jobs/diagnosis_files.h"
#include "app/jobs/result_advice.h"

using namespace rececon;

namespace {

FieldComparison field(const char* key, std::string held, std::string returned) {
  FieldComparison f;
  f.field = key;
  f.held = std::move(held);
  f.returned = std::move(returned);
  return f;
}

CheckReport answered(CheckOutcome outcome, std::vector<FieldComparison> comparison = {}) {
  CheckReport r;
  r.checkId = 7;
  r.resultId = 3;
  r.patientNumber = 12;
  r.outcome = outcome;
  r.comparison = std::move(comparison);
  return r;
}

}  // namespace

TEST_CASE("A valid answer that agrees with the register says so and is applied by default", "[result_advice]") {
  const auto a = adviseOnResult(answered(CheckOutcome::Valid, {field("branch", "01", "01"), field("number", "5", "5")}),
                                loadErrorHandbook());
  CHECK(a.summary == "登録内容と一致（変更なし）");
  CHECK(a.unchanged);
  CHECK(a.applicable);
  CHECK(a.nextSteps.empty());
}

TEST_CASE("A valid answer with differences counts them", "[result_advice]") {
  const auto a = adviseOnResult(
      answered(CheckOutcome::Valid, {field("branch", "01", "02"), field("number", "5", "5"), field("copay_percent", "30", "20")}),
      loadErrorHandbook());
  CHECK_FALSE(a.unchanged);
  CHECK(a.differing == 2);
  CHECK(a.summary == "登録内容と違う項目が 2 件あります（色の付いた行）");
}

TEST_CASE("No qualification found: nothing to apply, correcting the insurance is offered first", "[result_advice]") {
  const auto a = adviseOnResult(answered(CheckOutcome::NotFound), loadErrorHandbook());
  CHECK_FALSE(a.applicable);
  REQUIRE(a.nextSteps.size() == 2);
  CHECK(a.nextSteps.front() == ResultNextStep::EditInsurance);
  CHECK(a.nextSteps.back() == ResultNextStep::ReceiveUnverified);
  CHECK(a.summary.empty());
}

TEST_CASE("A file-level error offers reception on the card and stand-alone mode, with the handbook's step", "[result_advice]") {
  CheckReport r = answered(CheckOutcome::Error);
  r.errorCode = "SIMERR9001";
  r.errorMessage = "接続できません";
  const auto a = adviseOnResult(r, loadErrorHandbook());
  CHECK_FALSE(a.applicable);
  REQUIRE(a.nextSteps.size() == 2);
  CHECK(a.nextSteps.front() == ResultNextStep::ReceiveUnverified);
  CHECK(a.nextSteps.back() == ResultNextStep::StandAlone);
  CHECK(a.nextText.find("SIMERR9001") != std::string::npos);
  CHECK(a.nextText.find("表示されたメッセージ") == std::string::npos);
  CHECK(a.nextText.find("保険証・資格確認書で続けられます") != std::string::npos);
  CHECK(a.nextText.find("F6") == std::string::npos);  // the window's buttons say the keys; the advice names none
}

TEST_CASE("A result with findings is never applicable", "[result_advice]") {
  CheckReport r = answered(CheckOutcome::Valid, {field("branch", "01", "01")});
  ResultFinding finding;
  finding.code = "birth_date_mismatch";
  finding.message = "生年月日が違います。";
  r.findings.push_back(finding);
  const auto a = adviseOnResult(r, loadErrorHandbook());
  CHECK_FALSE(a.applicable);
  CHECK(a.nextText.find("生年月日が違います") != std::string::npos);
}

TEST_CASE("The comparison reads as a clerk reads: 和暦, 割, the card classification's name", "[result_advice]") {
  Patient p;
  p.name = "見本　太郎";
  p.nameKana = "ミホン　タロウ";
  p.birthDate = Date{std::chrono::year(1985), std::chrono::month(3), std::chrono::day(9)};
  InsuranceRecord held;
  held.copayPercent = 30;
  held.cardClassification = "01";
  ReturnedQualification returned;
  returned.birthDate = p.birthDate;
  returned.insurance.copayPercent = 20;
  returned.insurance.cardClassification = "01";
  const auto comparison = compareWithRegister(p, held, returned);
  const auto find = [&](const std::string& key) {
    for (const auto& f : comparison)
      if (f.field == key) return f;
    FAIL("no field " << key);
    return FieldComparison{};
  };
  CHECK(find("birth_date").heldShown == "昭和60年3月9日");
  CHECK(find("copay_percent").heldShown == "3割");
  CHECK(find("copay_percent").returnedShown == "2割");
  CHECK(find("copay_percent").returned == "20");  // decisions still compare the stored form
  CHECK(find("card_classification").returnedShown == "被保険者証（一般）（01）");
}
