// rececon-cli db migrate-to: a one-PC register (the data folder's SQLite file, filled by the demo command)
// copied to the PostgreSQL server of the suite's PostgreSQL run; the plain run has no server and returns
// at once.

#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>

#include <cstdlib>
#include <map>

#include "tests/support/process_runner.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

using namespace rececon;

namespace {

// A data folder whose register is its own SQLite file (never this run's RECECON_DATABASE) with `people`
// of the simulator's people in it.
struct OnePcFolder {
  test::TempDir dir;
  std::filesystem::path data = dir / "受付データ";

  explicit OnePcFolder(int people) {
    const auto r = cli({"demo", "import-sim-persons", "--limit", std::to_string(people)});
    if (r.exitCode != 0) throw std::runtime_error("demo import-sim-persons failed: " + r.err);
  }

  test::ProcessResult cli(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--data-dir", data.string(), "--database", (data / "rececon.db").string(), "--operator", "clerk1"});
    return test::runProcess(RECECON_CLI_PATH, args);
  }
  // rececon-cli on the server's copy, as a terminal pointed there would run it.
  test::ProcessResult onServer(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--data-dir", data.string(), "--database", server(), "--operator", "clerk2"});
    return test::runProcess(RECECON_CLI_PATH, args);
  }
  static std::string serverUrl() { return std::getenv("RECECON_DATABASE"); }  // {folder}: this folder's schema
  std::string server() const { return test::folderDatabase(data).describe(); }
};

}  // namespace

TEST_CASE("db migrate-to copies the register, proves it and says how each terminal is pointed at the server",
          "[e2e][migrate]") {
  if (!test::onPostgres()) return;
  const OnePcFolder one(30);
  const auto r = one.cli({"--json", "db", "migrate-to", OnePcFolder::serverUrl()});
  INFO(r.err);
  REQUIRE(r.exitCode == 0);
  const auto report = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
  CHECK(report->getValue<std::string>("target") == one.server());
  CHECK(report->getValue<bool>("verified"));
  CHECK(report->getValue<std::string>("use_command") == "rececon-cli db use '" + one.server() + "'");
  const auto tables = report->getArray("tables");
  std::map<std::string, Poco::Int64> rows;
  for (std::size_t i = 0; i < tables->size(); ++i) {
    const auto t = tables->getObject(i);
    rows[t->getValue<std::string>("table")] = t->getValue<Poco::Int64>("rows");
  }
  CHECK(rows.at("patient") == 30);
  CHECK(rows.at("insurance") == 30);
  CHECK(rows.at("change_log") == 30);  // an import is one history entry per patient
  CHECK(rows.count("rececon_meta") == 0);

  // This machine was not switched: no choice of register was written in its data folder.
  CHECK_FALSE(std::filesystem::exists(one.data / "database.url"));

  // A second migration into the same database is refused (65) and names what is there.
  const auto again = one.cli({"db", "migrate-to", OnePcFolder::serverUrl()});
  CHECK(again.exitCode == 65);
  CHECK(again.err.find("すでにデータがあります") != std::string::npos);

  // On the server the next patient gets the next number, and their records new ids.
  const auto added = one.onServer({"--json", "patient", "add", "--name", "新規　花子", "--kana", "シンキ ハナコ", "--birth",
                                   "S60.1.1", "--sex", "2"});
  INFO(added.err);
  REQUIRE(added.exitCode == 0);
  CHECK(Poco::JSON::Parser().parse(added.out).extract<Poco::JSON::Object::Ptr>()->getValue<Poco::Int64>("number") == 31);
  const auto card = one.onServer({"insurance", "add", "--patient", "31", "--insurer", "06139992", "--symbol", "見本",
                                  "--number", "1234", "--branch", "01", "--relation", "1"});
  INFO(card.err);
  CHECK(card.exitCode == 0);
}

TEST_CASE("db migrate-to in words: table by table, and the command for each terminal", "[e2e][migrate]") {
  if (!test::onPostgres()) return;
  const OnePcFolder one(5);
  const auto r = one.cli({"db", "migrate-to", OnePcFolder::serverUrl()});
  INFO(r.err);
  REQUIRE(r.exitCode == 0);
  CHECK(r.out.find("台帳をサーバーに移しました。") != std::string::npos);
  CHECK(r.out.find("  patient ") != std::string::npos);
  CHECK(r.out.find("自動では切り替えていません") != std::string::npos);
  CHECK(r.out.find("  rececon-cli db use '" + one.server() + "'\n") != std::string::npos);
}
