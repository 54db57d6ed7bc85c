// Reception at the desk against the real oqs-sim: a patient checked in with a check out, the visit
// settled by the check's outcome, a card result taking a patient in, and a check that gets no answer
// leaving the visit for re-verification.

#include <catch2/catch.hpp>

#include <thread>

#include "app/jobs/demo_data.h"
#include "app/jobs/fallback_reception.h"
#include "app/jobs/linkage_result_store.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/reception_desk.h"
#include "app/jobs/site_settings.h"
#include "db/audit_log.h"
#include "tests/e2e/sim_session.h"

using namespace rececon;
using rececon::test::SimSession;

namespace {

struct DeskSession : SimSession {
  db::Database& db = folder.database();
  linkage::ExchangeConfig site;
  ReceptionDesk desk{db, "clerk1"};

  DeskSession() { site = prepareSite(12, {{"linkage.single_timeout_seconds", "2"}}); }

  QualificationService service() { return QualificationService(db, site, "clerk1", "desk1"); }

  CheckReport checkedIn(std::int64_t patient, db::StoredVisit& visit) {
    CheckTarget t;
    t.patientNumber = patient;
    const auto checkId = service().startCheck(t);
    visit = desk.checkIn(patient, checkId);
    JobContext job;
    return service().waitForCheck(checkId, job, std::chrono::milliseconds(50));
  }
};

}  // namespace

TEST_CASE_METHOD(DeskSession, "A checked-in patient's visit waits for the check and takes its outcome", "[e2e][reception]") {
  db::StoredVisit visit;
  const CheckReport report = checkedIn(1, visit);
  CHECK(visit.verification == VisitVerification::Checking);
  CHECK(visit.checkId == report.checkId);
  // A check out from the desk is no sign of an outage: the stand-alone counts leave it out.
  CHECK(fallbackStatus(db).checking == 0);
  CHECK(fallbackStatus(db).checkingAtDesk == 1);
  REQUIRE(report.resultId);
  CHECK(report.outcome == CheckOutcome::Valid);
  CHECK(desk.settleCheck(visit.id, report));
  CHECK_FALSE(desk.settleCheck(visit.id, report));  // settled once

  const auto rows = receptionList(db, today());
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].state == ReceptionState::Verified);
  CHECK(rows[0].visit.resultId == report.resultId);
  CHECK(rows[0].name == PatientRegister(db, "x").patient(1).name);
  REQUIRE(rows[0].insurance);
  CHECK(rows[0].insurance->patientNumber == 1);
  CHECK(rows[0].arrivedTime.size() == 5);

  // Checked again the same day: the same visit, no second one.
  db::StoredVisit again;
  const CheckReport second = checkedIn(1, again);
  CHECK(again.id == visit.id);
  CHECK(again.checkId == second.checkId);
  CHECK_FALSE(desk.settleCheck(visit.id, report));  // the older check no longer settles it
  CHECK(desk.settleCheck(visit.id, second));
  CHECK(receptionList(db, today()).size() == 1);
  CHECK(db::AuditLog(db).forVisit(visit.id).size() == 4);
}

TEST_CASE_METHOD(DeskSession, "A check without an answer leaves the visit unverified for re-verification",
                 "[e2e][reception]") {
  simCommand({"fault", "silent"});
  db::StoredVisit visit;
  const CheckReport report = checkedIn(2, visit);
  CHECK_FALSE(report.resultId);
  CHECK(desk.settleCheck(visit.id, report));
  const auto rows = receptionList(db, today());
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].state == ReceptionState::Unverified);
  CHECK(rows[0].visit.verificationDetail.find("再確認") != std::string::npos);

}

TEST_CASE_METHOD(DeskSession, "An answer that arrives after the time-out settles the visit it belongs to",
                 "[e2e][reception]") {
  simCommand({"set", "delay_ms", "400"});
  simCommand({"fault", "slow"});  // answers after 4 s; the site waits 2 s
  db::StoredVisit visit;
  const CheckReport report = checkedIn(4, visit);
  REQUIRE_FALSE(report.resultId);
  CHECK(desk.settleCheck(visit.id, report));
  CHECK_FALSE(desk.settleLateAnswer(report));  // nothing arrived yet

  std::optional<std::int64_t> late;
  LinkagePoller poller(db, site);
  for (int i = 0; i < 100 && !late; ++i) {
    poller.poll();
    late = service().report(report.checkId).resultId;
    if (!late) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(late);
  CHECK(desk.settleLateAnswer(service().report(report.checkId)));
  const auto row = receptionList(db, today()).at(0);
  CHECK(row.state == ReceptionState::Verified);
  CHECK(row.visit.resultId == late);
  CHECK(row.visit.verificationDetail.find("遅れて届いた応答") != std::string::npos);
  CHECK_FALSE(desk.settleLateAnswer(service().report(report.checkId)));  // once
}

TEST_CASE_METHOD(DeskSession, "A patient without insurance cannot be checked in by numbers", "[e2e][reception]") {
  const auto p = PatientRegister(db, "clerk1").addPatientWithInsurance(
      {"見本　一郎", "ミホン イチロウ", "1", "S40.1.1", "", "", "", ""}, std::nullopt);
  CHECK_THROWS_WITH(desk.checkIn(p.number, 1), Catch::Contains("保険情報がありません"));
  CHECK(receptionList(db, today()).empty());
}

TEST_CASE_METHOD(DeskSession, "A card result a person decided on takes the patient in", "[e2e][reception]") {
  simCommand({"face", "--person", "P0003"});
  std::int64_t resultId = 0;
  LinkagePoller poller(db, site);  // as the reception window's watcher
  for (int i = 0; i < 150 && resultId == 0; ++i) {
    if (poller.poll() > 0) resultId = service().arrivedResults().front().first;
    else std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(resultId != 0);
  const auto visit = desk.checkInFromCardResult(3, resultId, CheckOutcome::Valid);
  CHECK(visit.verification == VisitVerification::Verified);
  CHECK(visit.resultId == resultId);
  CHECK(visit.verificationDetail == "マイナンバーカードで確認: 有効");
  const auto invalid = desk.checkInFromCardResult(3, resultId, CheckOutcome::Invalid);
  CHECK(invalid.id == visit.id);
  CHECK(invalid.verification == VisitVerification::NeedsAttention);
}
