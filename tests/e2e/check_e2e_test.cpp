// rececon-cli check against the real oqs-sim: a register filled with the simulator's people (so
// patient number N is the simulator's person P000N), the site settings pointing at the simulator.

#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>

#include "tests/e2e/sim_session.h"
#include "tests/support/process_runner.h"

using namespace rececon;
using rececon::test::SimSession;
namespace fs = std::filesystem;

namespace {

struct CheckSession : SimSession {
  fs::path data = dir.path() / "受付データ";

  CheckSession() {
    REQUIRE(cli({"demo", "import-sim-persons"}).exitCode == 0);
    REQUIRE(cli({"config", "set", "institution_code", "9919999999"}).exitCode == 0);
    for (const char* f : {"req", "res", "face"}) {
      REQUIRE(cli({"config", "set", std::string("linkage.") + f + "_dir", (root / f).string()}).exitCode == 0);
    }
  }

  test::ProcessResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", data.string(), "--operator", "clerk1"});
    return test::runProcess(RECECON_CLI_PATH, args);
  }

  // Runs `check` with --json; returns the exit code and the parsed report.
  std::pair<int, Poco::JSON::Object::Ptr> check(std::vector<std::string> args) {
    args.insert(args.begin(), {"--json", "check"});
    const auto r = cli(args);
    INFO(r.err);
    REQUIRE_FALSE(r.out.empty());
    return {r.exitCode, Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>()};
  }

  static std::string patientOf(const std::vector<std::string>& person) {
    return std::to_string(std::stoi(person.at(0).substr(1)));  // P0042 -> 42
  }
};

}  // namespace

TEST_CASE_METHOD(CheckSession, "A registered patient checked valid: exit 0, stored, compared field by field",
                 "[e2e][check]") {
  const auto person = SimSession::person("family", 2);
  const auto [code, report] = check({"--patient", patientOf(person)});
  CHECK(code == 0);
  CHECK(report->getValue<std::string>("outcome") == "有効");
  CHECK(report->getValue<Poco::Int64>("result_id") >= 1);
  const auto comparison = report->getArray("comparison");
  REQUIRE(comparison->size() > 10);
  for (std::size_t i = 0; i < comparison->size(); ++i) CHECK_FALSE(comparison->getObject(i)->getValue<bool>("differs"));
  CHECK(report->getObject("returned")->getValue<std::string>("name") == person[2]);
}

TEST_CASE_METHOD(CheckSession, "Invalid, newer qualification and not found each have their exit code and advice",
                 "[e2e][check]") {
  const auto [invalid, r2] = check({"--patient", patientOf(SimSession::person("invalid"))});
  CHECK(invalid == 2);
  const auto [newer, r3] = check({"--patient", patientOf(SimSession::person("newer"))});
  CHECK(newer == 3);
  CHECK(r3->getValue<std::string>("outcome") == "無効（新しい資格あり）");
  const auto [unknown, r4] = check({"--patient", patientOf(SimSession::person("unknown"))});
  CHECK(unknown == 4);
  CHECK(r4->getValue<std::string>("processing_code") == "SIMERR0004");
}

TEST_CASE_METHOD(CheckSession, "A person not registered, entered without 枝番, matches twins: several (5)",
                 "[e2e][check]") {
  const auto twin = SimSession::person("twins");
  const auto [code, report] = check({"--insurer", twin[6], "--symbol", twin[7], "--number", twin[8], "--birth", twin[5]});
  CHECK(code == 5);
  CHECK(report->getValue<std::string>("processing_message").find("枝番") != std::string::npos);
  CHECK_FALSE(report->has("patient_number"));
  const auto [withBranch, named] =
      check({"--insurer", twin[6], "--symbol", twin[7], "--number", twin[8], "--branch", twin[9], "--birth", twin[5]});
  CHECK(withBranch == 0);
  CHECK(named->getObject("returned")->getValue<std::string>("name") == twin[2]);
}

