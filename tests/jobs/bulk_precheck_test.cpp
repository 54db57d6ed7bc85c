#include <catch2/catch.hpp>

#include <fstream>

#include "app/core/field_errors.h"
#include "app/jobs/appointment_book.h"
#include "app/jobs/bulk_precheck.h"
#include "app/jobs/bulk_reconciliation.h"
#include "app/jobs/bulk_worklist.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/patient_register.h"
#include "db/bulk_repository.h"
#include "db/insurance_repository.h"
#include "db/linkage_request_repository.h"
#include "db/visit_repository.h"
#include "linkage/message_codec.h"
#include "linkage/messages.h"
#include "linkage/text_encoding.h"
#include "tests/support/temp_dir.h"

using namespace rececon;
namespace fs = std::filesystem;

namespace {

const Date kToday = std::chrono::year(2026) / 11 / 21;
const Date kNight = std::chrono::year(2026) / 11 / 24;

std::chrono::system_clock::time_point noonOf(Date d) {
  return std::chrono::sys_days(d) + std::chrono::hours(3);  // 12:00 in Japan
}

// A register with patients of every kind the night may meet, booked for kNight.
struct Night {
  test::TempDir dir;
  DataFolder folder{dir.path() / "データ"};
  db::Database& db = folder.database();
  PatientRegister reg{db, "clerk1"};
  std::map<std::string, std::int64_t> patient;  // role -> patient number

  std::int64_t add(const std::string& role, const std::string& name, const std::string& birth, bool insured = true,
                   const std::string& insuredName = "") {
    const auto p = reg.addPatient({name, "ヤマダ ハナコ", "2", birth, "", "", "", ""}, std::nullopt, "受付").number;
    if (insured) {
      InsuranceFields f;
      f.insurerNumber = "06993877";
      f.symbol = "見本";
      f.number = std::to_string(1000 + p);
      f.branch = "01";
      if (!insuredName.empty()) f.insuredName = insuredName;
      reg.addInsurance(p, f, "保険証から");
    }
    patient[role] = p;
    return p;
  }

  Night() {
    add("supplemented", "山田　花子", "1975-04-01");
    add("changed", "山田　一子", "1980-01-01", true, "山田　太郎");
    add("no_insurance", "山田　三子", "1981-02-02", false);
    add("birth_mismatch", "山田　四子", "1982-03-03");
    add("missing", "山田　五子", "1983-04-04");
    add("invalid", "山田　六子", "1984-05-05");
    add("limit", "山田　七子", "1985-06-06");
    add("wrong_reference", "山田　八子", "1986-07-07");
    add("not_found", "山田　九子", "1987-08-08");
    add("no_change", "山田　十子", "1988-09-09");
    std::vector<AppointmentFields> rows;
    for (const auto& [role, number] : patient) rows.push_back({"2026-11-24", "09:30", std::to_string(number), "内科", "", ""});
    AppointmentBook(db, "clerk1").addAll(rows, "test");
  }

  BulkPrecheck precheck(int perFile = 500) {
    linkage::ExchangeConfig config;
    config.reqDir = dir.path() / "req";
    config.resDir = dir.path() / "res";
    config.faceDir = dir.path() / "face";
    config.archiveDir = dir.path() / "archive";
    config.quarantineDir = dir.path() / "quarantine";
    config.institutionCode = "9919999999";
    BulkOptions o;
    o.maxEntriesPerFile = perFile;
    return BulkPrecheck(db, config, o, "batch", [] { return noonOf(kToday); });
  }

  db::StoredBulkEntry entryOf(std::int64_t runId, const std::string& role) {
    for (const auto& e : db::BulkRepository(db).entries(runId)) {
      if (e.patientNumber == patient.at(role)) return e;
    }
    throw std::runtime_error("no entry for " + role);
  }

  // OQS's answer for an entry: the held data back, valid, unless changed by `edit`.
  linkage::BulkUnit validUnit(const db::StoredBulkEntry& e, const std::function<void(linkage::Qualification&)>& edit = {}) {
    const Patient p = reg.patient(e.patientNumber);
    const auto held = reg.currentInsurance(e.patientNumber);
    linkage::BulkUnit u;
    u.searchInfo = linkage::SearchKey{"06993877", e.symbol, e.number, e.branch, e.birthDate, "0", e.identifier};
    u.processingStatus = "1";
    u.validity = "1";
    linkage::Qualification q;
    q.insurerNumber = "06993877";
    q.symbol = e.symbol;
    q.number = e.number;
    q.branch = e.branch;
    q.name = p.name;
    q.nameKana = p.nameKana;
    q.sex1 = "2";
    q.birthdate = e.birthDate;
    if (!held->insuredName.empty()) q.insuredName = held->insuredName;
    q.limitCertificateChanged = "0";
    if (edit) edit(q);
    u.qualification = q;
    return u;
  }

