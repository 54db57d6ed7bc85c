// Five reception terminals on one register (PostgreSQL in the pg: run, one shared SQLite file otherwise),
// each its own rececon-cli process with its own data folder (its terminal.conf: identity, folders) against
// the real oqs-sim: checks, card results, edits of the same patients and a bulk run interleaved. Nothing is
// lost, nothing happens twice, every stale edit is refused with the message, every result is claimed once.

#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>
#include <Poco/Process.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "app/core/japanese_date.h"
#include "tests/e2e/sim_session.h"
#include "tests/support/test_database.h"

using namespace rececon;
namespace fs = std::filesystem;
using Json = Poco::JSON::Object::Ptr;

namespace {

constexpr int kTerminals = 5;
constexpr int kPatients = 40;
constexpr int kChecksEach = 40;      // 200 checks
constexpr int kCardResults = 20;     // each raced by all five terminals (100 decisions)
constexpr int kEditRounds = 8;       // each round: all five save on the same view of one patient

Json parse(const std::string& text) { return Poco::JSON::Parser().parse(text).extract<Json>(); }

struct FiveTerminals : test::CliSimSession {
  FiveTerminals() : test::CliSimSession(kPatients) {
    // The register terminal 1 made; the others are pointed at it, as `db use` would.
    const db::DatabaseLocation shared = test::folderDatabase(data);
    register_ = shared.isPostgres() ? shared.postgresUrl() : shared.sqliteFile().string();
    for (int t = 1; t <= kTerminals; ++t) {
      const fs::path folder = t == 1 ? data : dir / ("端末" + std::to_string(t));
      folders.push_back(folder);
      if (t == 1) continue;
      for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
               {"linkage.req_dir", (root / "req").string()},
               {"linkage.res_dir", (root / "res").string()},
               {"linkage.face_dir", (root / "face").string()},
               {"terminal.id", "UKE" + std::to_string(t)}}) {
        const auto r = on(t, {"config", "set", key, value});
        if (r.exitCode != 0) throw std::runtime_error("config set on terminal " + std::to_string(t) + ": " + r.err);
      }
    }
    REQUIRE(on(1, {"config", "set", "terminal.id", "UKE1"}).exitCode == 0);
    // The site's trail key, made by the first terminal, copied to each of the others (README).
    REQUIRE(fs::exists(data / "trail.key"));
    for (int t = 2; t <= kTerminals; ++t) {
      fs::copy_file(data / "trail.key", folders.at(t - 1) / "trail.key");
      fs::permissions(folders.at(t - 1) / "trail.key", fs::perms::owner_read | fs::perms::owner_write);
    }
  }

  // rececon-cli as terminal t (1-based) on the shared register.
  test::ProcessResult on(int t, std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", folders.empty() ? data.string() : folders.at(t - 1).string(), "--database",
                               register_, "--operator", "clerk" + std::to_string(t)});
    return test::runProcess(RECECON_CLI_PATH, args, {{"RECECON_DATABASE", ""}});
  }

  const std::string& sharedRegister() const { return register_; }

  std::vector<fs::path> folders;

 private:
  std::string register_;
};

}  // namespace