TEST_CASE_METHOD(CheckSession, "Limit-certificate consent is sent and the certificate comes back", "[e2e][check]") {
  const auto person = SimSession::person("limit", 1);
  const auto [without, plain] = check({"--patient", patientOf(person)});
  CHECK(without == 0);
  CHECK_FALSE(plain->has("limit_certificate"));
  const auto [with, consented] = check({"--patient", patientOf(person), "--limit-consent"});
  CHECK(with == 0);
  REQUIRE(consented->has("limit_certificate"));
  CHECK(consented->getObject("limit_certificate")->getValue<std::string>("flag_label").size() > 0);
}

TEST_CASE_METHOD(CheckSession, "A wrong check digit exits 65 and sends nothing", "[e2e][check]") {
  const auto r = cli({"check", "--insurer", "06139990", "--number", "1", "--birth", "1980-01-01"});
  CHECK(r.exitCode == 65);
  CHECK(r.err.find("保険者番号") != std::string::npos);
  CHECK(fs::is_empty(root / "req"));
}

TEST_CASE_METHOD(CheckSession, "OQS unreachable (9) and a silent linkage app (75) are told apart", "[e2e][check]") {
  simCommand({"fault", "error9"});
  const auto [failed, r9] = check({"--patient", "1"});
  CHECK(failed == 9);
  CHECK(r9->getValue<std::string>("error_code") == "SIMERR9001");
  simCommand({"fault", "silent"});
  REQUIRE(cli({"config", "set", "linkage.single_timeout_seconds", "2"}).exitCode == 0);
  const auto [silent, timedOut] = check({"--patient", "1"});
  CHECK(silent == 75);
  CHECK(timedOut->getValue<std::string>("request_state") == "timed_out");
  CHECK(timedOut->getValue<std::string>("request_detail").find("取り込みませんでした") != std::string::npos);
}

