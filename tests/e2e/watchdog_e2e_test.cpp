// The watchdog against the real oqs-sim in each of its fault modes: the product's own checks go out
// through the real exchange and database, and the watchdog is asked at an injected time — just before
// and just after the configured limits — so that no test waits for a time-out to pass.

#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "app/jobs/demo_data.h"
#include "app/jobs/diagnosis_files.h"
#include "app/jobs/linkage_result_store.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/linkage_watchdog.h"
#include "app/jobs/qualification_service.h"
#include "app/jobs/site_settings.h"
#include "db/qualification_repository.h"
#include "tests/e2e/sim_session.h"

using namespace rececon;
using rececon::test::SimSession;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct WatchdogSession : SimSession {
  db::Database& db = folder.database();
  ErrorHandbook handbook = loadErrorHandbook();
  WatchdogOptions options;
  linkage::ExchangeConfig site;

  WatchdogSession() {
    site = prepareSite(40, {{"linkage.single_timeout_seconds", "8"},
                            {"linkage.settle_seconds", "3"},
                            {"linkage.watchdog_untaken_seconds", "20"},
                            {"linkage.watchdog_error_count", "2"}});
    options = watchdogOptionsFromSettings(db);
  }

  QualificationService service() { return QualificationService(db, site, "clerk1", "desk1"); }

  std::int64_t check(std::int64_t patient) {
    CheckTarget t;
    t.patientNumber = patient;
    return service().startCheck(t);
  }

  // Polls the folders as the reception window does until done() or the limit.
  bool pollUntil(const std::function<bool()>& done, std::chrono::seconds limit = 15s) {
    LinkagePoller poller(db, site);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      poller.poll();
      if (done()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return done();
  }

  bool ended(std::int64_t checkId) { return service().report(checkId).finished; }

  WatchdogReport watchAt(std::chrono::seconds later) {
    return watchLinkage(db, site, std::chrono::system_clock::now() + later, options, handbook);
  }

  static const WatchdogFinding* find(const WatchdogReport& r, const std::string& cause) {
    for (const auto& f : r.findings)
      if (nameOf(f.cause) == cause) return &f;
    return nullptr;
  }

  static bool reqEmpty(const fs::path& dir) { return fs::is_empty(dir); }
};

}  // namespace

TEST_CASE_METHOD(WatchdogSession, "Healthy linkage: no finding, the last answer shown", "[e2e][watchdog]") {
  const auto id = check(1);
  REQUIRE(pollUntil([&] { return ended(id); }));
  const WatchdogReport r = watchAt(30s);
  CHECK(r.health == LinkageHealth::Healthy);
  CHECK(r.findings.empty());
  CHECK_FALSE(r.lastAnswerAt.empty());
  CHECK(r.summary().find("連携: 正常（最終応答 令和") == 0);
}

TEST_CASE_METHOD(WatchdogSession, "silent: a request left in req trips 'untaken' once the configured time has passed",
                 "[e2e][watchdog]") {
  simCommand({"fault", "silent"});
  check(1);
  std::this_thread::sleep_for(500ms);  // the simulator has seen the file and ignores it
  CHECK(find(watchAt(options.untakenAfter - 2s), "untaken") == nullptr);
  const WatchdogReport r = watchAt(options.untakenAfter + 1s);
  CHECK(r.health == LinkageHealth::Down);
  const auto* f = find(r, "untaken");
  REQUIRE(f);
  CHECK(f->title.find("連携アプリが要求を取り込んでいません") != std::string::npos);
  CHECK(f->nextSteps.front().find("連携アプリケーションが起動しているか") != std::string::npos);
}

TEST_CASE_METHOD(WatchdogSession, "The simulator stopped: the same 'untaken' cause as a hung linkage app",
                 "[e2e][watchdog]") {
  stopSim();
  check(2);
  CHECK(watchAt(0s).health == LinkageHealth::Healthy);
  const WatchdogReport r = watchAt(options.untakenAfter + 1s);
  CHECK(r.health == LinkageHealth::Down);
  REQUIRE(find(r, "untaken"));
  CHECK(r.summary().find("連携: 停止 — 連携アプリが要求を取り込んでいません") == 0);
}

