// rececon-cli check against the real oqs-sim: a register filled with the simulator's people (so
// patient number N is the simulator's person P000N), the site settings pointing at the simulator.

#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/e2e/sim_session.h"
#include "tests/support/process_runner.h"

using namespace rececon;
using rececon::test::SimSession;
namespace fs = std::filesystem;

namespace {

struct CheckSession : test::CliSimSession {
  // limit: register only the first `limit` people (0: all).
  explicit CheckSession(int limit = 0) : CliSimSession(limit) {}

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

  // The result slip of that answer, as PDF: the outcome, OQS's message and the returned numbers.
  const auto slip = dir / "結果票.pdf";
  const auto printed = cli({"form", "result-slip", "--result", std::to_string(report->getValue<Poco::Int64>("result_id")),
                            "-o", slip.string()});
  INFO(printed.err);
  REQUIRE(printed.exitCode == 0);
  const auto text = test::runProcess("pdftotext", {"-layout", slip.string(), "-"});
  CHECK(text.out.find("資格確認結果票") != std::string::npos);
  CHECK(text.out.find("有効") != std::string::npos);
  CHECK(text.out.find("登録内容との比較") != std::string::npos);
  CHECK(text.out.find(person[6]) != std::string::npos);  // 保険者番号 as returned
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
  const std::string flag = consented->getObject("limit_certificate")->getValue<std::string>("flag");
  CHECK(consented->getObject("limit_certificate")->getValue<std::string>("flag_label").size() > 0);
  // Applied, the certificate is kept in the register and shown with the patient.
  const auto applied = cli({"results", "apply", std::to_string(consented->getValue<Poco::Int64>("result_id")), "--all"});
  REQUIRE(applied.exitCode == 0);
  const auto shown = cli({"--json", "patient", "show", patientOf(person)});
  const auto patient = Poco::JSON::Parser().parse(shown.out).extract<Poco::JSON::Object::Ptr>();
  REQUIRE(patient->has("limit_certificate"));
  CHECK(patient->getObject("limit_certificate")->getValue<std::string>("flag") == flag);
  CHECK(cli({"patient", "show", patientOf(person)}).out.find("限度額適用認定証") != std::string::npos);
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