namespace {

Poco::JSON::Object::Ptr jsonOf(const test::ProcessResult& r) {
  INFO(r.err);
  REQUIRE(r.exitCode == 0);
  return Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr insurancesOf(CheckSession& s, const std::string& patient) {
  const auto r = s.cli({"--json", "insurance", "list", "--patient", patient});
  REQUIRE(r.exitCode == 0);
  return Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Array::Ptr>();
}

}  // namespace

TEST_CASE_METHOD(CheckSession, "Valid: only the accepted fields change; the old record is kept with who changed it",
                 "[e2e][apply]") {
  const std::string patient = patientOf(SimSession::person("family", 4));
  const auto held = insurancesOf(*this, patient)->getObject(0);
  const std::string heldId = std::to_string(held->getValue<Poco::Int64>("id"));
  REQUIRE(cli({"insurance", "update", heldId, "--insurer-name", "古い名称", "--copay", "20"}).exitCode == 0);
  REQUIRE(cli({"patient", "update", patient, "--kana", "ｾﾝｹﾞﾝ"}).exitCode == 0);

  const auto [code, report] = check({"--patient", patient});
  REQUIRE(code == 0);
  const std::string resultId = std::to_string(report->getValue<Poco::Int64>("result_id"));
  const auto applied = jsonOf(cli({"--json", "results", "apply", resultId, "--accept", "insurer_name"}));
  CHECK(applied->getValue<std::string>("state") == "applied");

  const auto records = insurancesOf(*this, patient);
  REQUIRE(records->size() == 2);
  CHECK(records->getObject(0)->getValue<std::string>("state") == "current");
  CHECK(records->getObject(0)->getValue<std::string>("insurer_name") != "古い名称");
  CHECK(records->getObject(0)->getValue<int>("copay_percent") == 20);  // not accepted: kept as held
  CHECK(records->getObject(1)->getValue<std::string>("state") == "superseded");
  const auto shown = jsonOf(cli({"--json", "patient", "show", patient}));
  CHECK(shown->getValue<std::string>("name_kana") == "ｾﾝｹﾞﾝ");  // identity: not accepted, not changed
  CHECK(cli({"insurance", "history", "--patient", patient}).out.find("資格確認の結果（結果ID " + resultId) != std::string::npos);
  CHECK(cli({"results", "apply", resultId, "--all"}).exitCode == 65);  // decided once
}

TEST_CASE_METHOD(CheckSession, "Invalid with a last valid number: kept, the result only in the history", "[e2e][apply]") {
  const std::string patient = patientOf(SimSession::person("invalid", 1));
  const auto [code, report] = check({"--patient", patient});
  REQUIRE(code == 2);
  const std::string resultId = std::to_string(report->getValue<Poco::Int64>("result_id"));
  const auto applied = jsonOf(cli({"--json", "results", "apply", resultId, "--all"}));
  CHECK(applied->getValue<std::string>("detail").find("直近有効") != std::string::npos);
  CHECK(insurancesOf(*this, patient)->size() == 1);
  CHECK(insurancesOf(*this, patient)->getObject(0)->getValue<std::string>("state") == "current");
}

TEST_CASE_METHOD(CheckSession, "Invalid without a last valid number: stored as the current record, flagged invalid",
                 "[e2e][apply]") {
  const auto person = SimSession::person("invalid", 2);
  const auto added = jsonOf(cli({"--json", "patient", "add", "--name", person[2], "--kana", person[3], "--birth",
                                 person[5], "--sex", person[4]}));
  const std::string patient = std::to_string(added->getValue<Poco::Int64>("number"));
  const auto [code, report] = check({"--insurer", person[6], "--symbol", person[7], "--number", person[8], "--branch",
                                     person[9], "--birth", person[5]});
  REQUIRE(code == 2);
  const std::string resultId = std::to_string(report->getValue<Poco::Int64>("result_id"));
  CHECK(cli({"results", "apply", resultId, "--all"}).exitCode == 65);  // no patient named
  jsonOf(cli({"--json", "results", "apply", resultId, "--patient", patient, "--accept",
              "insurer_number,symbol,number,branch,insurer_name"}));
  const auto records = insurancesOf(*this, patient);
  REQUIRE(records->size() == 1);
  CHECK(records->getObject(0)->getValue<std::string>("state") == "invalid");
  CHECK(records->getObject(0)->getValue<std::string>("number") == person[8]);
  CHECK(jsonOf(cli({"--json", "patient", "show", patient}))->isNull("last_valid"));
}

TEST_CASE_METHOD(CheckSession, "Not found changes nothing; a rejected result is kept but not applied", "[e2e][apply]") {
  const std::string unknown = patientOf(SimSession::person("unknown", 1));
  const auto [code, report] = check({"--patient", unknown});
  REQUIRE(code == 4);
  const auto applied =
      jsonOf(cli({"--json", "results", "apply", std::to_string(report->getValue<Poco::Int64>("result_id")), "--all"}));
  CHECK(applied->getValue<std::string>("state") == "no_change");
  const auto [valid, other] = check({"--patient", patientOf(SimSession::person("family", 6))});
  REQUIRE(valid == 0);
  const std::string otherId = std::to_string(other->getValue<Poco::Int64>("result_id"));
  CHECK(cli({"results", "pending"}).out.find("[結果ID " + otherId + "]") != std::string::npos);
  const auto unknownField = cli({"results", "apply", otherId, "--accept", "no_such_field"});
  CHECK(unknownField.exitCode == 65);
  CHECK(unknownField.err.find("no_such_field") != std::string::npos);
  CHECK(jsonOf(cli({"--json", "results", "apply", otherId, "--reject"}))->getValue<std::string>("state") == "rejected");
  CHECK(cli({"results", "pending"}).out.find("[結果ID " + otherId + "]") == std::string::npos);
}
