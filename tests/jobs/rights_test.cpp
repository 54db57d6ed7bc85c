// Rights by role, enforced in app/jobs whatever the front-end: clerks register and receive, a patient's
// identity changes with a supervisor or their approval, administrators manage settings and read the
// access log — which records views, changes and decisions with their terminal and is sealed into the
// trail. Runs on both engines.

#include <catch2/catch.hpp>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "app/jobs/access_record.h"
#include "app/jobs/accounts.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/trail_check.h"
#include "db/sql_statement.h"
#include "tests/support/authenticator.h"
#include "tests/support/temp_dir.h"

using namespace rececon;
using namespace std::chrono;

namespace {

std::string refusal(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code() + " " + e.what();
  }
  return "(done)";
}

struct Clinic {
  test::TempDir dir;
  DataFolder folder{dir.path()};
  Accounts accounts{folder.database(), "UKE1"};
  Actor admin = actorOf(accounts.initFirstAdmin("admin", "管理　花子", "Kanri-2026!"), "UKE1");
  std::string supervisorKey;

  Clinic() {
    accounts.add(admin, "clerk1", "受付　一郎", {Role::Clerk}, "Shoki#Pass1");
    accounts.add(admin, "sup1", "責任者　三郎", {Role::Clerk, Role::Supervisor}, "Shoki#Pass1");
    accounts.changePassword("sup1", "Shoki#Pass1", "Sekinin-Pass8");
    supervisorKey = accounts.beginTotp("sup1").secretText;
    accounts.confirmTotp("sup1", test::authenticatorCode(supervisorKey));
  }

  static PatientFields newPatient() {
    PatientFields f;
    f.name = "山田　花子";
    f.nameKana = "ヤマダ　ハナコ";
    f.birthDate = "1980-04-01";
    f.sex = "2";
    return f;
  }
};

}  // namespace

TEST_CASE_METHOD(Clinic, "Each role does its own work, and a refusal names the role it needs", "[rights]") {
  PatientRegister asClerk(folder.database(), "clerk1");
  const Patient p = asClerk.addPatient(newPatient(), std::nullopt);
  InsuranceFields card;
  card.insurerNumber = "06139992";
  card.symbol = "12";
  card.number = "345";
  card.relationship = "1";
  const InsuranceRecord record = asClerk.addInsurance(p.number, card);

  PatientFields moved;
  moved.address = "見本県見本市1-2-3";
  asClerk.updatePatient(p.number, moved);  // an address is the clerk's to change
  PatientFields renamed;
  renamed.name = "山田　華子";
  const std::string refused = refusal([&] { asClerk.updatePatient(p.number, renamed); });
  CHECK(refused.rfind(kRoleRequired, 0) == 0);
  CHECK(refused.find("責任者") != std::string::npos);
  PatientFields born;
  born.birthDate = "1980-04-02";
  CHECK(refusal([&] { asClerk.updatePatient(p.number, born); }).rfind(kRoleRequired, 0) == 0);
  InsuranceFields numbers;
  numbers.number = "346";
  CHECK(refusal([&] { asClerk.updateInsurance(record.id, numbers); }).rfind(kRoleRequired, 0) == 0);
  InsuranceFields copay;
  copay.copayPercent = "30";
  asClerk.updateInsurance(record.id, copay);  // not an identity field

  // With the supervisor's approval at the clerk's desk, the change is made and the history names both.
  asClerk.setApproval(accounts.approve("sup1", "Sekinin-Pass8", test::authenticatorCode(supervisorKey, 1)));
  asClerk.updatePatient(p.number, renamed, "氏名の訂正");
  const auto history = asClerk.history(p.number);
  CHECK(history.back().operatorId == "clerk1");
  CHECK(history.back().reason == "氏名の訂正（承認: sup1）");
  asClerk.setApproval(std::nullopt);
  CHECK(refusal([&] { asClerk.updatePatient(p.number, born); }).rfind(kRoleRequired, 0) == 0);

  // A supervisor changes it themselves; an administrator runs the site but not the desk.
  PatientRegister asSupervisor(folder.database(), "sup1");
  asSupervisor.updatePatient(p.number, born);
  asSupervisor.updateInsurance(record.id, numbers);
  PatientRegister asAdmin(folder.database(), "admin");
  CHECK(refusal([&] { asAdmin.addPatient(newPatient(), std::nullopt); }).find("受付") != std::string::npos);
  CHECK(refusal([&] { SiteSettings(folder.database()).set("linkage.face_days", "5", "clerk1"); }).find("管理者") != std::string::npos);
  SiteSettings(folder.database()).set("linkage.face_days", "5", "admin");
  CHECK(refusal([&] { requireRight(folder.database(), "clerk1", Right::NightlyRun, "一括照会"); }).find("夜間処理") !=
        std::string::npos);
  // Someone who is no account of this site does nothing at all.
  PatientRegister stranger(folder.database(), "dr.admin");
  CHECK(refusal([&] { stranger.addPatient(newPatient(), std::nullopt); }).rfind(kLoginRequired, 0) == 0);
}

TEST_CASE_METHOD(Clinic, "The access log says who saw or changed whose record, from where; only administrators read it", "[rights]") {
  PatientRegister asClerk(folder.database(), "clerk1");
  const Patient p = asClerk.addPatient(newPatient(), std::nullopt);
  asClerk.openPatient(p.number, "受付画面");
  recordAccess(folder.database(), "clerk1", AccessAction::Print, p.number, "カルテ1号用紙");
  const Date today = floor<days>(system_clock::now());
  CHECK(refusal([&] { readAccessLog(folder.database(), "clerk1", today, today, 100, nullptr); }).find("管理者") != std::string::npos);
  bool more = true;
  const auto entries = readAccessLog(folder.database(), "admin", Date{floor<days>(system_clock::now()) - days(1)},
                                     Date{floor<days>(system_clock::now()) + days(1)}, 100, &more);
  CHECK_FALSE(more);
  std::vector<std::string> actions;
  for (const auto& e : entries) {
    CHECK(e.actor == "clerk1");
    CHECK_FALSE(e.terminal.empty());
    CHECK(e.patientNumber == p.number);
    actions.push_back(e.action);
  }
  CHECK(actions == std::vector<std::string>{"change", "view", "print"});
  CHECK(readAccessLog(folder.database(), "admin", Date{2020y / 1 / 1}, Date{2020y / 1 / 2}, 100, nullptr).empty());

  // Sealed like the other logs: a view erased from the log breaks the trail.
  CHECK(verifyTrail(folder).intact);
  folder.database().prepare("DELETE FROM access_log WHERE action = 'view'").run();
  const TrailVerdict v = verifyTrail(folder);
  CHECK_FALSE(v.intact);
  CHECK(v.finding.find("access_log") != std::string::npos);
}
