#include <catch2/catch.hpp>

#include "app/core/field_errors.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/demo_data.h"
#include "tests/support/temp_dir.h"

using namespace rececon;
using namespace std::chrono;

TEST_CASE("Demo patients are valid, varied and deterministic", "[import]") {
  const auto a = generateDemoPatients(200, 7, 2026y / 11 / 21);
  const auto b = generateDemoPatients(200, 7, 2026y / 11 / 21);
  REQUIRE(a.size() == 200);
  CHECK(a[17].patient.name == b[17].patient.name);
  test::TempDir dir;
  DataFolder folder(dir.path());
  PatientRegister reg(folder.database(), "demo");
  std::int64_t lastReported = 0;
  JobContext job([&](std::int64_t done, std::int64_t, const std::string&) { lastReported = done; });
  CHECK(reg.importPatients(a, job) == 200);
  CHECK(lastReported == 200);
  CHECK(reg.count() == 200);

  int withHistory = 0;
  int invalidNow = 0;
  for (std::int64_t n = 1; n <= 200; ++n) {
    const auto records = reg.insurances(n);
    REQUIRE_FALSE(records.empty());
    if (records.size() > 1) ++withHistory;
    if (records[0].state == InsuranceState::Invalid) ++invalidNow;
    // A patient who ever had a current record keeps it as the last valid number.
    const bool everValid = records.size() > 1 || records[0].state == InsuranceState::Current;
    CHECK(reg.patient(n).lastValid.has_value() == everValid);
  }
  CHECK(withHistory > 50);
  CHECK(invalidNow >= 1);

  // The imported records are the starting point: one history entry per patient, where it came from.
  const auto history = reg.history(1);
  REQUIRE(history.size() == 1);
  CHECK(history[0].entity == "patient");
  CHECK(history[0].action == "create");
  CHECK(history[0].fields.empty());
  // What is changed afterwards is recorded field by field, as always.
  PatientFields move;
  move.address = "見本県見本市9-9";
  reg.updatePatient(1, move, "転居");
  REQUIRE(reg.history(1).size() == 2);
  CHECK(reg.history(1)[1].fields.at(0).field == "address");
}

TEST_CASE("An import with one bad row writes nothing and names the row", "[import]") {
  auto rows = generateDemoPatients(5, 1, 2026y / 11 / 21);
  rows[3].insurances.at(0).branch = "1";
  test::TempDir dir;
  DataFolder folder(dir.path());
  PatientRegister reg(folder.database(), "demo");
  JobContext job;
  try {
    reg.importPatients(rows, job);
    FAIL("expected ValidationFailed");
  } catch (const ValidationFailed& e) {
    CHECK(std::string(e.what()).find("4行目 枝番") != std::string::npos);
  }
  CHECK(reg.count() == 0);
}

TEST_CASE("A cancelled import rolls back completely", "[import]") {
  const auto rows = generateDemoPatients(3000, 1, 2026y / 11 / 21);
  test::TempDir dir;
  DataFolder folder(dir.path());
  PatientRegister reg(folder.database(), "demo");
  JobContext* self = nullptr;
  JobContext job([&](std::int64_t done, std::int64_t, const std::string&) {
    if (done >= 2000) self->requestCancel();
  });
  self = &job;
  CHECK_THROWS_AS(reg.importPatients(rows, job), Cancelled);
  CHECK(reg.count() == 0);
}

TEST_CASE("An import that reuses a patient number writes nothing and names the row", "[import]") {
  auto rows = generateDemoPatients(4, 3, 2026y / 11 / 21);
  rows[0].number = 500;
  rows[2].number = 500;
  rows[3].patient.birthDate = "H31.5.1";
  test::TempDir dir;
  DataFolder folder(dir.path());
  PatientRegister reg(folder.database(), "migration");
  JobContext job;
  try {
    reg.importPatients(rows, job);
    FAIL("expected ValidationFailed");
  } catch (const ValidationFailed& e) {
    REQUIRE(e.errors().size() == 2);
    CHECK(e.errors()[0].label == "3行目 患者番号");
    CHECK(e.errors()[1].label == "4行目 生年月日");
  }
  CHECK(reg.count() == 0);
}

TEST_CASE("The demo register holds the simulator's people, each with the card the clinic holds", "[import]") {
  const auto rows = simPersonsAsPatients(resourcesDir() / "oqs-sim" / "persons.csv");
  REQUIRE(rows.size() >= 500);
  test::TempDir dir;
  DataFolder folder(dir.path());
  PatientRegister reg(folder.database(), "demo");
  JobContext job;
  CHECK(reg.importPatients(rows, job) == static_cast<std::int64_t>(rows.size()));
  PatientSearch twins;
  twins.kana = "ｲｶﾞﾗｼ";
  CHECK_FALSE(reg.search(twins).empty());
  const auto first = reg.insurances(1);
  REQUIRE(first.size() == 1);
  CHECK(first[0].state == InsuranceState::Current);
  CHECK(reg.patient(1).lastValid);
}

TEST_CASE("An import with many wrong rows lists the first of them and counts the rest", "[import]") {
  auto rows = generateDemoPatients(260, 2, 2026y / 11 / 21);
  for (std::size_t i = 10; i < rows.size(); ++i) rows[i].patient.birthDate = "昭和99年13月1日";
  test::TempDir dir;
  DataFolder folder(dir.path());
  PatientRegister reg(folder.database(), "migration");
  JobContext job;
  try {
    reg.importPatients(rows, job);
    FAIL("expected ValidationFailed");
  } catch (const ValidationFailed& e) {
    REQUIRE(e.errors().size() == PatientRegister::kMaxListedImportErrors + 1);
    CHECK(e.errors().front().label == "11行目 生年月日");
    CHECK(e.errors().back().message.find("ほかに 50 行") != std::string::npos);
    CHECK(e.errors().back().message.find("全 250 行") != std::string::npos);
  }
  CHECK(reg.count() == 0);
}

TEST_CASE("Patients are imported as a stream, with progress against the expected count", "[import]") {
  test::TempDir dir;
  DataFolder folder(dir.path());
  PatientRegister reg(folder.database(), "migration");
  DemoPatientStream rows(2500, 9, 2026y / 11 / 21);
  std::vector<std::int64_t> reported;
  std::int64_t announcedTotal = 0;
  JobContext job([&](std::int64_t done, std::int64_t total, const std::string&) {
    reported.push_back(done);
    announcedTotal = total;
  });
  CHECK(reg.importPatients(rows, job, "旧システムからの移行") == 2500);
  CHECK(reported == std::vector<std::int64_t>{1000, 2000, 2500});
  CHECK(announcedTotal == 2500);
  CHECK(reg.count() == 2500);
  // The same people as the rows held at once would give.
  CHECK(reg.patient(2500).name == generateDemoPatients(2500, 9, 2026y / 11 / 21).back().patient.name);
  CHECK(reg.history(1).at(0).reason == "旧システムからの移行");
}
