#include <catch2/catch.hpp>

#include <set>

#include "app/core/field_errors.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/fallback_reception.h"
#include "app/jobs/linkage_watchdog.h"
#include "app/jobs/patient_register.h"
#include "db/audit_log.h"
#include "tests/support/temp_dir.h"

using namespace rececon;

namespace {

struct Desk {
  test::TempDir dir;
  DataFolder folder{dir.path() / "data"};
  db::Database& db = folder.database();
  FallbackReception reception{db, "clerk1"};
  std::int64_t patient = 0;

  Desk() {
    PatientRegister reg(db, "clerk1");
    patient = reg.addPatient({"山田　花子", "ヤマダ ハナコ", "2", "S50.4.1", "", "東京都", "", ""}, std::nullopt, "受付").number;
  }

  void addInsurance() {
    InsuranceFields f;
    f.insurerNumber = "06993877";
    f.symbol = "見本";
    f.number = "1234";
    f.branch = "01";
    PatientRegister(db, "clerk1").addInsurance(patient, f, "保険証から");
  }
};

}  // namespace

TEST_CASE_METHOD(Desk, "Stand-alone mode is entered and left once, each in the audit log", "[fallback]") {
  CHECK_FALSE(reception.status().active);
  CHECK(reception.enter("連携アプリ停止"));
  CHECK_FALSE(reception.enter("二度目"));
  const FallbackStatus s = reception.status();
  CHECK(s.active);
  CHECK(s.period->startedBy == "clerk1");
  CHECK(s.period->reason == "連携アプリ停止");
  CHECK(reception.leave("復旧"));
  CHECK_FALSE(reception.leave("復旧"));
  CHECK(reception.status().period->endedAt.has_value());
  const auto audit = db::AuditLog(db).recent(10);
  REQUIRE(audit.size() == 2);
  CHECK(audit[0].action == "fallback.off");
  CHECK(audit[1].action == "fallback.on");
}

TEST_CASE_METHOD(Desk, "A visit is received on the current insurance, not verified, tied to the period", "[fallback]") {
  CHECK_THROWS_WITH(reception.registerVisit({patient, std::nullopt, std::nullopt}),
                    Catch::Contains("保険情報がありません") && Catch::Contains("4項目"));
  addInsurance();
  reception.enter("停止");
  const db::StoredVisit v = reception.registerVisit({patient, std::nullopt, std::nullopt});
  CHECK(v.verification == VisitVerification::Unverified);
  CHECK(v.fallbackPeriodId.has_value());
  CHECK(v.insuranceId.has_value());
  const auto audit = db::AuditLog(db).forVisit(v.id);
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].action == "visit.register");
  CHECK(audit[0].detail.find("枝番 01") != std::string::npos);
  CHECK(reception.status().unverified == 1);
}

TEST_CASE_METHOD(Desk, "4 items for a registered patient must match their sex and birth date", "[fallback]") {
  CardFaceFields card{"山田　花子", std::nullopt, "女", "S50.4.2", "東京都", std::nullopt};
  CHECK_THROWS_WITH(reception.capture(card, patient), Catch::Contains("別の方の可能性"));
  CHECK(reception.status().unverified == 0);  // nothing stored
  card.birthDate = "S50.4.1";
  const CaptureOutcome c = reception.capture(card, patient);
  CHECK(reception.status().pendingCaptures == 1);
  const auto pending = pendingCaptures(db);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].second.id == c.visitId);
  CHECK(pending[0].second.patientNumber == patient);
  CHECK(reception.confirmCapture(c.captureId, "コールセンター: 協会けんぽ 06139996 で有効"));
  CHECK_FALSE(reception.confirmCapture(c.captureId, "二度目"));
  CHECK(reception.status().pendingCaptures == 0);
}

TEST_CASE_METHOD(Desk, "Invalid 4 items store nothing", "[fallback]") {
  CHECK_THROWS_AS(reception.capture({std::nullopt, std::nullopt, "x", "", "", std::nullopt}, std::nullopt), ValidationFailed);
  CHECK(reception.status().unverified == 0);
  CHECK(db::AuditLog(db).recent(5).empty());
}

TEST_CASE_METHOD(Desk, "Captured kana is stored as full-width katakana whatever was typed", "[fallback][kana]") {
  reception.capture({"初診　花子", "しょしん　はなこ", "2", "H2.4.1", "東京都", std::nullopt}, std::nullopt);
  reception.capture({std::nullopt, "ｼｮｼﾝ ｼﾞﾛｳ", "1", "H3.5.1", "東京都", std::nullopt}, std::nullopt);
  const auto pending = pendingCaptures(db);
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].first.nameKana == "ショシン　ハナコ");
  CHECK(pending[1].first.nameKana == "ショシン　ジロウ");
  CHECK(pending[1].first.name == "ショシン　ジロウ");  // the kana stands for the name
  CHECK_THROWS_WITH(reception.capture({"初診　三郎", "shoshin", "1", "H2.4.1", "東京都", std::nullopt}, std::nullopt),
                    Catch::Contains("氏名カナ"));
  CHECK(pendingCaptures(db).size() == 2);
}