TEST_CASE_METHOD(WatchdogSession, "slow: a request taken but not answered trips 'no_answer' after the time-out",
                 "[e2e][watchdog]") {
  simCommand({"set", "delay_ms", "3000"});
  simCommand({"fault", "slow"});  // answers after 30 s
  check(3);
  REQUIRE(pollUntil([&] { return reqEmpty(config.reqDir); }, 5s));  // taken
  CHECK(find(watchAt(site.singleTimeout - 2s), "no_answer") == nullptr);
  const WatchdogReport r = watchAt(site.singleTimeout + 1s);
  const auto* f = find(r, "no_answer");
  REQUIRE(f);
  CHECK(f->level == LinkageHealth::Down);
  CHECK(f->title == "連携アプリから時間内に応答がありません");
  CHECK(find(r, "untaken") == nullptr);
}

TEST_CASE_METHOD(WatchdogSession, "err: refusals trip 'refused' at the configured count, with the .err code",
                 "[e2e][watchdog]") {
  simCommand({"fault", "err"});
  const auto first = check(4);
  REQUIRE(pollUntil([&] { return ended(first); }));
  CHECK(find(watchAt(0s), "refused") == nullptr);  // one refusal: not yet
  const auto second = check(5);
  REQUIRE(pollUntil([&] { return ended(second); }));
  const WatchdogReport r = watchAt(0s);
  const auto* f = find(r, "refused");
  REQUIRE(f);
  CHECK(f->code == "SIMERR0003");
  CHECK(f->detail.find("2 件続けて") != std::string::npos);
  CHECK(f->nextSteps.front().find("oqs-sim の障害モードを normal に戻してください") != std::string::npos);
}

TEST_CASE_METHOD(WatchdogSession, "error9: SegmentOfResult 9 answers trip 'error_results' with the code explained",
                 "[e2e][watchdog]") {
  simCommand({"fault", "error9"});
  for (std::int64_t patient : {6, 7}) {
    const auto id = check(patient);
    REQUIRE(pollUntil([&] { return ended(id); }));
  }
  const WatchdogReport r = watchAt(0s);
  CHECK(r.health == LinkageHealth::Down);
  const auto* f = find(r, "error_results");
  REQUIRE(f);
  CHECK(f->code == "SIMERR9001");
  CHECK(f->detail.find("オンライン資格確認等システムに接続できません") != std::string::npos);
  // The handbook's step, then the general checklist.
  CHECK(f->nextSteps.at(0).find("回線の再認証") != std::string::npos);
  CHECK(std::find(f->nextSteps.begin(), f->nextSteps.end(), handbook.checklist().front()) != f->nextSteps.end());
}

TEST_CASE_METHOD(WatchdogSession, "wrong-institution: quarantined results trip 'wrong_institution'", "[e2e][watchdog]") {
  simCommand({"fault", "wrong-institution"});
  for (std::int64_t patient : {8, 9}) {
    const auto id = check(patient);
    REQUIRE(pollUntil([&] { return ended(id); }));  // after the settle time
  }
  const WatchdogReport r = watchAt(0s);
  const auto* f = find(r, "wrong_institution");
  REQUIRE(f);
  CHECK(f->code == "OQS-WRONG-INSTITUTION");
  CHECK(f->nextSteps.front().find("医療機関コードを確認") != std::string::npos);
  CHECK(find(r, "unreadable_files"));  // the quarantined files are reported too
  CHECK(find(r, "incomplete_results") == nullptr);  // a wrong code is not a half-written file
}

TEST_CASE_METHOD(WatchdogSession, "partial: half-written results are waited for and reported as 'incomplete_results'",
                 "[e2e][watchdog]") {
  simCommand({"fault", "partial"});
  const auto id = check(10);
  REQUIRE(pollUntil([&] { return ended(id); }));
  CHECK(service().report(id).resultId.has_value());  // read once complete: nothing lost
  const WatchdogReport r = watchAt(0s);
  CHECK(r.health == LinkageHealth::Warning);
  const auto* f = find(r, "incomplete_results");
  REQUIRE(f);
  CHECK(f->title == "結果ファイルが書き込み途中の状態で置かれています");
  CHECK(find(watchAt(options.anomalyWindow + 5s), "incomplete_results") == nullptr);  // forgotten after the window
}

