#include <catch2/catch.hpp>

#include "app/core/error.h"
#include "db/patient_repository.h"
#include "tests/support/temp_dir.h"

using namespace rececon;
using namespace std::chrono;

namespace {

Patient person(const std::string& name, const std::string& kana, Date birth) {
  Patient p;
  p.name = name;
  p.nameKana = kana;
  p.sex = Sex::Male;
  p.birthDate = birth;
  return p;
}

struct Fixture {
  test::TempDir dir;
  db::Database database{dir / "a.db"};
  db::PatientRepository patients{database};
  const db::ChangeContext who{"clerk1", "テスト"};

  std::int64_t add(const Patient& p) {
    db::WriteTransaction tx(database);
    const auto n = patients.insert(p, who);
    tx.commit();
    return n;
  }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "Patient numbers are assigned in order or taken as given", "[patients]") {
  CHECK(add(person("見本　一郎", "ミホン イチロウ", 1950y / 1 / 1)) == 1);
  CHECK(add(person("見本　二郎", "ミホン ジロウ", 1952y / 2 / 2)) == 2);
  auto migrated = person("架空　花子", "カクウ ハナコ", 1960y / 3 / 3);
  migrated.number = 10045;
  CHECK(add(migrated) == 10045);
  CHECK(add(person("架空　次郎", "カクウ ジロウ", 1961y / 4 / 4)) == 10046);
  CHECK_THROWS_AS(add(migrated), InvalidInput);
  CHECK(patients.count() == 4);
}

TEST_CASE_METHOD(Fixture, "Kana prefix search finds any kana form and ignores spaces", "[patients]") {
  add(person("見本　太郎", "ミホン タロウ", 1947y / 3 / 10));
  add(person("見本　花子", "みほん はなこ", 1950y / 5 / 5));
  add(person("三保　健", "ﾐﾎ ｹﾝ", 1970y / 7 / 7));
  add(person("架空　太郎", "カクウ タロウ", 1947y / 3 / 10));

  const auto byHalfWidth = patients.search({"ﾐﾎﾝ", std::nullopt, std::nullopt, 100});
  REQUIRE(byHalfWidth.size() == 2);
  CHECK(byHalfWidth[0].name == "見本　太郎");  // ミホンタロウ < ミホンハナコ
  CHECK(byHalfWidth[1].name == "見本　花子");
  CHECK(patients.search({"みほ", std::nullopt, std::nullopt, 100}).size() == 3);
  CHECK(patients.search({"ミホンハ", std::nullopt, std::nullopt, 100}).size() == 1);
  CHECK(patients.search({"ミホン ハ", std::nullopt, std::nullopt, 100}).size() == 1);
  CHECK(patients.search({"ン", std::nullopt, std::nullopt, 100}).empty());  // prefix, not substring
  CHECK(patients.search({"", std::nullopt, Date{1947y / 3 / 10}, 100}).size() == 2);
  CHECK(patients.search({"カ", std::nullopt, Date{1947y / 3 / 10}, 100}).size() == 1);
  CHECK(patients.search({"", std::int64_t{3}, std::nullopt, 100}).at(0).name == "三保　健");
  CHECK(patients.search({"ミ", std::nullopt, std::nullopt, 1}).size() == 1);
}

TEST_CASE_METHOD(Fixture, "Updating a patient logs old and new values with operator and reason", "[patients]") {
  const auto n = add(person("見本　太郎", "ミホン タロウ", 1947y / 3 / 10));
  Patient changed = patients.get(n);
  changed.address = "見本県見本市1-1";
  changed.nameKana = "ミホン タロー";
  {
    db::WriteTransaction tx(database);
    CHECK(patients.update(changed, {"clerk2", "転居"}));
    CHECK_FALSE(patients.update(changed, {"clerk2", "同じ内容"}));
    tx.commit();
  }
  CHECK(patients.search({"ミホンタロー", std::nullopt, std::nullopt, 10}).size() == 1);
  const auto log = db::ChangeLog(database).forPatient(n);
  REQUIRE(log.size() == 2);
  CHECK(log[0].action == "create");
  CHECK(log[1].operatorId == "clerk2");
  CHECK(log[1].reason == "転居");
  REQUIRE(log[1].fields.size() == 2);
  CHECK(log[1].fields[0].field == "address");
  CHECK_FALSE(log[1].fields[0].oldValue.value_or("").size());
  CHECK(log[1].fields[1].field == "name_kana");
  CHECK(log[1].fields[1].oldValue == std::optional<std::string>("ミホン タロウ"));
  CHECK(log[1].fields[1].newValue == std::optional<std::string>("ミホン タロー"));
}

TEST_CASE_METHOD(Fixture, "Unknown patients and missing operators are refused", "[patients]") {
  CHECK_THROWS_AS(patients.get(99), NotFound);
  Patient ghost = person("幽霊", "ユウレイ", 1900y / 1 / 1);
  ghost.number = 99;
  db::WriteTransaction tx(database);
  CHECK_THROWS_AS(patients.update(ghost, who), NotFound);
  CHECK_THROWS_AS(patients.insert(ghost, {"", "no operator"}), InvalidInput);
}