TEST_CASE_METHOD(Desk, "A zero-width space in the captured address is refused with its position; nothing is stored",
                 "[fallback][text_input]") {
  CHECK_THROWS_WITH(
      reception.capture({"初診　太郎", std::nullopt, "1", "H2.4.1", "東京都\u200B千代田区", std::nullopt}, std::nullopt),
      Catch::Contains("住所の 4 文字目に見えない制御文字（U+200B）"));
  CHECK_THROWS_WITH(
      reception.capture({"初診\u202E太郎", std::nullopt, "1", "H2.4.1", "東京都", std::nullopt}, std::nullopt),
      Catch::Contains("氏名の 3 文字目"));
  CHECK(reception.status().unverified == 0);
  CHECK(pendingCaptures(db).empty());
}

TEST_CASE_METHOD(Desk, "The pending list carries the call-center number, 和暦 dates and a line for the answer", "[fallback]") {
  reception.capture({"初診　太郎", "ショシン タロウ", "1", "H2.4.1", "神奈川県横浜市中区1-1", "全国健康保険協会"}, std::nullopt);
  const std::string sheet = pendingCapturesSheet(pendingCaptures(db), "見本クリニック", "9919999999",
                                                 std::chrono::year_month_day{std::chrono::year(2026), std::chrono::month(11), std::chrono::day(21)});
  CHECK(sheet.find("0800-080-4583") != std::string::npos);
  CHECK(sheet.find("緊急時医療情報・資格確認機能") != std::string::npos);
  CHECK(sheet.find("作成日: 令和8年11月21日") != std::string::npos);
  CHECK(sheet.find("初診　太郎（ショシン　タロウ）") != std::string::npos);  // kana stored in full width
  CHECK(sheet.find("生年月日: 平成2年4月1日") != std::string::npos);
  CHECK(sheet.find("患者未登録") != std::string::npos);
  CHECK(sheet.find("保険者名: 全国健康保険協会") != std::string::npos);
  CHECK(sheet.find("確認結果: ____") != std::string::npos);
}

TEST_CASE("Failure streaks: time-out at once, others at the configured count, classified by the newest", "[watchdog]") {
  using S = db::SettledRequest;
  const S ok{1, "OQSsiquc01req_", "a", "answered", "", "", "", "", false};
  const S refused{2, "OQSsiquc01req_", "b", "failed", "連携アプリが要求を受け付けませんでした: SIMERR0003 要求を…", "", "", "", false};
  const S error9{3, "OQSsiquc01req_", "c", "answered", "", "", "SIMERR9001", "接続できません", true};
  const S wrong{4, "OQSsiquc01req_", "d", "failed", "[OQS-WRONG-INSTITUTION] 医療機関コードが違います", "", "", "", false};
  const S broken{5, "OQSsiquc01req_", "e", "failed", "[OQS-MALFORMED] 壊れています", "", "", "", false};
  const S timedOut{6, "OQSsiquc01req_", "f", "timed_out", "60秒以内に応答がありませんでした。", "", "", "", false};

  CHECK_FALSE(classifyFailures({}, 3));
  CHECK_FALSE(classifyFailures({ok, refused, refused}, 1));  // the newest succeeded
  CHECK_FALSE(classifyFailures({refused, refused, ok}, 3));  // two in a row, three needed
  CHECK(classifyFailures({refused, refused, refused, ok}, 3)->cause == WatchdogCause::Refused);
  CHECK(classifyFailures({refused, refused, refused, ok}, 3)->code == "SIMERR0003");
  CHECK(classifyFailures({timedOut, ok}, 3)->cause == WatchdogCause::NoAnswer);
  const S notTaken{7, "OQSsiquc01req_", "g", "timed_out", "連携アプリが要求ファイルを取り込みませんでした（60秒）。", "", "", "", false};
  CHECK(classifyFailures({notTaken, ok}, 3)->cause == WatchdogCause::Untaken);
  const auto e = classifyFailures({error9, error9}, 2);
  CHECK(e->cause == WatchdogCause::ErrorResults);
  CHECK(e->code == "SIMERR9001");
  CHECK(e->detail.find("2 件続けて") != std::string::npos);
  CHECK(classifyFailures({wrong, wrong}, 2)->cause == WatchdogCause::WrongInstitution);
  CHECK(classifyFailures({broken, refused}, 2)->cause == WatchdogCause::UnreadableResults);
  CHECK(classifyFailures({broken, refused}, 2)->code == "OQS-MALFORMED");
}

TEST_CASE("Every watchdog cause has one stable word for scripts", "[watchdog][enum_names]") {
  std::set<std::string_view> words;
  for (const auto& [cause, word] : EnumNames<WatchdogCause>::table) {
    CHECK(words.insert(word).second);
    CHECK(enumFromName<WatchdogCause>(word) == cause);
  }
  CHECK(words.size() == static_cast<std::size_t>(WatchdogCause::LeftoverRequests) + 1);
  CHECK(nameOf(WatchdogCause::NoAnswer) == "no_answer");
}
