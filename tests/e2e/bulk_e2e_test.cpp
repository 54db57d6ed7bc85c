// Nights of bulk pre-checks through rececon-cli against the real oqs-sim: a 2,000-appointment night with
// every outcome class, runs killed with SIGKILL at random points and resumed, and the simulator's
// processing, slow and failing paths.

#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>
#include <Poco/Process.h>

#include <fstream>
#include <random>
#include <thread>

#include "app/jobs/bulk_settings.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/demo_data.h"
#include "app/jobs/patient_register.h"
#include "tests/e2e/sim_session.h"
#include "tests/support/test_database.h"

using namespace rececon;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kEveryOutcome = {"no_change", "supplemented", "changed", "limit_changed", "invalid",
                                                "invalid_newer", "not_found", "several", "error", "no_insurance"};

struct BulkNight : test::CliSimSession {
  explicit BulkNight(int limit = 0, std::vector<std::pair<std::string, std::string>> extra = {})
      : CliSimSession(limit, withBulkSettings(std::move(extra))) {}

  static std::vector<std::pair<std::string, std::string>> withBulkSettings(std::vector<std::pair<std::string, std::string>> s) {
    s.insert(s.begin(), {{"bulk.retry_first_seconds", "1"}, {"bulk.retry_max_seconds", "2"}});
    return s;
  }

  Poco::JSON::Object::Ptr json(std::vector<std::string> args, std::set<int> expectedExit = {0, 2}) {
    args.insert(args.begin(), "--json");
    const auto r = cli(args);
    INFO(r.err);
    REQUIRE(expectedExit.count(r.exitCode));
    return Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
  }

