#include <catch2/catch.hpp>

#include "app/core/field_errors.h"
#include "app/core/patient.h"

using namespace rececon;
using namespace std::chrono;

namespace {

const Date kToday = 2026y / 11 / 21;

PatientFields valid() {
  PatientFields f;
  f.name = "見本　太郎";
  f.nameKana = "ﾐﾎﾝ ﾀﾛｳ";
  f.sex = "1";
  f.birthDate = "S22.3.10";
  return f;
}

std::vector<std::string> failingFields(const PatientFields& f) {
  try {
    makePatient(f, kToday);
  } catch (const ValidationFailed& e) {
    std::vector<std::string> names;
    for (const auto& err : e.errors()) names.push_back(err.field);
    return names;
  }
  return {};
}

}  // namespace

TEST_CASE("A patient needs name, kana, sex and birth date", "[patient]") {
  const Patient p = makePatient(valid(), kToday);
  CHECK(p.name == "見本　太郎");
  CHECK(p.nameKana == "ﾐﾎﾝ ﾀﾛｳ");  // kept as entered for display
  CHECK(p.sex == Sex::Male);
  CHECK(p.birthDate == Date{1947y / 3 / 10});
  CHECK(failingFields(PatientFields{}) == std::vector<std::string>{"name", "name_kana", "sex", "birth_date"});
}

TEST_CASE("Each wrong patient field is reported with its Japanese label", "[patient]") {
  auto f = valid();
  f.nameKana = "見本";
  f.sex = "3";
  f.birthDate = "2027-01-01";
  f.postalCode = "12-34";
  try {
    makePatient(f, kToday);
    FAIL("expected ValidationFailed");
  } catch (const ValidationFailed& e) {
    const std::string what = e.what();
    CHECK(e.errors().size() == 4);
    CHECK(what.find("氏名カナ") != std::string::npos);
    CHECK(what.find("性別") != std::string::npos);
    CHECK(what.find("未来") != std::string::npos);
    CHECK(what.find("郵便番号") != std::string::npos);
  }
}

TEST_CASE("Postal code and phone are normalised", "[patient]") {
  auto f = valid();
  f.postalCode = "１２３４５６７";
  f.phone = "０３－１２３４－５６７８";
  f.sex = "女";
  const Patient p = makePatient(f, kToday);
  CHECK(p.postalCode == "123-4567");
  CHECK(p.phone == "03-1234-5678");
  CHECK(p.sex == Sex::Female);
}

TEST_CASE("Changing a patient validates the result and keeps untouched fields", "[patient]") {
  const Patient base = makePatient(valid(), kToday);
  PatientFields change;
  change.address = "見本県見本市1-2-3";
  const Patient changed = changePatient(base, change, kToday);
  CHECK(changed.address == "見本県見本市1-2-3");
  CHECK(changed.name == base.name);
  PatientFields bad;
  bad.name = "";
  CHECK_THROWS_AS(changePatient(base, bad, kToday), ValidationFailed);
}

TEST_CASE("Patient numbers and ages", "[patient]") {
  CHECK(parsePatientNumber("１２３") == 123);
  CHECK_THROWS_AS(parsePatientNumber("0"), ValidationFailed);
  CHECK_THROWS_AS(parsePatientNumber("12a"), ValidationFailed);
  CHECK_THROWS_AS(parsePatientNumber("12345678901"), ValidationFailed);
  CHECK(ageOn(1947y / 3 / 10, 2026y / 3 / 9) == 78);
  CHECK(ageOn(1947y / 3 / 10, 2026y / 3 / 10) == 79);
}
