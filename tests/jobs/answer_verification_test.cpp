// Every answer checked against its question and the contract's formats: what disagrees is a finding
// that travels with the result, and such a result is never applied or proposed as a match.

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "app/core/error_catalog.h"
#include "app/jobs/accounts.h"
#include "app/jobs/answer_verification.h"
#include "app/jobs/check_outcome.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/qualification_service.h"
#include "db/qualification_repository.h"
#include "linkage/message_codec.h"
#include "tests/support/authenticator.h"
#include "tests/support/temp_dir.h"

using namespace rececon;

namespace {

db::StoredCheck askedFor(const std::string& birthDate) {
  db::StoredCheck c;
  c.insurerNumber = "06139992";
  c.symbol = "見本";
  c.number = "1234";
  c.branch = "01";
  c.birthDate = birthDate;
  return c;
}

linkage::QualificationResult answer(const std::string& birthDate) {
  linkage::QualificationResult r;
  r.header.segmentOfResult = "1";
  r.processingStatus = "1";
  r.validity = "1";
  linkage::Qualification q;
  q.name = "見本　太郎";
  q.nameKana = "ﾐﾎﾝ ﾀﾛｳ";
  q.sex1 = "1";
  q.birthdate = birthDate;
  q.insurerNumber = "06139992";
  q.symbol = "見本";
  q.number = "1234";
  q.branch = "01";
  r.qualifications.push_back(q);
  return r;
}

bool has(const std::vector<ResultFinding>& findings, const std::string& code, const std::string& element) {
  for (const auto& f : findings) {
    if (f.code == code && f.element == element) return true;
  }
  return false;
}

// A registered patient born 1985-07-04 (the answer() person), for results to be applied to.
std::int64_t addTheAnsweredPerson(PatientRegister& reg) {
  PatientFields p;
  p.name = "見本　太郎";
  p.nameKana = "ミホン　タロウ";
  p.sex = "1";
  p.birthDate = "1985-07-04";
  return reg.addPatient(p, std::nullopt).number;
}

// A card result stored as arrived, as the exchange stores one; its id.
std::int64_t storeArrivedCardResult(db::Database& db, const linkage::QualificationResult& r, const std::string& fileName,
                                    const std::string& contentHash) {
  db::StoredResult stored;
  stored.source = ResultSource::Face;
  stored.fileName = fileName;
  stored.raw = linkage::encodeMessage(linkage::toXml(r), linkage::Encoding::Utf8);
  stored.contentHash = contentHash;
  stored.outcome = outcomeName(outcomeOf(r));
  stored.state = ResultDecision::Arrived;
  db::WriteTransaction tx(db);
  const std::int64_t id = db::QualificationRepository(db).addResult(stored).first;
  tx.commit();
  return id;
}

}  // namespace

TEST_CASE("An answer about the person asked for, in the contract's formats, has no finding", "[verify]") {
  CHECK(verifyAnswer(answer("19850704"), askedFor("19850704")).empty());
  CHECK(verifyAnswer(answer("19850704"), std::nullopt).empty());
}

TEST_CASE("A single check's answer with another birth date needs a person", "[verify]") {
  const auto findings = verifyAnswer(answer("19890704"), askedFor("19850704"));
  REQUIRE(has(findings, "birth_date_mismatch", "Birthdate"));
  CHECK(findings.front().value == "19890704");
  CHECK(findings.front().message.find("19850704") != std::string::npos);
  CHECK(has(verifyAnswer(answer(""), askedFor("19850704")), "birth_date_mismatch", "Birthdate"));
}

TEST_CASE("Echoed search keys that differ from what was sent are named; insurer padding is no difference", "[verify]") {
  auto r = answer("19850704");
  r.searchInfo = linkage::SearchKey{"  139992", "見本", "1234", "01", "19850704", "0", {}};
  auto asked = askedFor("19850704");
  asked.insurerNumber = "139992";
  CHECK(verifyAnswer(r, asked).empty());
  r.searchInfo->number = "1235";
  r.searchInfo->birthdate = "19850705";
  const auto findings = verifyAnswer(r, asked);
  CHECK(has(findings, "search_key_mismatch", "InsuredIdentificationNumber"));
  CHECK(has(findings, "search_key_mismatch", "Birthdate"));
}

