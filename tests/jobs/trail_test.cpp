// The tamper-evident trail: what registers write is sealed as it is written (a bulk import included), and
// `audit verify` finds each kind of tampering — a changed byte, a deleted row, an inserted row, an
// altered link, a truncated tail. Runs on both engines.

#include <catch2/catch.hpp>

#include "app/jobs/data_folder.h"
#include "app/jobs/demo_data.h"
#include "app/jobs/trail_check.h"
#include "db/audit_log.h"
#include "db/patient_bulk_load.h"
#include "db/sql_statement.h"
#include "tests/support/temp_dir.h"

using namespace rececon;
using namespace std::chrono;

namespace {

struct History {
  test::TempDir dir;
  DataFolder folder{dir.path()};
  PatientRegister reg{folder.database(), "clerk1"};

  History() {
    JobContext job;
    reg.importPatients(generateDemoPatients(30, 4, 2026y / 11 / 21), job, "旧システムから");
    PatientFields moved;
    moved.address = "見本県見本市1-2-3";
    reg.updatePatient(3, moved, "転居");
    db::WriteTransaction tx(folder.database());
    db::AuditLog(folder.database()).append("clerk1", "fallback_on", std::nullopt, std::nullopt, "停電");
    tx.commit();
  }

  void sql(const std::string& statement) { folder.database().prepare(statement).run(); }
};

}  // namespace

TEST_CASE_METHOD(History, "An untouched trail verifies, and its head is kept outside the register", "[trail]") {
  const db::TrailVerdict v = verifyTrail(folder);
  INFO(v.finding);
  CHECK(v.intact);
  CHECK(v.links >= 3);  // the import's flush, the change, the audit entry
  const auto head = db::readTrailHead(folder.dir());
  REQUIRE(head);
  CHECK(head->seq == v.head.seq);
  CHECK(std::filesystem::exists(folder.dir() / "trail.key"));
  CHECK((std::filesystem::status(folder.dir() / "trail.key").permissions() & std::filesystem::perms::group_read) ==
        std::filesystem::perms::none);
}

TEST_CASE_METHOD(History, "audit verify finds each kind of tampering", "[trail]") {
  REQUIRE(verifyTrail(folder).intact);
  SECTION("one byte changed in a row") {
    sql("UPDATE change_log SET reason = '転居!' WHERE reason = '転居'");
    const auto v = verifyTrail(folder);
    CHECK_FALSE(v.intact);
    CHECK(v.finding.find("変更されています") != std::string::npos);
  }
  SECTION("an old value changed in the fields of an entry") {
    sql("UPDATE change_field SET new_value = '見本県見本市9-9-9' WHERE field = 'address' AND new_value = '見本県見本市1-2-3'");
    CHECK(verifyTrail(folder).finding.find("変更されています") != std::string::npos);
  }
  SECTION("a row deleted") {
    sql("DELETE FROM audit_log WHERE action = 'fallback_on'");
    CHECK(verifyTrail(folder).finding.find("削除されています") != std::string::npos);
  }
  SECTION("a row inserted") {
    sql("INSERT INTO change_log (patient_number, entity, entity_id, action, operator, changed_at, reason)"
        " VALUES (5, 'patient', 5, 'update', 'dr.admin', '2026-11-21T09:00:00+09:00', '訂正')");
    CHECK(verifyTrail(folder).finding.find("証跡のない行") != std::string::npos);
  }
  SECTION("a link altered") {
    sql("UPDATE trail_link SET at = '2026-01-01T00:00:00+09:00' WHERE seq = 2");
    CHECK(verifyTrail(folder).finding.find("証跡 2") != std::string::npos);
    CHECK(verifyTrail(folder).finding.find("書き換えられています") != std::string::npos);
  }
  SECTION("a row inserted in the fields of an entry") {
    sql("INSERT INTO change_field (change_id, field, old_value, new_value)"
        " SELECT MAX(id), 'birth_date', '1950-01-01', '1951-01-01' FROM change_log");
    CHECK(verifyTrail(folder).finding.find("変更されています") != std::string::npos);
  }
  SECTION("the tail truncated: the newest rows and their links gone") {
    sql("DELETE FROM audit_log WHERE action = 'fallback_on'");
    sql("DELETE FROM trail_link WHERE seq = (SELECT MAX(seq) FROM trail_link)");
    const auto v = verifyTrail(folder);
    CHECK_FALSE(v.intact);
    CHECK(v.finding.find("切り詰められています") != std::string::npos);
  }
}

TEST_CASE("A bulk load's links, made from the rows as written, verify over several flushes", "[trail]") {
  test::TempDir dir;
  DataFolder folder(dir.path());
  JobContext job;
  const auto rows = generateDemoPatients(static_cast<std::int64_t>(db::PatientBulkLoad::kPatientsPerFlush) * 2 + 10, 6,
                                         2026y / 11 / 21);
  PatientRegister(folder.database(), "migration").importPatients(rows, job, "旧システムから");
  const db::TrailVerdict v = verifyTrail(folder);
  INFO(v.finding);
  CHECK(v.intact);
  CHECK(v.links == 3);
}
