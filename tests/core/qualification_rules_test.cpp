#include <catch2/catch.hpp>

#include "app/core/qualification.h"

using namespace rececon;
using namespace std::chrono;

namespace {

Patient heldPatient() {
  Patient p;
  p.number = 12;
  p.name = "見本　花子";
  p.nameKana = "ﾐﾎﾝ ﾊﾅｺ";
  p.sex = Sex::Female;
  p.birthDate = 1985y / 7 / 4;
  p.address = "見本県見本市1-2-3";
  return p;
}

InsuranceRecord heldInsurance() {
  InsuranceRecord r;
  r.insured = {"06999999", "テスト", "9001", "02"};
  r.relationship = Relationship::Family;
  r.copayPercent = 30;
  r.insurerName = "見本健康保険組合";
  return r;
}

ReturnedQualification returned() {
  ReturnedQualification q;
  q.name = "見本　花子";
  q.nameKana = "ﾐﾎﾝ ﾊﾅｺ";
  q.sex = Sex::Female;
  q.birthDate = 1985y / 7 / 4;
  q.insurance = heldInsurance();
  return q;
}

const FieldComparison* find(const std::vector<FieldComparison>& all, const std::string& field) {
  for (const auto& c : all) {
    if (c.field == field) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Outcomes in words with what to do next", "[qualification]") {
  CHECK(std::string(outcomeWords(CheckOutcome::InvalidNewerExists)) == "無効（新しい資格あり）");
  CHECK(std::string(outcomeAdvice(CheckOutcome::Several)).find("枝番") != std::string::npos);
  CHECK(std::string(outcomeAdvice(CheckOutcome::InvalidNewerExists)).find("マイナンバーカード") != std::string::npos);
}

TEST_CASE("Comparison shows only returned fields and marks identity and insured numbers", "[qualification]") {
  auto r = returned();
  r.insurance.insured.branch = "03";
  r.insurance.insurerName = "見本健康保険組合（新）";
  r.address = "";  // not returned: not compared
  const auto all = compareWithRegister(heldPatient(), heldInsurance(), r);
  CHECK_FALSE(find(all, "address"));
  REQUIRE(find(all, "branch"));
  CHECK(find(all, "branch")->differs());
  CHECK(find(all, "branch")->insuredNumber);
  CHECK_FALSE(tickedByDefault(*find(all, "branch")));  // a person must tick it
  CHECK(tickedByDefault(*find(all, "insurer_name")));
  CHECK_FALSE(find(all, "name")->differs());
  CHECK(find(all, "name")->identity);
  CHECK(find(all, "copay_percent")->held == "30");
}

TEST_CASE("Identity differences are never ticked by default", "[qualification]") {
  auto r = returned();
  r.nameKana = "ﾐﾎﾝ ﾊﾅｴ";
  r.birthDate = 1985y / 7 / 5;
  const auto all = compareWithRegister(heldPatient(), heldInsurance(), r);
  CHECK(find(all, "name_kana")->differs());
  CHECK_FALSE(tickedByDefault(*find(all, "name_kana")));
  CHECK_FALSE(tickedByDefault(*find(all, "birth_date")));
}

TEST_CASE("Without held insurance every returned insurance field is new", "[qualification]") {
  const auto all = compareWithRegister(heldPatient(), std::nullopt, returned());
  CHECK(find(all, "insurer_number")->held.empty());
  CHECK(find(all, "insurer_number")->differs());
}

TEST_CASE("Update rules of table 4.1.1-1 (2)(3)", "[qualification]") {
  CHECK(registerActionFor(CheckOutcome::Valid, true) == RegisterAction::MakeCurrent);
  CHECK(registerActionFor(CheckOutcome::Valid, false) == RegisterAction::MakeCurrent);
  CHECK(registerActionFor(CheckOutcome::Invalid, false) == RegisterAction::RecordInvalidAsCurrent);
  CHECK(registerActionFor(CheckOutcome::Invalid, true) == RegisterAction::KeepInHistoryOnly);
  CHECK(registerActionFor(CheckOutcome::InvalidNewerExists, false) == RegisterAction::RecordInvalidAsCurrent);
  CHECK(registerActionFor(CheckOutcome::InvalidNewerExists, true) == RegisterAction::KeepInHistoryOnly);
  CHECK(registerActionFor(CheckOutcome::NotFound, false) == RegisterAction::NoChange);
  CHECK(registerActionFor(CheckOutcome::Several, false) == RegisterAction::NoChange);
  CHECK(registerActionFor(CheckOutcome::Error, true) == RegisterAction::NoChange);
}