  // Stores `units` as the downloaded result of the run's only file, as the exchange would have.
  // `edit` changes the file's XML before it is stored (for what the message structs cannot express).
  std::int64_t receive(std::int64_t runId, const std::vector<linkage::BulkUnit>& units, const std::string& reception = "R1",
                       const std::function<void(linkage::XmlElement&)>& edit = {}) {
    linkage::BulkResult r;
    r.header.segmentOfResult = "1";
    r.header.receptionNumber = reception;
    r.header.processedCount = std::to_string(units.size());
    r.units = units;
    linkage::XmlElement xml = linkage::toXml(r);
    if (edit) edit(xml);
    db::LinkageRequestRepository requests(db);
    db::StoredLinkageRequest s;
    s.kind = "OQSmuquc02req_";
    s.fileName = "OQSmuquc02req_202611210001.xml";
    s.state = "pending";
    const std::int64_t requestId = requests.add(s);
    requests.transition(requestId, "pending", "answered", "", "OQSmuquc02res_202611210001.xml");
    db::WriteTransaction tx(db);
    requests.addAnswer(requestId, "OQSmuquc02res_202611210001.xml", "hash",
                       linkage::encodeMessage(xml, linkage::Encoding::ShiftJis));
    db::BulkRepository repo(db);
    db::StoredBulkFile f = repo.files(runId).at(0);
    f.state = BulkStage::Received;
    f.receptionNumber = "R1";
    f.resultRequestId = requestId;
    repo.updateFile(f);
    tx.commit();
    return f.id;
  }
};

}  // namespace

TEST_CASE("Next business day skips Sundays and national holidays, not Saturdays", "[bulk]") {
  using namespace std::chrono;
  CHECK(nextBusinessDay(year(2026) / 11 / 21) == year(2026) / 11 / 24);  // Sun 22, 勤労感謝の日 Mon 23
  CHECK(nextBusinessDay(year(2026) / 11 / 20) == year(2026) / 11 / 21);  // Saturday is a clinic day
  CHECK(nextBusinessDay(year(2026) / 12 / 31) == year(2027) / 1 / 2);
  CHECK(nextBusinessDay(year(2026) / 5 / 2) == year(2026) / 5 / 7);      // 3 Sun, 4, 5, 6 振替休日
}

TEST_CASE_METHOD(Night, "Entries are split across files of the configured size; patients without insurance are listed",
                 "[bulk]") {
  BulkPrecheck bulk = precheck(4);
  const std::int64_t runId = bulk.prepare(kNight);
  const BulkRunStatus s = bulk.status(runId);
  CHECK(s.state == BulkStage::Created);
  CHECK(s.entries == 10);
  REQUIRE(s.files.size() == 3);  // 9 with insurance: 4 + 4 + 1
  CHECK(s.files[0].entries == 4);
  CHECK(s.files[2].entries == 1);
  const auto noInsurance = entryOf(runId, "no_insurance");
  CHECK(noInsurance.outcome == bulk_outcome::kNoInsurance);
  CHECK_FALSE(noInsurance.fileId.has_value());
  CHECK(noInsurance.needsAttention);

  SECTION("preparing again adds only patients booked since, in a new file") {
    CHECK(bulk.prepare(kNight) == runId);
    CHECK(bulk.status(runId).files.size() == 3);
    const auto late = add("late", "山田　遅子", "1990-01-01");
    AppointmentBook(db, "clerk1").add({"2026-11-24", "16:00", std::to_string(late), "", "", ""});
    bulk.prepare(kNight);
    const BulkRunStatus again = bulk.status(runId);
    CHECK(again.entries == 11);
    REQUIRE(again.files.size() == 4);
    CHECK(again.files[3].entries == 1);
  }
}