TEST_CASE_METHOD(WatchdogSession, "duplicate: a second identical copy of an answered result is archived as already stored",
                 "[e2e][watchdog]") {
  simCommand({"fault", "duplicate"});
  const auto id = check(11);
  REQUIRE(pollUntil([&] { return ended(id); }));
  const std::int64_t waitingBefore = db::QualificationRepository(db).countInState(ResultDecision::Arrived);
  const auto archivedCopies = [&] {
    int n = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(site.archiveDir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().filename().string().starts_with("OQSsiquc01res_")) ++n;
    }
    return n;
  };
  // The copy comes 2 s later: same name, same bytes — recognised as stored, archived, applied nothing.
  REQUIRE(pollUntil([&] { return archivedCopies() == 2; }, 8s));
  CHECK(db::QualificationRepository(db).countInState(ResultDecision::Arrived) == waitingBefore);
  CHECK(find(watchAt(options.untakenAfter + 1s), "duplicate_results") == nullptr);
  CHECK(find(watchAt(options.untakenAfter + 1s), "unknown_results") == nullptr);
}

TEST_CASE_METHOD(WatchdogSession, "unknown-results: results nobody asked for trip 'unknown_results'", "[e2e][watchdog]") {
  simCommand({"fault", "unknown-results"});
  const auto id = check(12);
  REQUIRE(pollUntil([&] { return ended(id); }));
  const WatchdogReport r = watchAt(options.untakenAfter + 1s);
  const auto* f = find(r, "unknown_results");
  REQUIRE(f);
  CHECK(f->detail.find("SIMUNKNOWN") != std::string::npos);
  CHECK(find(r, "duplicate_results") == nullptr);
}

TEST_CASE_METHOD(WatchdogSession, "Folders unreachable: 'folders' before anything else", "[e2e][watchdog]") {
  fs::rename(config.resDir, config.resDir.string() + ".gone");
  const WatchdogReport r = watchAt(0s);
  CHECK(r.health == LinkageHealth::Down);
  REQUIRE_FALSE(r.findings.empty());
  CHECK(r.findings.front().cause == WatchdogCause::Folders);
  CHECK(r.findings.front().detail.find("結果フォルダ（res）") != std::string::npos);
}

TEST_CASE_METHOD(WatchdogSession, "A leftover file in req does not hide error answers, and clears to a warning once answers flow",
                 "[e2e][watchdog]") {
  // A file the linkage app will never take, left in req long ago (another system's, or one it dropped).
  const fs::path leftover = config.reqDir / "leftover-from-yesterday.bak";
  { std::ofstream(leftover) << "<x/>"; }
  fs::last_write_time(leftover, fs::file_time_type::clock::now() - 10min);
  // Before any answer, it reads as the app having stopped.
  REQUIRE(find(watchAt(0s), "untaken"));

  // The national system is down: the app answers every request with SegmentOfResult 9.
  simCommand({"fault", "error9"});
  for (std::int64_t patient : {6, 7}) {
    const auto id = check(patient);
    REQUIRE(pollUntil([&] { return ended(id); }));
  }
  const WatchdogReport outage = watchAt(0s);
  CHECK(outage.health == LinkageHealth::Down);
  REQUIRE_FALSE(outage.findings.empty());
  CHECK(outage.findings.front().cause == WatchdogCause::ErrorResults);  // the real cause comes first
  CHECK(find(outage, "untaken") == nullptr);
  const auto* leftoverFinding = find(outage, "leftover_requests");
  REQUIRE(leftoverFinding);
  CHECK(leftoverFinding->level == LinkageHealth::Warning);
  CHECK(leftoverFinding->detail.find("leftover-from-yesterday.bak") != std::string::npos);

  // The system is back: nothing says the linkage is down any more; the leftover stays a warning.
  simCommand({"fault", "normal"});
  const auto id = check(8);
  REQUIRE(pollUntil([&] { return ended(id); }));
  const WatchdogReport back = watchAt(0s);
  CHECK(back.health == LinkageHealth::Warning);
  REQUIRE(find(back, "leftover_requests"));
  CHECK(fs::exists(leftover));  // left alone
}