  // Books each patient once on the day (plus a second department for the first `twice`), through a CSV
  // import as a booking system would hand them over.
  void book(const std::vector<std::int64_t>& patients, Date day, std::size_t twice = 0) {
    const fs::path csv = dir.path() / ("予約_" + toIsoString(day) + ".csv");
    std::ofstream out(csv, std::ios::binary);
    out << "予約日,時刻,患者番号,診療科\n";
    for (std::size_t i = 0; i < patients.size(); ++i) {
      out << formatWareki(day) << "," << 9 + i % 9 << ":00," << patients[i] << ",内科\n";
      if (i < twice) out << toIsoString(day) << ",15:00," << patients[i] << ",皮膚科\n";
    }
    out.close();
    const auto r = cli({"appointment", "import", csv.string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
  }

  // A count straight from the register (whichever engine keeps it), beside what the CLI says.
  std::int64_t count(const std::string& sql) {
    db::Database db(test::folderDatabase(data));
    auto q = db.prepare(sql);
    REQUIRE(q.next());
    return q.int64("count");
  }
};

std::vector<std::int64_t> range(std::int64_t from, std::int64_t to) {
  std::vector<std::int64_t> out;
  for (std::int64_t n = from; n <= to; ++n) out.push_back(n);
  return out;
}

}  // namespace

TEST_CASE_METHOD(BulkNight, "A 2,000-appointment night: every outcome class, safe updates only, run again sends nothing",
                 "[e2e][bulk]") {
  const Date night = nextBusinessDay(today());
  {
    // 1,439 more patients on the same cards as the dataset's people (registered twice, as happens), so
    // that the register holds 1,995 insured patients, and 5 without insurance.
    DataFolder folder(data);
    PatientRegister reg(folder.database(), "setup");
    const auto people = simPersonsAsPatients(resourcesDir() / "oqs-sim" / "persons.csv");
    std::vector<PatientImportRow> copies;
    for (std::size_t i = 0; i < 1439; ++i) {
      copies.push_back(people[i % people.size()]);
      copies.back().number.reset();
    }
    JobContext job;
    reg.importPatients(copies, job, "試験");
    for (int i = 0; i < 5; ++i) reg.addPatient({"保険　なし", "ホケン ナシ", "1", "1990-01-0" + std::to_string(i + 1), "", "", "", ""}, std::nullopt);
    const auto change = [&](std::int64_t patient, const InsuranceFields& f) {
      reg.updateInsurance(reg.currentInsurance(patient)->id, f, "試験");
    };
    InsuranceFields noInsurerName, otherInsured, noBranch;
    noInsurerName.insurerName = "";
    otherInsured.insuredName = "変更　前名";
    noBranch.branch = "";
    for (std::int64_t p = 558; p <= 600; ++p) change(p, noInsurerName);  // OQS returns more: supplemented
    for (std::int64_t p = 601; p <= 640; ++p) change(p, otherInsured);   // held data differs: changed
    for (const std::int64_t p : {885, 886}) change(p, noBranch);         // twins without 枝番: several
  }
  // Patient 1's card is registered with OQS under reference number 1: the same card on patients 557, 1113
  // and 1669 comes back with a reference number that is not theirs.
  REQUIRE(cli({"refno", "register", "--patient", "1"}).exitCode == 0);
  book(range(1, 2000), night, 10);
  CHECK(count("SELECT COUNT(*) AS count FROM appointment") == 2010);
  const auto supplementedBefore = count("SELECT COUNT(*) AS count FROM insurance");

  const auto started = std::chrono::steady_clock::now();
  const auto r = cli({"bulk", "run", "--date", toIsoString(night)});
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  INFO(r.out << r.err);
  REQUIRE(r.exitCode == 2);
  WARN("2,000-appointment night: " << seconds << " s");
  CHECK(r.out.find("完了") != std::string::npos);

  const auto status = json({"bulk", "status", "--date", toIsoString(night)});
  const auto counts = status->getObject("counts");
  CHECK(status->getValue<std::string>("state") == "done");
  CHECK(counts->getValue<int>("entries") == 2000);
  CHECK(counts->getValue<int>("reconciled") == 2000);
  for (const auto& outcome : kEveryOutcome) {
    INFO(outcome);
    CHECK(counts->optValue<int>(outcome, 0) > 0);
  }
  CHECK(counts->getValue<int>("no_insurance") == 5);
  CHECK(counts->getValue<int>("several") == 2);  // 885 and 886; their copies 1441 and 1442 keep the 枝番
  CHECK(counts->getValue<int>("error") == 3);
  CHECK(counts->getValue<int>("supplemented") >= 40);
  CHECK(status->getArray("files")->size() == 4);  // 1,995 insured in files of 500
  CHECK(count("SELECT COUNT(*) AS count FROM bulk_entry WHERE outcome = 'error' AND patient_number IN (557, 1113, 1669)") == 3);
  // Only the supplemented got new insurance records; the erroneous 557 (also without insurer name) none.
  CHECK(count("SELECT COUNT(*) AS count FROM insurance") - supplementedBefore == counts->getValue<int>("supplemented"));
  CHECK(count("SELECT COUNT(*) AS count FROM insurance WHERE patient_number = 557") == 1);

  // Run again: nothing is sent, nothing reconciled twice.
  const auto requests = count("SELECT COUNT(*) AS count FROM linkage_request");
  REQUIRE(cli({"bulk", "run", "--date", toIsoString(night)}).exitCode == 2);
  CHECK(count("SELECT COUNT(*) AS count FROM linkage_request") == requests);
  CHECK(count("SELECT COUNT(*) AS count FROM bulk_entry") == 2000);

  const fs::path csv = dir.path() / "worklist.csv";
  REQUIRE(cli({"bulk", "worklist", "--date", toIsoString(night), "--csv", csv.string()}).exitCode == 0);
  std::ifstream in(csv, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(text.find("照会番号 1 はこの患者の照会番号と一致しません") != std::string::npos);
  const auto listed = cli({"--json", "bulk", "worklist", "--date", toIsoString(night)});
  CHECK(Poco::JSON::Parser().parse(listed.out).extract<Poco::JSON::Array::Ptr>()->size() ==
        static_cast<std::size_t>(counts->getValue<int>("needs_attention")));
  CHECK(cli({"db", "check"}).exitCode == 0);
}

namespace {

// rececon-cli in the background, its output discarded (a killed process must not block on a full pipe).
Poco::ProcessHandle launchCli(const fs::path& data, const std::vector<std::string>& args) {
  std::string command = "exec '" RECECON_CLI_PATH "' --data-dir '" + data.string() + "' --operator batch";
  for (const auto& a : args) command += " '" + a + "'";
  return Poco::Process::launch("/bin/sh", {"-c", command + " >/dev/null 2>&1"});
}

// Waits up to `limit` for the process; its exit code, or nullopt while it still runs.
std::optional<int> waitFor(Poco::ProcessHandle& p, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  for (;;) {
    const int code = p.tryWait();
    if (code != -1) return code;
    if (std::chrono::steady_clock::now() >= until) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

TEST_CASE_METHOD(BulkNight, "Runs killed with SIGKILL at random points resume: each entry reconciled once, nothing lost",
                 "[e2e][bulk][kill]") {
  REQUIRE(cli({"config", "set", "bulk.max_entries_per_file", "40"}).exitCode == 0);
  {
    DataFolder folder(data);
    PatientRegister reg(folder.database(), "setup");
    InsuranceFields noInsurerName;
    noInsurerName.insurerName = "";
    for (std::int64_t p = 2; p <= 300; p += 3) reg.updateInsurance(reg.currentInsurance(p)->id, noInsurerName, "試験");
  }
  const auto insuranceBefore = count("SELECT COUNT(*) AS count FROM insurance");
  std::mt19937 rng(20261121);
  std::uniform_int_distribution<int> killAfterMs(20, 1200);
  std::vector<Date> nights;
  int kills = 0;
  int completedWithoutKill = 0;
  Date night = today();
  while (kills < 50) {
    night = nextBusinessDay(night);
    REQUIRE(std::chrono::sys_days(night) - std::chrono::sys_days(today()) <= std::chrono::days(31));
    nights.push_back(night);
    // 120 patients a night, a different slice of the register each time.
    std::vector<std::int64_t> patients;
    for (int i = 0; i < 120; ++i) patients.push_back(1 + (static_cast<std::int64_t>(nights.size()) * 120 + i) % 556);
    book(patients, night);
    for (;;) {
      auto run = launchCli(data, {"bulk", "run", "--date", toIsoString(night)});
      const auto exited = waitFor(run, std::chrono::milliseconds(killAfterMs(rng)));
      if (exited) {
        INFO("exit " << *exited);
        REQUIRE((*exited == 0 || *exited == 2));
        ++completedWithoutKill;
        break;
      }
      Poco::Process::kill(run);
      run.wait();
      ++kills;
    }
  }
  WARN(kills << " kills over " << nights.size() << " nights; " << completedWithoutKill << " runs finished");

  std::int64_t supplemented = 0;
  for (const Date& n : nights) {
    const auto status = json({"bulk", "status", "--date", toIsoString(n)});
    const auto counts = status->getObject("counts");
    INFO(toIsoString(n));
    CHECK(status->getValue<std::string>("state") == "done");
    CHECK(counts->getValue<int>("entries") == 120);
    CHECK(counts->getValue<int>("reconciled") == 120);
    supplemented += counts->optValue<int>("supplemented", 0);
  }
  const auto files = count("SELECT COUNT(*) AS count FROM bulk_file");
  CHECK(files == static_cast<std::int64_t>(nights.size()) * 3);
  // Each file was uploaded once and every result arrived: no entry is missing from its file's result.
  CHECK(count("SELECT COUNT(*) AS count FROM linkage_request WHERE kind = 'OQSmuquc01req_'") == files);
  CHECK(count("SELECT COUNT(*) AS count FROM bulk_file WHERE state = 'reconciled' AND result_request_id IN"
              " (SELECT request_id FROM linkage_answer)") == files);
  CHECK(count("SELECT COUNT(*) AS count FROM bulk_entry WHERE detail LIKE '%含まれていませんでした%'") == 0);
  // Safe updates applied exactly once each.
  CHECK(supplemented > 0);
  CHECK(count("SELECT COUNT(*) AS count FROM insurance") - insuranceBefore == supplemented);
  CHECK(cli({"db", "check"}).exitCode == 0);
}

TEST_CASE_METHOD(BulkNight, "The simulator's processing, slow and failing paths", "[e2e][bulk][faults]") {
  Date night = nextBusinessDay(today());
  const auto nextNight = [&] {
    night = nextBusinessDay(night);
    book(range(1, 60), night);
    return toIsoString(night);
  };
  book(range(1, 60), night);

  SECTION("processing: OQS answers 処理中 and the download is asked again") {
    const auto status = json({"bulk", "run", "--date", toIsoString(night)});
    CHECK(status->getValue<std::string>("state") == "done");
    CHECK(status->getArray("files")->getObject(0)->getValue<int>("downloads") >= 2);
  }

  SECTION("slow: answers ten times slower, still done") {
    simCommand({"fault", "slow"});
    CHECK(json({"bulk", "run", "--date", toIsoString(night)})->getValue<std::string>("state") == "done");
  }

  SECTION("the upload is refused (SegmentOfResult 9), then done when run again") {
    simCommand({"fault", "error9"});
    const auto failed = json({"bulk", "run", "--date", toIsoString(night)}, {75});
    CHECK(failed->getValue<std::string>("state") == "failed");
    CHECK(failed->getValue<std::string>("detail").find("SIMERR9001") != std::string::npos);
    const auto worklist = cli({"bulk", "worklist", "--date", toIsoString(night)});
    CHECK(worklist.out.find("未照会") != std::string::npos);
    simCommand({"fault", "normal"});
    const auto done = json({"bulk", "run", "--date", toIsoString(night)});
    CHECK(done->getValue<std::string>("state") == "done");
    CHECK(done->getObject("counts")->getValue<int>("reconciled") == 60);
  }

  SECTION("the linkage app is silent: the upload times out; run again when it is back") {
    REQUIRE(cli({"config", "set", "linkage.bulk_timeout_seconds", "3"}).exitCode == 0);
    simCommand({"fault", "silent"});
    const auto failed = json({"bulk", "run", "--date", toIsoString(night)}, {75});
    CHECK(failed->getValue<std::string>("detail").find("時間内に応答がありませんでした") != std::string::npos);
    simCommand({"fault", "normal"});
    CHECK(json({"bulk", "run", "--date", toIsoString(night)})->getValue<std::string>("state") == "done");
  }

  SECTION("downloads fail after acceptance: given up after the limit, continued by the next run") {
    simCommand({"set", "bulk_ready_ms", "8000"});
    const std::string date = nextNight();
    auto run = launchCli(data, {"bulk", "run", "--date", date});
    for (int i = 0; i < 200 && count("SELECT COUNT(*) AS count FROM bulk_file WHERE state = 'waiting'") == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    simCommand({"fault", "error9"});
    const auto exited = waitFor(run, std::chrono::seconds(30));
    REQUIRE(exited);
    CHECK(*exited == 75);
    const auto failed = json({"bulk", "status", "--date", date}, {75});
    CHECK(failed->getValue<std::string>("detail").find("結果の取得でエラー") != std::string::npos);
    simCommand({"fault", "normal"});
    const auto done = json({"bulk", "run", "--date", date});
    CHECK(done->getValue<std::string>("state") == "done");
    CHECK(done->getObject("counts")->getValue<int>("reconciled") == 60);
    CHECK(count("SELECT COUNT(*) AS count FROM linkage_request WHERE kind = 'OQSmuquc01req_'") == 1);  // not uploaded again
  }
}
