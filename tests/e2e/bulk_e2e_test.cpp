// Nights of bulk pre-checks through rececon-cli against the real oqs-sim: a 2,000-appointment night with
// every outcome class, runs killed with SIGKILL at random points and resumed, and the simulator's
// processing, slow and failing paths.

#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>
#include <Poco/Process.h>
#include <SQLiteCpp/Database.h>

#include <fstream>
#include <random>
#include <thread>

#include "app/jobs/bulk_settings.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/demo_data.h"
#include "app/jobs/patient_register.h"
#include "tests/e2e/sim_session.h"

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

  std::int64_t count(const std::string& sql) {
    SQLite::Database db((data / "rececon.db").string(), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
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
  CHECK(count("SELECT COUNT(*) FROM appointment") == 2010);
  const auto supplementedBefore = count("SELECT COUNT(*) FROM insurance");

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
  CHECK(count("SELECT COUNT(*) FROM bulk_entry WHERE outcome = 'error' AND patient_number IN (557, 1113, 1669)") == 3);
  // Only the supplemented got new insurance records; the erroneous 557 (also without insurer name) none.
  CHECK(count("SELECT COUNT(*) FROM insurance") - supplementedBefore == counts->getValue<int>("supplemented"));
  CHECK(count("SELECT COUNT(*) FROM insurance WHERE patient_number = 557") == 1);

  // Run again: nothing is sent, nothing reconciled twice.
  const auto requests = count("SELECT COUNT(*) FROM linkage_request");
  REQUIRE(cli({"bulk", "run", "--date", toIsoString(night)}).exitCode == 2);
  CHECK(count("SELECT COUNT(*) FROM linkage_request") == requests);
  CHECK(count("SELECT COUNT(*) FROM bulk_entry") == 2000);

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