TEST_CASE("Values that break their format are findings naming the element and the value as received", "[verify]") {
  auto r = answer("20250231");  // 31 February
  r.qualifications.front().branch = "1";
  r.qualifications.front().sex1 = "9";
  r.qualifications.front().cardExpirationDate = "2026-03-31";
  const auto findings = verifyAnswer(r, std::nullopt);
  CHECK(has(findings, "invalid_value", "Birthdate"));
  CHECK(has(findings, "invalid_value", "InsuredBranchNumber"));
  CHECK(has(findings, "invalid_value", "Sex1"));
  CHECK(has(findings, "invalid_value", "InsuredCardExpirationDate"));
  for (const auto& f : findings) CHECK(f.message.find(f.value) != std::string::npos);
}

TEST_CASE("An unknown QualificationValidity code is an error for a person, never 該当資格なし", "[verify]") {
  auto r = answer("19850704");
  r.validity = "7";
  CHECK(outcomeOf(r) == CheckOutcome::Error);
  CHECK(has(verifyAnswer(r, std::nullopt), "unknown_code", "QualificationValidity"));
  r.validity = "4";
  CHECK(outcomeOf(r) == CheckOutcome::NotFound);
  r.validity.reset();
  CHECK(outcomeOf(r) == CheckOutcome::Error);
}

TEST_CASE("A stored result with findings is reported with them, never matched, never applied", "[verify]") {
  test::TempDir dir;
  DataFolder folder(dir.path());
  db::Database& db = folder.database();
  PatientRegister reg(db, "clerk1");
  const std::int64_t patient = addTheAnsweredPerson(reg);

  // A card result for exactly that person, but with a 枝番 of one digit.
  auto r = answer("19850704");
  r.header.institutionCode = "9919999999";
  r.qualifications.front().branch = "1";
  const std::int64_t id = storeArrivedCardResult(db, r, "OQSsiquc01res_face_x_20261121101530.xml", "h");

  QualificationService service(db, linkage::ExchangeConfig{}, "clerk1", "desk1");
  const CheckReport report = service.reportForResult(id);
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings.front().element == "InsuredBranchNumber");
  REQUIRE(report.match);
  CHECK(report.match->kind != MatchKind::Unique);  // the identity fits, the values do not: a person looks
  CHECK_FALSE(report.patientNumber);
  ApplyDecision all;
  all.patientNumber = patient;
  all.all = true;
  CHECK_THROWS_WITH(service.applyResult(id, all), Catch::Contains("反映できません") && Catch::Contains("InsuredBranchNumber"));
  ApplyDecision reject;
  reject.reject = true;
  CHECK(service.applyResult(id, reject).state == ResultDecision::Rejected);
}