TEST_CASE_METHOD(Night, "Patients seen in the last N months are checked too when configured", "[bulk]") {
  const auto regular = add("regular", "山田　常連", "1960-01-01");
  {
    db::WriteTransaction tx(db);
    db::StoredVisit v;
    v.visitDate = "2026-10-05";
    v.arrivedAt = "2026-10-05T09:00:00+09:00";
    v.patientNumber = regular;
    v.verification = VisitVerification::Verified;
    v.operatorId = "clerk1";
    db::VisitRepository(db).add(v);
    tx.commit();
  }
  BulkPrecheck onlyBooked = precheck();
  CHECK(onlyBooked.status(onlyBooked.prepare(kNight)).entries == 10);
  linkage::ExchangeConfig config;
  BulkOptions withRecent;
  withRecent.recentMonths = 1;  // from 2026-10-01
  BulkPrecheck recent(db, config, withRecent, "batch", [] { return noonOf(kToday); });
  const std::int64_t runId = recent.prepare(kNight);
  CHECK(recent.status(runId).entries == 11);
  CHECK(entryOf(runId, "regular").outcome.empty());  // pending, in a new file
}

TEST_CASE_METHOD(Night, "A date outside the window or without appointments is refused", "[bulk]") {
  BulkPrecheck bulk = precheck();
  using namespace std::chrono;
  CHECK_THROWS_WITH(bulk.prepare(year(2026) / 11 / 20), Catch::Contains("範囲外"));
  CHECK_THROWS_WITH(bulk.prepare(year(2027) / 1 / 20), Catch::Contains("31 日先まで"));
  CHECK_THROWS_WITH(bulk.prepare(year(2026) / 11 / 25), Catch::Contains("予約がない"));
}

TEST_CASE_METHOD(Night, "Reconciliation classifies every entry once and applies only safe updates", "[bulk]") {
  BulkPrecheck bulk = precheck();
  const std::int64_t runId = bulk.prepare(kNight);
  std::vector<linkage::BulkUnit> units;
  units.push_back(validUnit(entryOf(runId, "supplemented"), [](auto& q) {
    q.insurerName = "架空健康保険組合";
    q.cardValidDate = "20250401";
  }));
  units.push_back(validUnit(entryOf(runId, "changed"), [](auto& q) { q.insuredName = "山田　次郎"; }));
  units.push_back(validUnit(entryOf(runId, "birth_mismatch"), [](auto& q) { q.birthdate = "19820304"; }));
  units.push_back(validUnit(entryOf(runId, "invalid")));
  units.back().validity = "2";
  units.back().qualification->disqualificationDate = "20261031";
  units.push_back(validUnit(entryOf(runId, "limit"), [](auto& q) { q.limitCertificateChanged = "1"; }));
  units.push_back(validUnit(entryOf(runId, "wrong_reference")));
  units.back().referenceNumber = "999";
  linkage::BulkUnit notFound;
  notFound.searchInfo = linkage::SearchKey{};
  notFound.searchInfo->arbitraryIdentifier = entryOf(runId, "not_found").identifier;
  notFound.processingStatus = "2";
  notFound.processingCode = "EQ0004";
  notFound.processingMessage = "該当する資格情報が存在しません。";
  notFound.validity = "4";
  units.push_back(notFound);
  units.push_back(validUnit(entryOf(runId, "no_change")));
  units.push_back(units.back());  // a repeated unit is not applied twice
  linkage::BulkUnit stranger = units.back();
  stranger.searchInfo->arbitraryIdentifier = "77_1";  // nobody of ours
  units.push_back(stranger);

  const auto supplementedBefore = reg.currentInsurance(patient["supplemented"]);
  const auto changedBefore = reg.currentInsurance(patient["changed"]);
  const std::int64_t fileId = receive(runId, units);
  CHECK(reconcileBulkFile(db, fileId, "batch") == 9);
  CHECK(reconcileBulkFile(db, fileId, "batch") == 0);  // once only

  const auto outcome = [&](const std::string& role) { return entryOf(runId, role).outcome; };
  CHECK(outcome("supplemented") == bulk_outcome::kSupplemented);
  CHECK(outcome("changed") == bulk_outcome::kChanged);
  CHECK(outcome("birth_mismatch") == bulk_outcome::kError);
  CHECK(outcome("missing") == bulk_outcome::kError);
  CHECK(outcome("invalid") == bulk_outcome::kInvalid);
  CHECK(outcome("limit") == bulk_outcome::kLimitChanged);
  CHECK(outcome("wrong_reference") == bulk_outcome::kError);
  CHECK(outcome("not_found") == bulk_outcome::kNotFound);
  CHECK(outcome("no_change") == bulk_outcome::kNoChange);
  CHECK(entryOf(runId, "birth_mismatch").detail.find("別の方") != std::string::npos);
  CHECK(entryOf(runId, "missing").detail.find("含まれていません") != std::string::npos);
  CHECK(entryOf(runId, "wrong_reference").detail.find("照会番号 999") != std::string::npos);
  CHECK(entryOf(runId, "not_found").processingCode == "EQ0004");
  CHECK(entryOf(runId, "changed").comparison.find("山田　太郎 → 山田　次郎") != std::string::npos);
  CHECK(db::BulkRepository(db).file(fileId).detail.find("識別子が不明な結果 1 件") != std::string::npos);

  // The safe update: a new current record with the added data, the old one kept, who and why logged.
  const auto supplemented = reg.currentInsurance(patient["supplemented"]);
  CHECK(supplemented->id != supplementedBefore->id);
  CHECK(supplemented->insurerName == "架空健康保険組合");
  CHECK(supplemented->validFrom == Date(std::chrono::year(2025) / 4 / 1));
  CHECK(db::InsuranceRepository(db).get(supplementedBefore->id).state == InsuranceState::Superseded);
  CHECK(entryOf(runId, "supplemented").changedFields == "valid_from,insurer_name");
  const auto history = reg.history(patient["supplemented"]);
  CHECK(history.back().operatorId == "batch");
  CHECK(history.back().reason.find("一括照会") != std::string::npos);
  // Everything else is left for a person.
  CHECK(reg.currentInsurance(patient["changed"])->id == changedBefore->id);
  CHECK(reg.currentInsurance(patient["birth_mismatch"])->insurerName.empty());

  const auto worklist = bulkWorklist(db, kNight);
  CHECK(worklist.size() == 8);  // all but supplemented and no_change
  CHECK(std::none_of(worklist.begin(), worklist.end(), [](const auto& i) { return i.outcome == "no_change"; }));
  setWorklistItemDone(db, worklist.front().entryId, true, "clerk2");
  CHECK(bulkWorklist(db, kNight, true).size() == 7);
  const std::string csv = worklistCsv(bulkWorklist(db, kNight));
  CHECK(csv.starts_with("\xEF\xBB\xBF予約時刻,患者番号"));
  CHECK(csv.find("clerk2") != std::string::npos);
}

