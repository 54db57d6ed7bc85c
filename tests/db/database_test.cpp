#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <fstream>

#include "app/core/error.h"
#include "db/database.h"
#include "db/migrations.h"
#include "db/patient_repository.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

using namespace rececon;

namespace {

// A PRAGMA's value on the register's own connection (some are per connection).
std::int64_t pragma(db::Database& database, const std::string& name) {
  auto q = database.prepare("PRAGMA " + name);
  REQUIRE(q.next());
  return q.int64(name);
}

}  // namespace

TEST_CASE("A new SQLite database is stamped, migrated and configured for shared use", "[database][sqlite]") {
  test::TempDir dir;
  db::Database database(dir / "台帳.db");
  CHECK(database.createdNow());
  CHECK(pragma(database, "application_id") == 0x52434543);
  CHECK(pragma(database, "user_version") == db::latestSchemaVersion());
  {
    auto q = database.prepare("PRAGMA journal_mode");
    REQUIRE(q.next());
    CHECK(q.text("journal_mode") == "wal");
  }
  CHECK(pragma(database, "synchronous") == 2);  // FULL
  CHECK(pragma(database, "foreign_keys") == 1);
  {
    auto q = database.prepare("PRAGMA busy_timeout");
    REQUIRE(q.next());
    CHECK(q.int64("timeout") >= 5000);
  }
  const auto status = database.check();
  CHECK(status.integrityOk);
  CHECK(status.version == status.buildVersion);
}

TEST_CASE("Reopening keeps the data and does not migrate twice", "[database]") {
  test::TempDir dir;
  { db::Database first(test::testDatabase(dir / "a.db")); }
  db::Database second(test::testDatabase(dir / "a.db"));
  CHECK_FALSE(second.createdNow());
  CHECK(second.check().version == db::latestSchemaVersion());
}

TEST_CASE("A database from a newer build is refused and left untouched", "[database][sqlite]") {
  test::TempDir dir;
  { db::Database database(dir / "a.db"); database.connection().execScript("PRAGMA user_version = 99"); }
  try {
    db::Database again(dir / "a.db");
    FAIL("expected EnvironmentError");
  } catch (const EnvironmentError& e) {
    CHECK(std::string(e.what()).find("新しいバージョン") != std::string::npos);
  }
  SQLite::Database raw((dir / "a.db").string());
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 99);
}

TEST_CASE("Another application's SQLite file is refused", "[database][sqlite]") {
  test::TempDir dir;
  {
    SQLite::Database other((dir / "other.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE t (x)");
  }
  CHECK_THROWS_AS(db::Database(dir / "other.db"), EnvironmentError);
}

TEST_CASE("A file that is not a database gives a clear message", "[database][sqlite]") {
  test::TempDir dir;
  {
    std::ofstream junk(dir / "junk.db");
    junk << std::string(4096, 'x');
  }
  try {
    db::Database database(dir / "junk.db");
    FAIL("expected EnvironmentError");
  } catch (const EnvironmentError& e) {
    CHECK(std::string(e.what()).find("データベース") != std::string::npos);
  }
}

TEST_CASE("Online backup copies everything and refuses to overwrite", "[database][sqlite]") {
  test::TempDir dir;
  db::Database database(dir / "a.db");
  {
    db::WriteTransaction tx(database);
    Patient p;
    p.name = "見本　花子";
    p.nameKana = "ﾐﾎﾝ ﾊﾅｺ";
    p.sex = Sex::Female;
    p.birthDate = std::chrono::year{1980} / 1 / 2;
    db::PatientRepository(database).insert(p, {"clerk", "test"});
    tx.commit();
  }
  database.backupTo(dir / "backup.db");
  db::Database copy(dir / "backup.db");
  CHECK(db::PatientRepository(copy).count() == 1);
  CHECK_THROWS_AS(database.backupTo(dir / "backup.db"), EnvironmentError);
}

TEST_CASE("A write transaction rolls back unless committed", "[database]") {
  test::TempDir dir;
  db::Database database(test::testDatabase(dir / "a.db"));
  {
    db::WriteTransaction tx(database);
    database.prepare("INSERT INTO setting (key, value, operator, updated_at) VALUES ('terminal', 'x', 'clerk', 'now')").run();
  }
  CHECK(database.prepare("SELECT count(*) AS n FROM setting").singleInt64("n") == 0);
}

TEST_CASE("The change counter moves when another terminal commits, and only then", "[database][terminals]") {
  test::TempDir dir;
  db::Database window(test::testDatabase(dir / "a.db"));
  db::Database otherTerminal(test::testDatabase(dir / "a.db"));
  const std::int64_t before = window.changeCounter();
  CHECK(window.changeCounter() == before);  // reading changes nothing
  {
    db::WriteTransaction tx(otherTerminal);
    otherTerminal.prepare("INSERT INTO setting (key, value, operator, updated_at) VALUES ('terminal', 'x', 'clerk', 'now')").run();
    tx.commit();
  }
  CHECK(window.changeCounter() != before);
  const std::int64_t after = window.changeCounter();
  {
    db::WriteTransaction rolledBack(otherTerminal);
    otherTerminal.prepare("UPDATE setting SET value = 'y' WHERE key = 'terminal'").run();
  }
  CHECK(window.changeCounter() == after);
}
