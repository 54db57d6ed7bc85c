// A bulk load (a migration): numbers checked without a query per patient, every byte of a value arriving
// as given (PostgreSQL's COPY has its own escaping), and the indexes a large load drops made again.
// Runs on both engines.

#include <catch2/catch.hpp>

#include <algorithm>

#include "app/core/error.h"
#include "db/insurance_repository.h"
#include "db/patient_bulk_load.h"
#include "db/patient_repository.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

using namespace rececon;
using namespace std::chrono;

namespace {

Patient person(const std::string& kana) {
  Patient p;
  p.name = "見本　太郎";
  p.nameKana = kana;
  p.sex = Sex::Male;
  p.birthDate = 1950y / 1 / 1;
  return p;
}

const db::ChangeContext kMigration{"migration", "旧システムからの移行", "受付1", true};

std::vector<std::string> indexNames(db::Database& db, const std::string& table) {
  std::vector<std::string> names;
  for (const auto& index : db.connection().secondaryIndexes(table)) names.push_back(index.name);
  return names;
}

}  // namespace

TEST_CASE("A bulk load numbers patients as a registration does and refuses a number in use", "[bulk-load]") {
  test::TempDir dir;
  db::Database db(test::testDatabase(dir / "a.db"));
  {
    db::WriteTransaction tx(db);
    Patient five = person("ミホン");
    five.number = 5;
    db::PatientRepository(db).insert(five, kMigration);
    tx.commit();
  }
  db::WriteTransaction tx(db);
  db::PatientBulkLoad load(db, kMigration, 10);
  CHECK(load.claimNumber(0) == 6);
  CHECK(load.claimNumber(3) == 3);
  CHECK_THROWS_AS(load.claimNumber(3), InvalidInput);  // earlier in this load
  CHECK_THROWS_AS(load.claimNumber(5), InvalidInput);  // in the register
  CHECK_THROWS_AS(load.claimNumber(6), InvalidInput);  // numbered in this load
  CHECK(load.claimNumber(100) == 100);
  CHECK(load.claimNumber(0) == 101);
  CHECK(load.claimNumber(50) == 50);
  CHECK_THROWS_AS(load.claimNumber(50), InvalidInput);
}

TEST_CASE("Values written in bulk arrive byte for byte, empty and missing ones too", "[bulk-load]") {
  test::TempDir dir;
  db::Database db(test::testDatabase(dir / "a.db"));
  const std::string awkward = "タブ\tと改行\nと\\N、\\t、戻り\r、\"引用\"、'単引用' 𠮷";
  Patient p = person("ミホン タロウ");
  p.notes = awkward;
  p.address = "";
  p.lastValid = InsuredNumber{"06139992", "記号\t1", "番号\\2", ""};
  InsuranceRecord r;
  r.insured = {"06139992", "記号\t1", "番号\\2", ""};
  r.insuredName = awkward;
  r.copayPercent = 30;
  r.state = InsuranceState::Current;  // relationship, dates and elderly fields missing
  {
    db::WriteTransaction tx(db);
    db::PatientBulkLoad load(db, kMigration, 1);
    p.number = load.claimNumber(0);
    load.add(p, {r});
    load.finish();
    tx.commit();
  }
  const Patient back = db::PatientRepository(db).get(p.number);
  CHECK(back.notes == awkward);
  CHECK(back.address.empty());
  REQUIRE(back.lastValid);
  CHECK(back.lastValid->symbol == "記号\t1");
  CHECK(back.lastValid->number == "番号\\2");
  const auto records = db::InsuranceRepository(db).forPatient(p.number);
  REQUIRE(records.size() == 1);
  CHECK(records[0].insuredName == awkward);
  CHECK_FALSE(records[0].relationship);
  CHECK_FALSE(records[0].validFrom);
  CHECK(records[0].copayPercent == 30);
  CHECK(records[0].version.number == 1);
  CHECK(records[0].version.changedOn == "受付1");
}

TEST_CASE("A large load makes the indexes it dropped again, and a failed one leaves them as they were", "[bulk-load]") {
  test::TempDir dir;
  db::Database db(test::testDatabase(dir / "a.db"));
  const auto patientIndexes = indexNames(db, "patient");
  const auto insuranceIndexes = indexNames(db, "insurance");
  REQUIRE(std::count(patientIndexes.begin(), patientIndexes.end(), "patient_kana_key") == 1);
  {
    db::WriteTransaction tx(db);
    db::PatientBulkLoad load(db, kMigration, db::PatientBulkLoad::kRebuildIndexesFrom);
    const auto during = indexNames(db, "patient");
    CHECK(std::count(during.begin(), during.end(), "patient_kana_key") == 0);
    // Led by the patient number, which a load appends in order: kept.
    const auto insuranceDuring = indexNames(db, "insurance");
    CHECK(std::count(insuranceDuring.begin(), insuranceDuring.end(), "insurance_patient") == 1);
    // Rolled back without finish(): the drop goes with it.
  }
  CHECK(indexNames(db, "patient") == patientIndexes);
  {
    db::WriteTransaction tx(db);
    db::PatientBulkLoad load(db, kMigration, db::PatientBulkLoad::kRebuildIndexesFrom);
    Patient p = person("カクウ ハナコ");
    p.number = load.claimNumber(0);
    load.add(p, {});
    load.finish();
    tx.commit();
  }
  CHECK(indexNames(db, "patient") == patientIndexes);
  CHECK(indexNames(db, "insurance") == insuranceIndexes);
  db::PatientQuery byKana;
  byKana.kanaPrefix = "カクウ";
  CHECK(db::PatientRepository(db).search(byKana).size() == 1);
}