TEST_CASE_METHOD(Night, "A result for another reception number is not reconciled", "[bulk]") {
  BulkPrecheck bulk = precheck();
  const std::int64_t runId = bulk.prepare(kNight);
  const std::int64_t fileId = receive(runId, {validUnit(entryOf(runId, "no_change"))}, "R2");
  CHECK_THROWS_WITH(reconcileBulkFile(db, fileId, "batch"), Catch::Contains("R2") && Catch::Contains("違います"));
  CHECK(entryOf(runId, "no_change").state == BulkEntryState::Pending);
}

TEST_CASE_METHOD(Night, "A result whose birth date is missing or unreadable is not applied", "[bulk]") {
  BulkPrecheck bulk = precheck();
  const std::int64_t runId = bulk.prepare(kNight);
  const auto before = reg.currentInsurance(patient["supplemented"]);
  const auto safeUpdateWithBirth = [](std::optional<std::string> birth) {
    return [birth](linkage::Qualification& q) {
      q.insurerName = "架空健康保険組合";  // would be a safe update …
      q.birthdate = birth;                // … but whose birth date is this?
    };
  };
  const std::int64_t fileId = receive(runId, {validUnit(entryOf(runId, "supplemented"), safeUpdateWithBirth("1985/3/4")),
                                              validUnit(entryOf(runId, "no_change"), safeUpdateWithBirth(std::nullopt))});
  CHECK(reconcileBulkFile(db, fileId, "batch") > 0);
  CHECK(entryOf(runId, "supplemented").outcome == bulk_outcome::kError);
  CHECK(entryOf(runId, "supplemented").detail.find("生年月日「1985/3/4」を読めません") != std::string::npos);
  CHECK(entryOf(runId, "no_change").outcome == bulk_outcome::kError);
  CHECK(entryOf(runId, "no_change").detail.find("生年月日がありません") != std::string::npos);
  CHECK(reg.currentInsurance(patient["supplemented"])->id == before->id);
}