  // Both end up in the error log for the support call, newest first.
  const auto listed = cli({"--json", "errors", "list"});
  REQUIRE(listed.exitCode == 0);
  const auto log = Poco::JSON::Parser().parse(listed.out).extract<Poco::JSON::Array::Ptr>();
  REQUIRE(log->size() == 2);
  CHECK(log->getObject(0)->getValue<std::string>("what") == "timed_out");
  CHECK(log->getObject(0)->getValue<std::int64_t>("patient") == 1);
  CHECK(log->getObject(1)->getValue<std::string>("code") == "SIMERR9001");
  CHECK(log->getObject(1)->getValue<std::string>("request_kind") == "資格確認要求");
  const fs::path exported = dir.path() / "エラー記録.txt";
  REQUIRE(cli({"errors", "export", exported.string()}).exitCode == 0);
  std::ifstream in(exported);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(text.find("医療機関コード: 9919999999") != std::string::npos);
  CHECK(text.find("コード: SIMERR9001（（シミュレータ）オンライン資格確認等システムに接続できません）") != std::string::npos);
  CHECK(text.find("患者番号: 1") != std::string::npos);
  CHECK(text.find("応答なし（時間切れ）") != std::string::npos);
  CHECK(cli({"errors", "export", (dir.path() / "ない" / "x.txt").string()}).exitCode == 74);
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
  CHECK(shown->getValue<std::string>("name_kana") == "センゲン");  // typed ｾﾝｹﾞﾝ; identity: not accepted, not changed
  CHECK(cli({"insurance", "history", "--patient", patient}).out.find("資格確認の結果（結果ID " + resultId) != std::string::npos);
  CHECK(cli({"results", "apply", resultId, "--all"}).exitCode == 65);  // decided once
}

TEST_CASE_METHOD(CheckSession, "Applying returns at once with a silent linkage; the 照会番号 registration completes later",
                 "[e2e][apply][refno]") {
  const std::string patient = patientOf(SimSession::person("family", 12));
  const auto [code, report] = check({"--patient", patient});
  REQUIRE(code == 0);
  simCommand({"fault", "silent"});
  const auto started = std::chrono::steady_clock::now();
  const auto applied = jsonOf(cli({"--json", "results", "apply", std::to_string(report->getValue<Poco::Int64>("result_id")), "--all"}));
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  WARN("results apply with a silent linkage returned in " << took.count() << " ms");
  CHECK(took < std::chrono::seconds(2));  // it used to wait out the 300 s time-out of the registration
  CHECK(applied->getValue<std::string>("state") == "applied");
  CHECK(applied->getValue<std::string>("reference_registration").find("送りました") != std::string::npos);
  CHECK(jsonOf(cli({"--json", "patient", "show", patient}))->getValue<std::string>("reference_number") == "送信中（応答待ち）");

  // The linkage answers again (a restarted simulator takes what was waiting); the next pass records it.
  simCommand({"fault", "normal"});
  stopSim();
  startSim();
  const auto registered = [&] {
    cli({"results", "scan"});
    return jsonOf(cli({"--json", "patient", "show", patient}))->getValue<std::string>("reference_number") == "登録済";
  };
  bool done = false;
  for (int i = 0; i < 50 && !(done = registered()); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(done);
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

TEST_CASE("Invalid without a last valid number: stored as the current record, flagged invalid", "[e2e][apply]") {
  CheckSession s(481);  // the people who became invalid (P0482…) are not registered
  const auto person = s.SimSession::person("invalid", 2);
  const auto added = jsonOf(s.cli({"--json", "patient", "add", "--name", person[2], "--kana", person[3], "--birth",
                                   person[5], "--sex", person[4]}));
  const std::string patient = std::to_string(added->getValue<Poco::Int64>("number"));
  const auto [code, report] = s.check({"--insurer", person[6], "--symbol", person[7], "--number", person[8],
                                       "--branch", person[9], "--birth", person[5]});
  REQUIRE(code == 2);
  const std::string resultId = std::to_string(report->getValue<Poco::Int64>("result_id"));
  // Entered data names no patient: matching proposes the one registered by hand.
  const auto shown = jsonOf(s.cli({"--json", "results", "show", resultId}));
  CHECK(shown->getObject("match")->getValue<std::string>("kind") == "一致");
  CHECK(std::to_string(shown->getValue<Poco::Int64>("patient_number")) == patient);
  jsonOf(s.cli({"--json", "results", "apply", resultId, "--accept", "insurer_number,symbol,number,branch,insurer_name"}));
  const auto records = insurancesOf(s, patient);
  REQUIRE(records->size() == 1);
  CHECK(records->getObject(0)->getValue<std::string>("state") == "invalid");
  CHECK(records->getObject(0)->getValue<std::string>("number") == person[8]);
  CHECK(jsonOf(s.cli({"--json", "patient", "show", patient}))->isNull("last_valid"));
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

namespace {

// Registers our patient number as the reference number of the person's qualification (through the
// exchange, as the product will).
void registerReference(CheckSession& s, const std::vector<std::string>& person, const std::string& reference) {
  linkage::ReferenceRegistrationRequest reg;
  reg.header.institutionCode = "9919999999";
  reg.header.fileIdentifier = "RN" + reference;
  const auto key = s.checkFor(person).key;
  reg.entries.push_back({linkage::Text(reference), key.insurerNumber, key.symbol, key.number, key.branch});
  const auto r = s.submit(linkage::MessageKind::ReferenceRegistrationRequest, linkage::toXml(reg));
  REQUIRE(s.pollUntil([&] { return s.journal.get(r.id).state == linkage::RequestState::Answered; }));
}

// A card result for the person appears in face; returns the pending result's report.
Poco::JSON::Object::Ptr cardResult(CheckSession& s, const std::vector<std::string>& person) {
  s.simCommand({"face", "--person", person[0]});
  REQUIRE(s.cli({"results", "scan"}).exitCode == 0);
  const auto pending = Poco::JSON::Parser().parse(s.cli({"--json", "results", "pending"}).out).extract<Poco::JSON::Array::Ptr>();
  REQUIRE(pending->size() >= 1);
  return pending->getObject(pending->size() - 1);
}

std::string idOf(const Poco::JSON::Object::Ptr& report) { return std::to_string(report->getValue<Poco::Int64>("id")); }

}  // namespace

TEST_CASE_METHOD(CheckSession, "Card results: by reference number, by identity; a namesake leaves the choice to a person", "[e2e][match]") {
  const auto referenced = SimSession::person("family", 7);
  registerReference(*this, referenced, patientOf(referenced));
  const auto byReference = cardResult(*this, referenced);
  CHECK(byReference->getValue<std::string>("reference_number") == patientOf(referenced));
  CHECK(byReference->getObject("match")->getValue<std::string>("kind") == "一致");
  CHECK(byReference->getValue<Poco::Int64>("patient_number") == std::stoll(patientOf(referenced)));
  CHECK(jsonOf(cli({"--json", "results", "apply", idOf(byReference), "--all"}))->getValue<std::string>("state") == "applied");

  const auto plain = SimSession::person("family", 8);
  const auto byIdentity = cardResult(*this, plain);
  CHECK(byIdentity->getObject("match")->getValue<std::string>("explanation").find("氏名カナ") != std::string::npos);
  CHECK(byIdentity->getValue<Poco::Int64>("patient_number") == std::stoll(patientOf(plain)));

  // A second patient with the same kana, birth date and sex: the insurance numbers would point to one, but
  // a namesake is never decided quietly — both are named and a person chooses.
  const auto twin = SimSession::person("family", 9);
  const auto added = jsonOf(cli({"--json", "patient", "add", "--name", "別人　同姓", "--kana", twin[3], "--birth", twin[5],
                                 "--sex", twin[4]}));
  const auto tieBreak = cardResult(*this, twin);
  CHECK(tieBreak->getObject("match")->getValue<std::string>("kind") == "候補複数");
  CHECK(tieBreak->getObject("match")->getValue<std::string>("explanation").find(
            "患者番号 " + std::to_string(added->getValue<Poco::Int64>("number"))) != std::string::npos);
  CHECK_FALSE(tieBreak->has("patient_number"));
  CHECK(cli({"results", "apply", idOf(tieBreak), "--all"}).exitCode == 65);
  CHECK(cli({"results", "apply", idOf(tieBreak), "--patient", patientOf(twin), "--all"}).exitCode == 0);
}

TEST_CASE_METHOD(CheckSession, "Card results: several candidates or a disagreement leave the choice to a person",
                 "[e2e][match]") {
  const auto person = SimSession::person("family", 10);
  const auto added = jsonOf(cli({"--json", "patient", "add", "--name", person[2], "--kana", person[3], "--birth",
                                 person[5], "--sex", person[4]}));
  const std::string duplicate = std::to_string(added->getValue<Poco::Int64>("number"));
  REQUIRE(cli({"insurance", "add", "--patient", duplicate, "--insurer", person[6], "--symbol", person[7], "--number",
               person[8], "--branch", person[9]}).exitCode == 0);
  const auto several = cardResult(*this, person);
  CHECK(several->getObject("match")->getValue<std::string>("kind") == "候補複数");
  CHECK(several->getObject("match")->getArray("candidates")->size() == 2);
  CHECK_FALSE(several->has("patient_number"));
  const auto refused = cli({"results", "apply", idOf(several), "--all"});
  CHECK(refused.exitCode == 65);
  CHECK(refused.err.find("--patient") != std::string::npos);
  CHECK(cli({"results", "apply", idOf(several), "--patient", patientOf(person), "--all"}).exitCode == 0);

  // The reference number points to a patient with another birth date.
  const auto other = SimSession::person("family", 11);
  registerReference(*this, other, "1");  // patient 1 is somebody else
  const auto conflict = cardResult(*this, other);
  CHECK(conflict->getObject("match")->getValue<std::string>("kind") == "不一致あり");
  CHECK(cli({"results", "apply", idOf(conflict), "--all"}).exitCode == 65);
}

TEST_CASE("Card result of somebody not registered: a new patient from the result, on request", "[e2e][match]") {
  CheckSession s(500);  // people P0501… (the "newer" ones among them) are not in the register
  std::vector<std::string> unregistered;
  for (int i = 0; unregistered.empty(); ++i) {
    const auto p = s.SimSession::person("newer", i);
    if (std::stoi(p[0].substr(1)) > 500) unregistered = p;
  }
  const auto none = cardResult(s, unregistered);
  CHECK(none->getObject("match")->getValue<std::string>("kind") == "該当なし");
  CHECK(s.cli({"results", "apply", idOf(none), "--new-patient", "--patient", "1"}).exitCode == 64);
  const auto applied = jsonOf(s.cli({"--json", "results", "apply", idOf(none), "--new-patient"}));
  CHECK(applied->getValue<std::string>("state") == "applied");
  const auto found = s.cli({"--json", "patient", "search", "--kana", unregistered[3], "--birth", unregistered[5]});
  const auto patients = Poco::JSON::Parser().parse(found.out).extract<Poco::JSON::Array::Ptr>();
  REQUIRE(patients->size() == 1);
  const std::string number = std::to_string(patients->getObject(0)->getValue<Poco::Int64>("number"));
  const auto records = insurancesOf(s, number);
  REQUIRE(records->size() == 1);
  CHECK(records->getObject(0)->getValue<std::string>("state") == "current");
  CHECK(jsonOf(s.cli({"--json", "patient", "show", number}))->getObject("last_valid")->getValue<std::string>("number") ==
        records->getObject(0)->getValue<std::string>("number"));
}

TEST_CASE("A bulk 照会番号 registration result with a unit per person is read person by person", "[e2e][refno]") {
  CheckSession s(5);
  // Reconstructed from public evidence (a reader of the real OQSmuimm02res takes one BulkRegistrationUnit per
  // patient, each with its own ProcessingResultStatus): the simulator writes that layout on request.
  s.simCommand({"set", "registration_layout", "per-unit"});
  const auto stranger = jsonOf(s.cli({"--json", "patient", "add", "--name", "見本　不明", "--kana", "ミホン フメイ", "--birth",
                                      "S50.1.1", "--sex", "1"}));
  const std::string number = std::to_string(stranger->getValue<Poco::Int64>("number"));
  REQUIRE(s.cli({"insurance", "add", "--patient", number, "--insurer", "06993877", "--symbol", "未知", "--number", "99999",
                 "--branch", "00", "--relation", "1"}).exitCode == 0);  // a card OQS does not know
  const auto ran = s.cli({"--json", "refno", "register", "--all"});
  CHECK(ran.exitCode == 9);  // some failed
  const auto all = Poco::JSON::Parser().parse(ran.out).extract<Poco::JSON::Object::Ptr>();
  CHECK(all->getValue<int>("requested") == 6);
  CHECK(all->getValue<int>("registered") == 5);  // body-level reading would have failed all six
  CHECK(all->getValue<int>("failed") == 1);
  CHECK(jsonOf(s.cli({"--json", "patient", "show", number}))->getValue<std::string>("reference_number").find("SIMERR0102") !=
        std::string::npos);
  CHECK(jsonOf(s.cli({"--json", "patient", "show", "2"}))->getValue<std::string>("reference_number") == "登録済");
}

TEST_CASE("Reference numbers: one patient, all of them in bulk, and again after a valid result is applied",
          "[e2e][refno]") {
  CheckSession s(20);
  const auto one = jsonOf(s.cli({"--json", "refno", "register", "--patient", "3"}));
  CHECK(one->getValue<int>("registered") == 1);
  const auto [code, checked] = s.check({"--patient", "3"});
  CHECK(code == 0);
  CHECK(checked->getValue<std::string>("reference_number") == "3");

  const auto all = jsonOf(s.cli({"--json", "refno", "register", "--all"}));
  CHECK(all->getValue<int>("requested") == 19);  // patient 3 is registered already
  CHECK(all->getValue<int>("registered") == 19);
  CHECK(jsonOf(s.cli({"--json", "refno", "register", "--all"}))->getValue<int>("requested") == 0);
  const auto card = cardResult(s, s.SimSession::person("family", 5));
  CHECK(card->getValue<std::string>("reference_number") == std::to_string(card->getValue<Poco::Int64>("patient_number")));
  CHECK(card->getObject("match")->getValue<std::string>("explanation").find("照会番号") != std::string::npos);

}

TEST_CASE_METHOD(CheckSession, "A card showing a new qualification: applied, and the new numbers registered as 照会番号",
                 "[e2e][refno]") {
  const auto replaced = SimSession::person("newer");  // registered with the old card
  const auto card = cardResult(*this, replaced);
  CHECK(card->getObject("match")->getValue<std::string>("kind") == "一致");
  CHECK(card->getValue<std::string>("outcome") == "有効");
  const auto applied = jsonOf(cli({"--json", "results", "apply", idOf(card), "--all"}));
  CHECK(applied->getValue<std::string>("reference_registration").find("送りました") != std::string::npos);
  bool registered = false;  // recorded by the next pass over the folders
  for (int i = 0; i < 50 && !registered; ++i) {
    cli({"results", "scan"});
    registered = jsonOf(cli({"--json", "patient", "show", patientOf(replaced)}))->getValue<std::string>("reference_number") == "登録済";
    if (!registered) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  CHECK(registered);
  const auto records = insurancesOf(*this, patientOf(replaced));
  REQUIRE(records->size() == 2);
  CHECK(records->getObject(0)->getValue<std::string>("number") != replaced[8]);  // the new card's number
  CHECK(records->getObject(1)->getValue<std::string>("state") == "superseded");
  CHECK(jsonOf(cli({"--json", "refno", "register", "--patient", patientOf(replaced)}))->getValue<int>("registered") == 1);
}

TEST_CASE_METHOD(CheckSession, "後期高齢 without 記号/枝番, 6-digit 国保, kanji variants: checked and matched", "[e2e][check]") {
  // 後期高齢: a personal number, no 記号 and no 枝番.
  const auto kouki = SimSession::person("kouki");
  const auto [koukiCode, koukiReport] = check({"--patient", patientOf(kouki)});
  CHECK(koukiCode == 0);
  CHECK(koukiReport->getObject("returned")->getValue<std::string>("branch").empty());

  // 国保: 6 digits held, sent and returned padded to 8, compared unpadded.
  std::vector<std::string> kokuho;
  for (int i = 0; kokuho.empty(); ++i) {
    const auto p = SimSession::person("family", i);
    if (p[6].size() == 6) kokuho = p;
  }
  const auto [kokuhoCode, kokuhoReport] = check({"--patient", patientOf(kokuho)});
  CHECK(kokuhoCode == 0);
  const auto comparison = kokuhoReport->getArray("comparison");
  bool compared = false;
  for (std::size_t i = 0; i < comparison->size(); ++i) {
    const auto f = comparison->getObject(i);
    if (f->getValue<std::string>("field") != "insurer_number") continue;
    compared = true;
    CHECK(f->getValue<std::string>("returned") == kokuho[6]);
    CHECK_FALSE(f->getValue<bool>("differs"));
  }
  CHECK(compared);

  // 髙橋 (IBM extension kanji) in a Shift_JIS card result: matched by identity.
  std::vector<std::string> variant;
  for (int i = 0; variant.empty(); ++i) {
    const auto p = SimSession::person("family", i);
    if (p[2].find("髙") != std::string::npos || p[2].find("﨑") != std::string::npos) variant = p;
  }
  const auto card = cardResult(*this, variant);
  CHECK(card->getObject("returned")->getValue<std::string>("name") == variant[2]);
  CHECK(card->getValue<Poco::Int64>("patient_number") == std::stoll(patientOf(variant)));
}