TEST_CASE("An arrived result is claimed once: the terminal that decides second is told who decided", "[verify][terminals]") {
  test::TempDir dir;
  DataFolder folder(dir.path());
  DataFolder otherTerminal(dir.path());  // a second connection to the same register
  PatientRegister reg(folder.database(), "clerk1");
  const std::int64_t patient = addTheAnsweredPerson(reg);
  auto r = answer("19850704");
  r.header.institutionCode = "9919999999";
  const std::int64_t id = storeArrivedCardResult(folder.database(), r, "OQSsiquc01res_face_y_20261121101530.xml", "h2");

  QualificationService here(folder.database(), linkage::ExchangeConfig{}, "clerk1", "desk1");
  QualificationService there(otherTerminal.database(), linkage::ExchangeConfig{}, "clerk2", "desk2");
  ApplyDecision reject;
  reject.reject = true;
  CHECK(there.applyResult(id, reject).state == ResultDecision::Rejected);
  ApplyDecision apply;
  apply.patientNumber = patient;
  apply.all = true;
  try {
    here.applyResult(id, apply);
    FAIL("a result was decided twice");
  } catch (const InvalidInput& e) {
    CHECK(e.code() == kResultAlreadyDecided);
    CHECK_THAT(std::string(e.what()), Catch::Contains("clerk2"));
  }
  CHECK(db::QualificationRepository(folder.database()).result(id).decidedBy == "clerk2");
  CHECK(reg.insurances(patient).empty());  // nothing of the second decision was applied

  // Four terminals press 反映 on the same new result at the same moment: exactly one applies it.
  const std::int64_t raced = storeArrivedCardResult(folder.database(), r, "OQSsiquc01res_face_z_20261121101530.xml", "h3");
  std::atomic<int> applied{0}, refused{0};
  std::vector<std::thread> terminals;
  for (int t = 0; t < 4; ++t) {
    terminals.emplace_back([&, t] {
      DataFolder own(dir.path());
      QualificationService service(own.database(), linkage::ExchangeConfig{}, "clerk" + std::to_string(t), "desk");
      try {
        service.applyResult(raced, apply);
        ++applied;
      } catch (const InvalidInput& e) {
        if (e.code() == kResultAlreadyDecided) ++refused;
      }
    });
  }
  for (auto& t : terminals) t.join();
  CHECK(applied == 1);
  CHECK(refused == 3);
  CHECK(reg.insurances(patient).size() == 1);  // one effect, not four
}

TEST_CASE("A clerk taking a changed name from a result needs a supervisor, or their approval", "[verify][rights]") {
  test::TempDir dir;
  DataFolder folder(dir.path());
  db::Database& db = folder.database();
  Accounts accounts(db, "UKE1");
  const Actor admin = actorOf(accounts.initFirstAdmin("admin", "管理　花子", "Kanri-2026!"), "UKE1");
  accounts.add(admin, "clerk1", "受付　一郎", {Role::Clerk}, "Shoki#Pass1");
  accounts.add(admin, "sup1", "責任者　三郎", {Role::Clerk, Role::Supervisor}, "Shoki#Pass1");
  accounts.changePassword("sup1", "Shoki#Pass1", "Sekinin-Pass8");
  const std::string key = accounts.beginTotp("sup1").secretText;
  accounts.confirmTotp("sup1", test::authenticatorCode(key));
  PatientRegister reg(db, "clerk1");
  const std::int64_t patient = addTheAnsweredPerson(reg);

  // The card says 見本　太朗: the clerk may not take the new name alone; nothing is applied.
  auto r = answer("19850704");
  r.header.institutionCode = "9919999999";
  r.qualifications.front().name = "見本　太朗";
  const std::int64_t id = storeArrivedCardResult(db, r, "OQSsiquc01res_face_n_20261121101530.xml", "hn");
  QualificationService service(db, linkage::ExchangeConfig{}, "clerk1", "desk1");
  ApplyDecision all;
  all.patientNumber = patient;
  all.all = true;
  try {
    service.applyResult(id, all);
    FAIL("a clerk changed a patient's name from a result");
  } catch (const InvalidInput& e) {
    CHECK(e.code() == kRoleRequired);
    CHECK_THAT(std::string(e.what()), Catch::Contains("責任者"));
  }
  CHECK(reg.patient(patient).name == "見本　太郎");
  CHECK(reg.insurances(patient).empty());

  // With the supervisor's approval the name and the card are taken, and the history names them.
  all.approval = accounts.approve("sup1", "Sekinin-Pass8", test::authenticatorCode(key, 1));
  CHECK(service.applyResult(id, all).state == ResultDecision::Applied);
  CHECK(reg.patient(patient).name == "見本　太朗");
  bool named = false;
  for (const auto& e : reg.history(patient)) named = named || e.reason.find("承認: sup1") != std::string::npos;
  CHECK(named);
}