TEST_CASE_METHOD(Night, "One malformed unit among 500 goes to the worklist with its reason; the other 499 reconcile",
                 "[bulk]") {
  std::vector<AppointmentFields> rows;
  for (int i = 0; i < 491; ++i) {  // with the 9 insured patients of the night: 500 entries
    const std::string birth = toIsoString(std::chrono::sys_days(std::chrono::year(1950) / 1 / 1) + std::chrono::days(i));
    rows.push_back({"2026-11-24", "10:00", std::to_string(add("extra" + std::to_string(i), "見本　花子", birth)), "内科", "", ""});
  }
  AppointmentBook(db, "clerk1").addAll(rows, "test");
  BulkPrecheck bulk = precheck();
  const std::int64_t runId = bulk.prepare(kNight);
  const auto entries = db::BulkRepository(db).entries(runId);
  std::vector<linkage::BulkUnit> units;
  for (const auto& e : entries) {
    if (!e.number.empty()) units.push_back(validUnit(e));
  }
  REQUIRE(units.size() == 500);
  const std::string oddIdentifier = *units[123].searchInfo->arbitraryIdentifier;
  // Reconstructed from public evidence (readers of the sibling bulk kinds expect one or more of these per
  // unit): unit 124 carries its qualification twice.
  const std::int64_t fileId = receive(runId, units, "R1", [](linkage::XmlElement& xml) {
    int unit = 0;
    for (auto& section : xml.children) {
      if (section.name != "MessageBody") continue;
      for (auto& u : section.children) {
        if (u.name != "BulkConfirmUnit" || unit++ != 123) continue;
        for (const auto& f : u.children) {
          if (f.name == "ResultOfQualificationConfirmation") {
            u.children.push_back(f);
            return;
          }
        }
      }
    }
  });
  CHECK(reconcileBulkFile(db, fileId, "batch") > 0);
  int reconciled = 0, odd = 0;
  for (const auto& e : db::BulkRepository(db).entries(runId)) {
    if (e.number.empty()) continue;
    if (e.identifier == oddIdentifier) {
      ++odd;
      CHECK(e.outcome == bulk_outcome::kError);
      CHECK(e.needsAttention);
      CHECK(e.detail.find("<ResultOfQualificationConfirmation> が1人分の結果の中に2回以上あります") != std::string::npos);
    } else if (e.outcome == bulk_outcome::kNoChange || e.outcome == bulk_outcome::kSupplemented) {
      ++reconciled;
    }
  }
  CHECK(odd == 1);
  CHECK(reconciled == 499);
  CHECK(bulkWorklist(db, kNight, true).size() >= 1);
}

TEST_CASE_METHOD(Night, "Appointments from CSV: Shift_JIS or UTF-8, all or nothing, a second import adds nothing",
                 "[bulk][appointment]") {
  AppointmentBook book(db, "clerk1");
  const fs::path good = dir.path() / "予約.csv";
  std::ofstream(good, std::ios::binary) << linkage::encodeFromUtf8(
      "予約日,時刻,患者番号,診療科,医師,メモ\r\nR8.11.25,９：３０,1,内科,佐藤,初診\r\n2026/11/25,1000,2,,,\r\n", linkage::Encoding::ShiftJis);
  CHECK(book.importCsv(good).added == 2);
  const auto again = book.importCsv(good);
  CHECK(again.added == 0);
  CHECK(again.alreadyBooked == 2);
  const auto day = book.onDate(std::chrono::year(2026) / 11 / 25);
  REQUIRE(day.size() == 2);
  CHECK(day[0].time == "09:30");
  CHECK(day[0].doctor == "佐藤");
  CHECK(day[0].source == "csv:予約.csv");

  const fs::path bad = dir.path() / "bad.csv";
  std::ofstream(bad, std::ios::binary) << "\xEF\xBB\xBF" "date,patient,time\n2026-11-26,1,9:00\n2026-13-01,999,25:00\n";
  try {
    book.importCsv(bad);
    FAIL("no error");
  } catch (const ValidationFailed& e) {
    const std::string what = e.what();
    CHECK(what.find("3行目 予約日") != std::string::npos);
    CHECK(what.find("3行目 時刻") != std::string::npos);
    CHECK(what.find("患者番号 999 は登録されていません") != std::string::npos);
  }
  CHECK(book.onDate(std::chrono::year(2026) / 11 / 26).empty());  // the good row was not stored either
  CHECK_THROWS_WITH(book.add({"2026-11-25", "9:30", "1", "内科", "", ""}), Catch::Contains("すでに登録"));
  CHECK(normalizeAppointmentTime("24:00") == std::nullopt);
  CHECK(normalizeAppointmentTime("") == std::string());
}