TEST_CASE_METHOD(FiveTerminals, "Five terminals on one register: no lost write, no double effect, stale edits refused",
                 "[e2e][terminals]") {
  // The register as every terminal sees it.
  for (int t = 1; t <= kTerminals; ++t) {
    const auto shown = on(t, {"--json", "patient", "show", "1"});
    REQUIRE(shown.exitCode == 0);
    CHECK(parse(shown.out)->getValue<std::string>("name") == persons().at(0).at(2));
  }

  std::atomic<int> checksAnswered{0}, checkFailures{0};
  std::mutex failuresMutex;
  std::vector<std::string> failures;
  const auto note = [&](const std::string& what) {
    std::lock_guard lock(failuresMutex);
    if (failures.size() < 10) failures.push_back(what);
  };

  // 1. Checks from every terminal at once (200), a bulk run beside them.
  std::vector<std::thread> terminals;
  for (int t = 1; t <= kTerminals; ++t) {
    terminals.emplace_back([&, t] {
      for (int i = 0; i < kChecksEach; ++i) {
        const int patient = (i * kTerminals + t) % kPatients + 1;
        const auto r = on(t, {"--json", "check", "--patient", std::to_string(patient)});
        if (r.exitCode == 0 || r.exitCode == 2) ++checksAnswered;  // 2: answered, not valid (the dataset's own cases)
        else {
          ++checkFailures;
          note("check " + std::to_string(patient) + " on " + std::to_string(t) + ": " + std::to_string(r.exitCode) + " " + r.err);
        }
      }
    });
  }
  const std::string tomorrow = toIsoString(Date(std::chrono::sys_days(today()) + std::chrono::days(1)));
  {
    std::ofstream csv(dir / "予約.csv");
    csv << "予約日,時刻,患者番号,診療科\n";
    for (int p = 1; p <= 10; ++p) csv << tomorrow << ",10:00," << p << ",内科\n";
  }
  REQUIRE(on(2, {"appointment", "import", (dir / "予約.csv").string()}).exitCode == 0);
  REQUIRE(on(3, {"config", "set", "bulk.retry_first_seconds", "1"}).exitCode == 0);
  simCommand({"set", "bulk_ready_ms", "300"});
  int bulkExit = -1;
  std::thread bulk([&] { bulkExit = on(3, {"--json", "bulk", "run", "--date", tomorrow}).exitCode; });
  for (auto& t : terminals) t.join();
  bulk.join();
  INFO((failures.empty() ? std::string() : failures.front()));
  CHECK(checksAnswered == kTerminals * kChecksEach);
  CHECK(checkFailures == 0);
  CHECK((bulkExit == 0 || bulkExit == 2));  // 2: items need a person
  CHECK(parse(on(4, {"--json", "bulk", "status", "--date", tomorrow}).out)->getValue<std::string>("state") == "done");

  // 2. Card results: each raced by all five terminals; exactly one decides it.
  const auto people = persons();
  for (int i = 0; i < kCardResults; ++i) simCommand({"face", "--person", people.at(static_cast<std::size_t>(i)).at(0)});
  std::vector<std::int64_t> arrived;
  for (int tries = 0; tries < 50 && static_cast<int>(arrived.size()) < kCardResults; ++tries) {
    on(1 + tries % kTerminals, {"results", "scan"});
    arrived.clear();
    const auto pending = parse("{\"r\":" + on(1, {"--json", "results", "pending"}).out + "}")->getArray("r");
    for (std::size_t k = 0; k < pending->size(); ++k) {
      const auto item = pending->getObject(static_cast<unsigned>(k));
      if (item->getValue<std::string>("source") == "face") arrived.push_back(item->getValue<Poco::Int64>("id"));
    }
    if (static_cast<int>(arrived.size()) < kCardResults) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  REQUIRE(static_cast<int>(arrived.size()) == kCardResults);  // each file stored once, whichever terminal read it
  std::atomic<int> decided{0}, toldWhoDecided{0}, otherwise{0};
  terminals.clear();
  for (int t = 1; t <= kTerminals; ++t) {
    terminals.emplace_back([&, t] {
      for (const std::int64_t id : arrived) {
        const auto r = on(t, {"results", "apply", std::to_string(id), "--reject", "--reason", "受付で確認"});
        if (r.exitCode == 0) ++decided;
        else if (r.err.find("RESULT_ALREADY_DECIDED") != std::string::npos) ++toldWhoDecided;
        else {
          ++otherwise;
          note("apply " + std::to_string(id) + " on " + std::to_string(t) + ": " + r.err);
        }
      }
    });
  }
  for (auto& t : terminals) t.join();
  INFO((failures.empty() ? std::string() : failures.back()));
  CHECK(decided == kCardResults);
  CHECK(toldWhoDecided == kCardResults * (kTerminals - 1));
  CHECK(otherwise == 0);

  // 3. Edits of one patient, all five saving on the same view: one wins each round, four are told to read again.
  std::atomic<int> saved{0}, refusedStale{0}, editOther{0};
  const int before = parse(on(1, {"--json", "patient", "show", "2"}).out)->getValue<int>("version");
  for (int round = 0; round < kEditRounds; ++round) {
    const int seen = parse(on(1 + round % kTerminals, {"--json", "patient", "show", "2"}).out)->getValue<int>("version");
    terminals.clear();
    for (int t = 1; t <= kTerminals; ++t) {
      terminals.emplace_back([&, t, round, seen] {
        const auto r = on(t, {"patient", "update", "2", "--notes", "第" + std::to_string(round) + "回 端末" + std::to_string(t),
                              "--if-version", std::to_string(seen)});
        if (r.exitCode == 0) ++saved;
        else if (r.err.find("がこの患者を変更しました。読み直してください") != std::string::npos) ++refusedStale;
        else {
          ++editOther;
          note("edit on " + std::to_string(t) + ": " + r.err);
        }
      });
    }
    for (auto& t : terminals) t.join();
  }
  CHECK(saved == kEditRounds);
  CHECK(refusedStale == kEditRounds * (kTerminals - 1));
  CHECK(editOther == 0);
  const Json after = parse(on(5, {"--json", "patient", "show", "2"}).out);
  CHECK(after->getValue<int>("version") == before + kEditRounds);  // every save that was accepted is there
  const auto history = on(5, {"--json", "insurance", "history", "--patient", "2"});
  REQUIRE(history.exitCode == 0);
  int notesChanges = 0;
  for (std::size_t at = history.out.find("\"notes\""); at != std::string::npos; at = history.out.find("\"notes\"", at + 1)) ++notesChanges;
  CHECK(notesChanges >= kEditRounds);
}

TEST_CASE_METHOD(FiveTerminals, "A terminal killed with SIGKILL mid-write: the others go on, nothing is half-applied",
                 "[e2e][terminals][kill]") {
  const std::string tomorrow = toIsoString(Date(std::chrono::sys_days(today()) + std::chrono::days(1)));
  {
    std::ofstream csv(dir / "予約.csv");
    csv << "予約日,時刻,患者番号,診療科\n";
    for (int p = 1; p <= kPatients; ++p) csv << tomorrow << ",10:00," << p << ",内科\n";
  }
  REQUIRE(on(1, {"appointment", "import", (dir / "予約.csv").string()}).exitCode == 0);
  REQUIRE(on(1, {"config", "set", "bulk.max_entries_per_file", "8"}).exitCode == 0);
  REQUIRE(on(1, {"config", "set", "bulk.retry_first_seconds", "1"}).exitCode == 0);
  simCommand({"set", "bulk_ready_ms", "200"});

  std::mt19937 random(20261202);
  for (int round = 0; round < 3; ++round) {
    // Terminal 1 runs the night's bulk pre-check and is killed at a random moment, while terminals 2 and 3
    // check patients and edit one.
    std::string command = "exec '" RECECON_CLI_PATH "' --data-dir '" + folders.at(0).string() + "' --database '" +
                          sharedRegister() + "' --operator batch bulk run --date " + tomorrow + " >/dev/null 2>&1";
    Poco::ProcessHandle run = Poco::Process::launch("/bin/sh", {"-c", command});  // --database wins over the environment
    std::atomic<int> ok{0}, failed{0};
    std::vector<std::thread> others;
    for (int t = 2; t <= 3; ++t) {
      others.emplace_back([&, t] {
        for (int i = 0; i < 6; ++i) {
          const auto r = t == 2 ? on(t, {"check", "--patient", std::to_string(i + 1)})
                                : on(t, {"patient", "update", "3", "--notes", "回" + std::to_string(round) + "-" + std::to_string(i)});
          (r.exitCode == 0 || r.exitCode == 2 ? ok : failed)++;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 900)(random)));
    Poco::Process::kill(run);
    run.wait();
    for (auto& t : others) t.join();
    CHECK(failed == 0);  // a killed writer never leaves the register locked for the others
    CHECK(ok == 12);
  }
  // What the killed runs wrote is whole: the next run finishes the night, each entry reconciled once.
  const auto finished = on(4, {"--json", "bulk", "run", "--date", tomorrow});
  CHECK((finished.exitCode == 0 || finished.exitCode == 2));
  const Json status = parse(on(5, {"--json", "bulk", "status", "--date", tomorrow}).out);
  CHECK(status->getValue<std::string>("state") == "done");
  CHECK(status->getObject("counts")->getValue<int>("entries") == kPatients);
  CHECK(status->getObject("counts")->getValue<int>("reconciled") == kPatients);
  CHECK(on(5, {"db", "check"}).exitCode == 0);
}
