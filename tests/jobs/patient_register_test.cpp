#include <catch2/catch.hpp>

#include <algorithm>

#include "app/core/error_catalog.h"
#include "app/core/field_errors.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/returned_qualification.h"
#include "app/jobs/terminal_identity.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

using namespace rececon;

namespace {

struct Fixture {
  test::TempDir dir;
  DataFolder folder{dir.path() / "データ"};
  PatientRegister reg{folder.database(), "clerk1"};

  std::int64_t addPatient() {
    PatientFields f;
    f.name = "見本　太郎";
    f.nameKana = "ミホン タロウ";
    f.sex = "1";
    f.birthDate = "S22.3.10";
    return reg.addPatient(f, std::nullopt).number;
  }

  static InsuranceFields insurance(const std::string& insurer, const std::string& number, const std::string& branch) {
    InsuranceFields f;
    f.insurerNumber = insurer;
    f.number = number;
    f.branch = branch;
    return f;
  }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "The data folder is created on first use", "[register]") {
  CHECK(folder.isNew());
  if (!test::onPostgres()) CHECK(std::filesystem::exists(folder.databaseFile()));
  DataFolder again(dir.path() / "データ");
  CHECK_FALSE(again.isNew());
}

TEST_CASE_METHOD(Fixture, "A new current record supersedes the previous one and becomes the last valid number",
                 "[register]") {
  const auto n = addPatient();
  CHECK_FALSE(reg.patient(n).lastValid);
  const auto first = reg.addInsurance(n, insurance("06139992", "100", "01"));
  const auto second = reg.addInsurance(n, insurance("01130012", "200", "02"));

  const auto records = reg.insurances(n);
  REQUIRE(records.size() == 2);
  CHECK(records[0].id == second.id);
  CHECK(records[0].state == InsuranceState::Current);
  CHECK(records[1].id == first.id);
  CHECK(records[1].state == InsuranceState::Superseded);
  CHECK(reg.patient(n).lastValid == InsuredNumber{"01130012", "", "200", "02"});
  CHECK(reg.currentInsurance(n)->id == second.id);
}

TEST_CASE_METHOD(Fixture, "The last valid number survives when the current record turns invalid", "[register]") {
  const auto n = addPatient();
  const auto valid = reg.addInsurance(n, insurance("06139992", "100", "01"));
  InsuranceFields invalidate;
  invalidate.state = "invalid";
  reg.updateInsurance(valid.id, invalidate, "資格喪失");
  CHECK(reg.patient(n).lastValid == InsuredNumber{"06139992", "", "100", "01"});

  // An invalid record arriving later does not replace the last valid number either.
  auto later = insurance("01130012", "300", "03");
  later.state = "invalid";
  const auto invalidRecord = reg.addInsurance(n, later);
  CHECK(reg.patient(n).lastValid == InsuredNumber{"06139992", "", "100", "01"});
  CHECK(reg.currentInsurance(n)->id == invalidRecord.id);
}

TEST_CASE_METHOD(Fixture, "Correcting the numbers of the current record updates the last valid number",
                 "[register]") {
  const auto n = addPatient();
  const auto r = reg.addInsurance(n, insurance("06139992", "100", "01"));
  InsuranceFields fix;
  fix.branch = "02";
  reg.updateInsurance(r.id, fix, "枝番の訂正");
  CHECK(reg.patient(n).lastValid->branch == "02");
}

TEST_CASE_METHOD(Fixture, "Every change is in the history with operator and reason", "[register]") {
  const auto n = addPatient();
  PatientFields move;
  move.address = "見本県見本市2-2";
  reg.updatePatient(n, move, "転居の届出");
  reg.addInsurance(n, insurance("06139992", "100", "01"));
  const auto history = reg.history(n);
  REQUIRE(history.size() == 4);  // patient created, changed; insurance created; last valid recorded
  for (const auto& e : history) CHECK(e.operatorId == "clerk1");
  CHECK(history[1].reason == "転居の届出");
  CHECK(history[2].entity == "insurance");
  CHECK(history[3].fields.at(0).field == "last_valid_branch");
}

TEST_CASE_METHOD(Fixture, "Invalid input writes nothing", "[register]") {
  const auto n = addPatient();
  const auto before = reg.history(n).size();
  CHECK_THROWS_AS(reg.addInsurance(n, insurance("06139990", "100", "01")), ValidationFailed);
  CHECK_THROWS_AS(reg.addInsurance(n, insurance("06139992", "100", "1A")), ValidationFailed);
  CHECK_THROWS_AS(reg.addInsurance(n, insurance("06139992", "100", "1")), ValidationFailed);
  PatientFields bad;
  bad.birthDate = "H31.5.1";
  CHECK_THROWS_AS(reg.updatePatient(n, bad), ValidationFailed);
  CHECK_THROWS_AS(reg.addInsurance(777, insurance("06139992", "100", "01")), NotFound);
  CHECK(reg.insurances(n).empty());
  CHECK(reg.history(n).size() == before);
  CHECK(reg.count() == 1);
}

TEST_CASE_METHOD(Fixture, "Search takes kana in any form, patient numbers and 和暦 birth dates", "[register]") {
  const auto n = addPatient();
  PatientSearch s;
  s.kana = "ﾐﾎﾝ";
  CHECK(reg.search(s).at(0).number == n);
  s = {};
  s.birth = "昭和22年3月10日";
  CHECK(reg.search(s).size() == 1);
  s.birth = "S22.3.11";
  CHECK(reg.search(s).empty());
  s.birth = "そのうち";
  CHECK_THROWS_AS(reg.search(s), ValidationFailed);
}

TEST_CASE("The search box tells numbers, dates and kana apart", "[register]") {
  CHECK(interpretSearchText("１２３").number == "123");
  CHECK(interpretSearchText("S22.3.10").birth == "S22.3.10");
  CHECK(interpretSearchText("昭和22年3月10日").birth == "昭和22年3月10日");
  CHECK(interpretSearchText("ﾐﾎﾝ").kana == "ﾐﾎﾝ");
  CHECK(interpretSearchText("みほん たろう").kana == "みほん たろう");
  const auto empty = interpretSearchText("  ");
  CHECK((empty.kana.empty() && empty.number.empty() && empty.birth.empty()));
}

TEST_CASE("A new patient and the insurance on their card are stored together or not at all", "[register]") {
  test::TempDir dir;
  DataFolder folder(dir.path() / "data");
  PatientRegister reg(folder.database(), "clerk1");
  InsuranceFields card;
  card.insurerNumber = "06993877";
  card.symbol = "見本";
  card.number = "1234";
  card.branch = "1";  // not two digits
  PatientFields person{"山田　花子", "", "2", "S50.4.1", "", "", "", ""};  // no kana
  try {
    reg.addPatientWithInsurance(person, card);
    FAIL("accepted");
  } catch (const ValidationFailed& e) {
    std::vector<std::string> fields;
    for (const auto& err : e.errors()) fields.push_back(err.field);
    CHECK(std::find(fields.begin(), fields.end(), "name_kana") != fields.end());
    CHECK(std::find(fields.begin(), fields.end(), "branch") != fields.end());
  }
  CHECK(reg.count() == 0);

  person.nameKana = "ヤマダ ハナコ";
  card.branch = "01";
  const Patient p = reg.addPatientWithInsurance(person, card);
  CHECK(reg.count() == 1);
  const auto current = reg.currentInsurance(p.number);
  REQUIRE(current);
  CHECK(current->insured.branch == "01");
  REQUIRE(reg.patient(p.number).lastValid);
  CHECK(reg.patient(p.number).lastValid->number == "1234");
}

TEST_CASE("A patient's changes and the new card they brought are stored together or not at all", "[register]") {
  test::TempDir dir;
  DataFolder folder(dir.path() / "data");
  PatientRegister reg(folder.database(), "clerk1");
  InsuranceFields oldCard;
  oldCard.insurerNumber = "06993877";
  oldCard.number = "1234";
  oldCard.branch = "01";
  const Patient p = reg.addPatientWithInsurance({"山田　花子", "ヤマダ ハナコ", "2", "S50.4.1", "", "", "", ""}, oldCard);

  PatientFields changes;
  changes.address = "見本県見本市1-2-3";
  changes.birthDate = "S50.13.1";  // no 13th month
  InsuranceFields newCard;
  newCard.insurerNumber = "138057";
  newCard.number = "5678";
  newCard.branch = "2";  // not two digits
  try {
    reg.updatePatientWithInsurance(p.number, changes, newCard, "受付で患者情報と新しい保険証を登録");
    FAIL("accepted");
  } catch (const ValidationFailed& e) {
    std::vector<std::string> fields;
    for (const auto& err : e.errors()) fields.push_back(err.field);
    CHECK(std::find(fields.begin(), fields.end(), "birth_date") != fields.end());
    CHECK(std::find(fields.begin(), fields.end(), "branch") != fields.end());
  }
  CHECK(reg.patient(p.number).address.empty());  // nothing written
  CHECK(reg.insurances(p.number).size() == 1);

  changes.birthDate.reset();
  newCard.branch = "02";
  const Patient saved = reg.updatePatientWithInsurance(p.number, changes, newCard, "受付で患者情報と新しい保険証を登録");
  CHECK(saved.address == "見本県見本市1-2-3");
  const auto current = reg.currentInsurance(p.number);
  REQUIRE(current);
  CHECK(current->insured.insurerNumber == "138057");
  CHECK(reg.insurances(p.number).size() == 2);  // the old card kept as history
  REQUIRE(reg.patient(p.number).lastValid);
  CHECK(reg.patient(p.number).lastValid->number == "5678");
}

TEST_CASE_METHOD(Fixture, "Kana typed in hiragana or half-width katakana is stored and listed as full-width katakana",
                 "[register][kana]") {
  PatientFields f;
  f.name = "見本　花子";
  f.nameKana = "みほん　はなこ";
  f.sex = "2";
  f.birthDate = "S50.4.1";
  const auto hanako = reg.addPatient(f, std::nullopt).number;
  f.name = "見本　次郎";
  f.nameKana = "ﾐﾎﾝ ｼﾞﾛｳ";
  f.sex = "1";
  const auto jiro = reg.addPatient(f, std::nullopt).number;
  CHECK(reg.patient(hanako).nameKana == "ミホン　ハナコ");
  CHECK(reg.patient(jiro).nameKana == "ミホン　ジロウ");

  PatientFields change;
  change.nameKana = "ﾐﾎﾝ ﾊﾅｺ";
  reg.updatePatient(hanako, change);
  CHECK(reg.patient(hanako).nameKana == "ミホン　ハナコ");
  for (const Patient& p : reg.list(0, 10)) CHECK(p.nameKana.find("ﾐ") == std::string::npos);
  CHECK(reg.search(interpretSearchText("ﾐﾎﾝ")).size() == 2);  // the search key still folds every script
}

TEST_CASE_METHOD(Fixture, "Latin letters in the kana, or a hidden character in the address, store nothing",
                 "[register][kana][text_input]") {
  PatientFields f;
  f.name = "山田　太郎";
  f.nameKana = "yamada";
  f.sex = "1";
  f.birthDate = "S22.3.10";
  CHECK_THROWS_AS(reg.addPatient(f, std::nullopt), ValidationFailed);
  f.nameKana = "ヤマダ タロウ";
  f.address = "東京都\u200B千代田区";
  CHECK_THROWS_WITH(reg.addPatient(f, std::nullopt), Catch::Contains("住所の 4 文字目"));
  CHECK(reg.count() == 0);
}

TEST_CASE_METHOD(Fixture, "A returned half-width kana is read in the register's form: the same reading is no difference",
                 "[register][kana]") {
  const Patient held = reg.patient(addPatient());  // typed ミホン タロウ, stored ミホン　タロウ
  linkage::Qualification q;
  q.nameKana = "ﾐﾎﾝ ﾀﾛｳ";
  ReturnedQualification same = returnedFrom(q);
  same.birthDate = held.birthDate;
  CHECK(same.nameKana == "ミホン　タロウ");
  const auto comparison = compareWithRegister(held, std::nullopt, same);
  const auto kana = std::find_if(comparison.begin(), comparison.end(), [](const auto& c) { return c.field == "name_kana"; });
  REQUIRE(kana != comparison.end());
  CHECK_FALSE(kana->differs());
  q.nameKana = "ﾐﾎﾝ ｼﾞﾛｳ";
  Patient taken = held;
  InsuranceRecord record;
  REQUIRE(takeField("name_kana", returnedFrom(q), taken, record));
  CHECK(taken.nameKana == "ミホン　ジロウ");  // taken into the register in its form, not as ﾊﾝｶｸ
}

TEST_CASE_METHOD(Fixture, "A change made on another terminal's older view is refused and names that terminal", "[register][terminals]") {
  const auto n = addPatient();
  // A second terminal: its own connection to the same register.
  DataFolder second(dir.path() / "データ");
  PatientRegister other{second.database(), "clerk2"};
  const Patient seenHere = reg.patient(n);
  const Patient seenThere = other.patient(n);
  CHECK(seenHere.version.number == 1);

  PatientFields move;
  move.address = "見本県見本市2-2";
  move.seenVersion = seenThere.version.number;
  other.updatePatient(n, move, "転居");  // the other terminal saves first
  CHECK(reg.patient(n).version.number == 2);
  CHECK(reg.patient(n).version.changedOn == hostName());

  PatientFields rename;
  rename.name = "見本　次郎";
  rename.seenVersion = seenHere.version.number;  // still the view from before the move
  try {
    reg.updatePatient(n, rename, "改姓");
    FAIL("a save on a stale view was accepted");
  } catch (const InvalidInput& e) {
    CHECK(e.code() == kPatientChangedElsewhere);
    CHECK_THAT(std::string(e.what()), Catch::Contains("ほかの端末（" + hostName() + "、") &&
                                          Catch::Contains("がこの患者を変更しました。読み直してください"));
  }
  const Patient now = reg.patient(n);
  CHECK(now.name == "見本　太郎");        // nothing of the stale save was written
  CHECK(now.address == "見本県見本市2-2");  // and the newer change is kept
  rename.seenVersion = now.version.number;  // read again, then saved
  CHECK(reg.updatePatient(n, rename, "改姓").name == "見本　次郎");

  const auto record = reg.addInsurance(n, insurance("06139992", "100", "01"));
  InsuranceFields fix;
  fix.symbol = "A";
  fix.seenVersion = record.version.number;
  other.updateInsurance(record.id, fix, "記号の訂正");
  InsuranceFields stale;
  stale.symbol = "B";
  stale.seenVersion = record.version.number;
  try {
    reg.updateInsurance(record.id, stale, "記号の訂正");
    FAIL("a stale insurance save was accepted");
  } catch (const InvalidInput& e) {
    CHECK(e.code() == kInsuranceChangedElsewhere);
  }
}
