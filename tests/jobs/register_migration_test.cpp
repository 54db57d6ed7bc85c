// Growing from one PC: a SQLite register copied into an empty PostgreSQL database. The copying tests run
// in the suite's PostgreSQL run only (the plain run has no server to copy to) and return at once
// otherwise.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <set>

#include "app/core/error.h"
#include "app/jobs/appointment_book.h"
#include "app/jobs/bulk_precheck.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/demo_data.h"
#include "app/jobs/fallback_reception.h"
#include "app/jobs/linkage_result_store.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/register_migration.h"
#include "app/jobs/request_journal_store.h"
#include "app/jobs/site_settings.h"
#include "linkage/file_transfer.h"
#include "linkage/message_codec.h"
#include "linkage/messages.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

using namespace rececon;

namespace {

const Date kToday = std::chrono::year(2026) / 11 / 21;
const Date kNight = std::chrono::year(2026) / 11 / 24;

// Bytes no text column could hold: a NUL, 0xff, and Shift_JIS below.
const std::string kRequestBytes = std::string("<?xml version=\"1.0\"?>\0\xff\x01 request", 32);

// A one-PC register as a clinic has it after a while: patients with insurance history and their change
// log, settings, a request journal, a card result with its raw Shift_JIS file, a stand-alone period with
// its visits, 4-item capture and audit log, appointments and a nightly bulk run.
struct OnePc {
  test::TempDir dir;
  // The data folder's own SQLite file, whatever this run's RECECON_DATABASE says.
  DataFolder folder{dir / "受付データ", (dir / "受付データ" / "rececon.db").string()};
  db::Database& db = folder.database();
  std::vector<std::int64_t> patients;

  OnePc() {
    PatientRegister reg(db, "clerk1");
    JobContext job;
    reg.importPatients(generateDemoPatients(120, 5, kToday), job, "デモデータ");
    for (const auto& p : reg.list(0, 1000)) patients.push_back(p.number);
    PatientFields moved;  // an edit after the import: its fields go to change_field
    moved.address = "見本県見本市1-2-3";
    reg.updatePatient(patients.front(), moved, "転居");
    SiteSettings(db).set("institution_code", "9919999999", "admin");

    linkage::RequestRecord request;
    request.fileName = "OQSsiquc01req_202611210001.xml";
    request.fileIdentifier = "T1-0001";
    request.requestBytes = kRequestBytes;
    request.createdAt = 1795000000;
    request.deadline = 1795000060;
    DatabaseRequestJournal(db).add(request);

    linkage::QualificationResult r;
    r.header.processExecutionTime = "20261121093016";
    r.header.institutionCode = "9919999999";
    r.header.segmentOfResult = "1";
    r.header.characterCode = "1";
    r.processingStatus = "1";
    r.validity = "1";
    linkage::Qualification q;
    q.name = "架空　花子";
    q.nameKana = "ｶｸｳ ﾊﾅｺ";
    q.insurerNumber = "06999999";
    r.qualifications.push_back(q);
    linkage::IncomingFile face;
    face.path = dir / "OQSsiquc01res_face_20261121093016.xml";
    face.bytes = linkage::encodeMessage(linkage::toXml(r), linkage::Encoding::ShiftJis);
    face.hash = linkage::contentHash(face.bytes);
    face.message = linkage::decodeMessage(face.bytes, face.path.filename().string());
    LinkageResultStore(db).onFaceResult(face);

    FallbackReception reception(db, "clerk1");
    reception.enter("連携アプリ停止");
    reception.registerVisit({patients.at(3), std::nullopt, std::nullopt});
    reception.capture({"山田　花子", std::nullopt, "女", "S50.4.1", "東京都千代田区", std::nullopt}, std::nullopt);
    reception.leave("復旧");

    std::vector<std::int64_t> booked(patients.begin(), patients.begin() + 40);
    AppointmentBook(db, "clerk1").addAll(demoAppointments(booked, kNight), "test");
    linkage::ExchangeConfig config;
    config.reqDir = dir / "req";
    config.resDir = dir / "res";
    config.faceDir = dir / "face";
    config.archiveDir = dir / "archive";
    config.quarantineDir = dir / "quarantine";
    config.institutionCode = "9919999999";
    BulkPrecheck(db, config, BulkOptions{}, "batch", [] { return std::chrono::sys_days(kToday) + std::chrono::hours(3); })
        .prepare(kNight);
  }

