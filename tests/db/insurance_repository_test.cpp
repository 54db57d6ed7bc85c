#include <catch2/catch.hpp>

#include "app/core/error.h"
#include "db/insurance_repository.h"
#include "db/patient_repository.h"
#include "tests/support/temp_dir.h"

using namespace rececon;
using namespace std::chrono;

TEST_CASE("Insurance records are stored with every field and changed with a logged diff", "[insurance]") {
  test::TempDir dir;
  db::Database database(dir / "a.db");
  db::WriteTransaction tx(database);
  Patient p;
  p.name = "見本　太郎";
  p.nameKana = "ミホン タロウ";
  p.birthDate = 1947y / 3 / 10;
  const auto number = db::PatientRepository(database).insert(p, {"clerk", "t"});

  InsuranceRecord r;
  r.patientNumber = number;
  r.insured = {"06139992", "見本", "1234", "01"};
  r.relationship = Relationship::Self;
  r.insuredName = "見本　太郎";
  r.validFrom = 2024y / 4 / 1;
  r.copayPercent = 30;
  r.elderlyCopayPercent = 20;
  r.elderlyValidTo = 2027y / 7 / 31;
  r.cardClassification = "01";
  r.insurerName = "見本健康保険組合";
  db::InsuranceRepository records(database);
  r.id = records.insert(r, {"clerk", "登録"});

  const InsuranceRecord stored = records.get(r.id);
  CHECK(stored.insured == r.insured);
  CHECK(stored.relationship == Relationship::Self);
  CHECK(stored.validFrom == r.validFrom);
  CHECK_FALSE(stored.validTo);
  CHECK(stored.copayPercent == 30);
  CHECK(stored.elderlyValidTo == r.elderlyValidTo);
  CHECK(stored.state == InsuranceState::Current);
  CHECK_FALSE(stored.createdAt.empty());

  InsuranceRecord changed = stored;
  changed.insured.branch = "02";
  changed.state = InsuranceState::Invalid;
  CHECK(records.update(changed, {"clerk2", "資格確認の結果"}));
  CHECK(records.get(r.id).insured.branch == "02");
  tx.commit();

  const auto log = db::ChangeLog(database).forPatient(number);
  REQUIRE(log.size() == 3);
  CHECK(log[2].entity == "insurance");
  CHECK(log[2].entityId == r.id);
  REQUIRE(log[2].fields.size() == 2);
  CHECK(log[2].fields[0].field == "branch");
  CHECK(log[2].fields[0].oldValue == std::optional<std::string>("01"));
  CHECK(log[2].fields[1].field == "state");
  CHECK(log[2].fields[1].newValue == std::optional<std::string>("invalid"));
  CHECK(records.forPatient(number).size() == 1);
  CHECK_THROWS_AS(records.get(999), NotFound);
}

TEST_CASE("An insurance record for an unknown patient violates the foreign key", "[insurance]") {
  test::TempDir dir;
  db::Database database(dir / "a.db");
  db::WriteTransaction tx(database);
  InsuranceRecord r;
  r.patientNumber = 42;
  r.insured = {"06139992", "", "1", ""};
  CHECK_THROWS_AS(db::InsuranceRepository(database).insert(r, {"clerk", "t"}), InternalError);
}
