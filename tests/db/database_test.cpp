#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <fstream>

#include "app/core/error.h"
#include "db/database.h"
#include "db/migrations.h"
#include "db/patient_repository.h"
#include "tests/support/temp_dir.h"

using namespace rececon;

TEST_CASE("A new database is stamped, migrated and configured for shared use", "[database]") {
  test::TempDir dir;
  db::Database database(dir / "台帳.db");
  auto& sql = database.sql();
  CHECK(sql.execAndGet("PRAGMA application_id").getInt() == db::kApplicationId);
  CHECK(sql.execAndGet("PRAGMA user_version").getInt() == db::latestSchemaVersion());
  CHECK(sql.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(sql.execAndGet("PRAGMA synchronous").getInt() == 2);  // FULL
  CHECK(sql.execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK(sql.execAndGet("PRAGMA busy_timeout").getInt() >= 5000);
  const auto status = database.check();
  CHECK(status.integrityOk);
  CHECK(status.version == status.buildVersion);
}

TEST_CASE("Reopening keeps the data and does not migrate twice", "[database]") {
  test::TempDir dir;
  { db::Database first(dir / "a.db"); }
  db::Database second(dir / "a.db");
  CHECK(second.sql().execAndGet("PRAGMA user_version").getInt() == db::latestSchemaVersion());
}

TEST_CASE("A database from a newer build is refused and left untouched", "[database]") {
  test::TempDir dir;
  { db::Database database(dir / "a.db"); database.sql().exec("PRAGMA user_version = 99"); }
  try {
    db::Database again(dir / "a.db");
    FAIL("expected EnvironmentError");
  } catch (const EnvironmentError& e) {
    CHECK(std::string(e.what()).find("新しいバージョン") != std::string::npos);
  }
  SQLite::Database raw((dir / "a.db").string());
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 99);
}

TEST_CASE("Another application's SQLite file is refused", "[database]") {
  test::TempDir dir;
  {
    SQLite::Database other((dir / "other.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE t (x)");
  }
  CHECK_THROWS_AS(db::Database(dir / "other.db"), EnvironmentError);
}

TEST_CASE("A file that is not a database gives a clear message", "[database]") {
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

TEST_CASE("Online backup copies everything and refuses to overwrite", "[database]") {
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
  db::Database database(dir / "a.db");
  {
    db::WriteTransaction tx(database);
    database.sql().exec("INSERT INTO setting VALUES ('terminal', 'x', 'clerk', 'now')");
  }
  CHECK(database.sql().execAndGet("SELECT count(*) FROM setting").getInt() == 0);
}