  std::string serverUrl() const { return std::getenv("RECECON_DATABASE"); }  // {folder}: a schema of this folder
  db::DatabaseLocation server() const { return db::DatabaseLocation::parse(serverUrl(), folder.dir()); }
};

std::int64_t rows(db::Database& db, const std::string& table) {
  return db.prepare("SELECT count(*) AS n FROM " + table).singleInt64("n");
}

// What an InvalidInput said, or "" when none was thrown.
template <typename F>
std::string refusal(F&& f) {
  try {
    f();
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "";
}

std::vector<std::string> blobs(db::Database& db, const std::string& sql, const std::string& column) {
  std::vector<std::string> out;
  auto q = db.prepare(sql);
  while (q.next()) out.push_back(q.blob(column));
  return out;
}

}  // namespace

TEST_CASE_METHOD(OnePc, "A one-PC register migrated to an empty PostgreSQL database is copied whole and proved table by table",
                 "[migrate]") {
  if (!test::onPostgres()) return;
  JobContext job;
  const RegisterMigrationReport report = migrateRegister(folder, serverUrl(), job);
  CHECK(report.source == (folder.dir() / "rececon.db").string());
  CHECK(report.target == server().describe());
  CHECK(report.target.find("{folder}") == std::string::npos);

  // Every table SQLite has (found by asking it, as the copy does), and nothing else.
  std::set<std::string> sqliteTables;
  for (auto q = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'"); q.next();)
    sqliteTables.insert(q.text("name"));
  std::map<std::string, std::int64_t> copied;
  for (const auto& t : report.tables) {
    copied[t.table] = t.rows;
    CHECK(t.sha256.size() == 64);
  }
  CHECK(copied.size() == report.tables.size());
  std::set<std::string> copiedTables;
  for (const auto& [name, n] : copied) copiedTables.insert(name);
  CHECK(copiedTables == sqliteTables);
  CHECK_FALSE(copied.count("rececon_meta"));
  for (const char* table : {"patient", "insurance", "change_log", "change_field", "setting", "linkage_request",
                            "qualification_result", "fallback_period", "visit", "card_face_capture", "audit_log",
                            "appointment", "bulk_run", "bulk_file", "bulk_entry"}) {
    INFO(table);
    CHECK(copied.at(table) > 0);
  }
  std::int64_t all = 0;
  db::Database target(server());
  for (const auto& [table, n] : copied) {
    INFO(table);
    CHECK(n == rows(db, table));
    CHECK(rows(target, table) == n);
    all += n;
  }
  CHECK(report.rows == all);
  CHECK(copied.at("patient") == 120);
  CHECK(copied.at("insurance") > 120);  // older records kept as history

  // Bytes stay bytes: the request with a NUL and 0xff, the card result's raw Shift_JIS.
  CHECK(blobs(target, "SELECT request_bytes FROM linkage_request ORDER BY id", "request_bytes") ==
        std::vector<std::string>{kRequestBytes});
  CHECK(blobs(target, "SELECT raw FROM qualification_result ORDER BY id", "raw") ==
        blobs(db, "SELECT raw FROM qualification_result ORDER BY id", "raw"));

  // A second copy into the same database is refused and changes nothing there.
  const std::string again = refusal([&] { migrateRegister(folder, serverUrl(), job); });
  CHECK(again.find("すでにデータがあります") != std::string::npos);
  CHECK(again.find("表「") != std::string::npos);
  db::verifyRegisterCopy(target, report.tables);
  // Changed afterwards, the copy no longer matches what was copied, and the check names the table.
  target.prepare("UPDATE setting SET value = '9919999998' WHERE key = 'institution_code'").run();
  CHECK_THROWS_WITH(db::verifyRegisterCopy(target, report.tables),
                    Catch::Contains("表「setting」") && Catch::Contains("内容のハッシュが違います"));

  // The server goes on numbering past the copied rows: a new patient with a card is stored with new ids.
  PatientRegister onServer(target, "clerk2");
  InsuranceFields card;
  card.insurerNumber = "06139992";
  card.symbol = "見本";
  card.number = "4321";
  card.branch = "01";
  const Patient added = onServer.addPatientWithInsurance({"新規　花子", "シンキ ハナコ", "2", "S60.1.1", "", "", "", "", std::nullopt}, card);
  CHECK(added.number > patients.back());
  const auto stored = onServer.currentInsurance(added.number);
  REQUIRE(stored.has_value());
  CHECK(stored->id > rows(db, "insurance"));
  FallbackReception(target, "clerk2").enter("訓練");  // audit log and periods number on too
  CHECK(rows(target, "audit_log") == copied.at("audit_log") + 1);
}

TEST_CASE_METHOD(OnePc, "A register migrated only half way (stopped) leaves the server's database empty, and the next try goes through",
                 "[migrate]") {
  if (!test::onPostgres()) return;
  JobContext stopping([](std::int64_t done, std::int64_t, const std::string&) {
    if (done > 0) throw Cancelled();
  });
  CHECK_THROWS_AS(migrateRegister(folder, serverUrl(), stopping), Cancelled);
  {
    db::Database target(server());
    CHECK(rows(target, "patient") == 0);
    CHECK(rows(target, "change_log") == 0);
    CHECK(rows(target, "bulk_run") == 0);
  }
  JobContext job;
  const auto report = migrateRegister(folder, serverUrl(), job);
  CHECK(report.rows > 0);
}

TEST_CASE_METHOD(OnePc, "A register is migrated only to a PostgreSQL database other than the one in use", "[migrate]") {
  JobContext job;
  CHECK(refusal([&] { migrateRegister(folder, (dir / "other.db").string(), job); }).find("PostgreSQL のデータベースではありません") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "other.db"));
  if (!test::onPostgres()) return;
  // A terminal already on the server: its register is the server, which cannot be copied onto itself.
  DataFolder onServer(dir / "受付データ", serverUrl());
  CHECK(refusal([&] { migrateRegister(onServer, serverUrl(), job); }).find("今使っている台帳そのもの") != std::string::npos);
}
