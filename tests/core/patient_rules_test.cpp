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
  CHECK(p.nameKana == "ミホン　タロウ");  // typed ﾐﾎﾝ ﾀﾛｳ: stored as full-width katakana
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

TEST_CASE("Kana typed in hiragana or half-width katakana is stored as full-width katakana", "[patient][kana]") {
  auto f = valid();
  f.nameKana = "みほん　たろう";
  CHECK(makePatient(f, kToday).nameKana == "ミホン　タロウ");
  f.nameKana = " ﾐﾎﾝ  ﾀﾛｳ ";
  const Patient p = makePatient(f, kToday);
  CHECK(p.nameKana == "ミホン　タロウ");
  PatientFields change;
  change.nameKana = "ﾐﾎﾝ ｼﾞﾛｳ";
  CHECK(changePatient(p, change, kToday).nameKana == "ミホン　ジロウ");
}

TEST_CASE("Latin letters are refused in the kana field", "[patient][kana]") {
  auto f = valid();
  f.nameKana = "yamada";
  CHECK(failingFields(f) == std::vector<std::string>{"name_kana"});
  const Patient p = makePatient(valid(), kToday);
  PatientFields change;
  change.nameKana = "ﾐﾎﾝ taro";
  CHECK_THROWS_WITH(changePatient(p, change, kToday), Catch::Contains("氏名カナ") && Catch::Contains("英字"));
}

TEST_CASE("Hidden characters in a name or an address are refused naming their position", "[patient][text_input]") {
  auto f = valid();
  f.name = "見本\u202E太郎";
  f.address = "東京都\u200B千代田区";
  try {
    makePatient(f, kToday);
    FAIL("expected ValidationFailed");
  } catch (const ValidationFailed& e) {
    REQUIRE(e.errors().size() == 2);
    CHECK(e.errors()[0].field == "name");
    CHECK(e.errors()[0].message == "氏名の 3 文字目に見えない制御文字（U+202E）があります。入力し直してください。");
    CHECK(e.errors()[1].field == "address");
    CHECK(e.errors()[1].message == "住所の 4 文字目に見えない制御文字（U+200B）があります。入力し直してください。");
  }
  f = valid();
  f.nameKana = "ミホン\uFEFFタロウ";  // a BOM pasted into the kana: named once, as hidden
  CHECK(failingFields(f) == std::vector<std::string>{"name_kana"});
}

TEST_CASE("A patient name made of combining marks alone is refused", "[patient][text_input]") {
  auto f = valid();
  f.name = "\u0301\u0301";
  CHECK(failingFields(f) == std::vector<std::string>{"name"});
  f.name = "\u0308見本";
  CHECK(failingFields(f) == std::vector<std::string>{"name"});
}
