#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "app/jobs/data_folder.h"
#include "app/jobs/environment_check.h"
#include "app/jobs/diagnosis_files.h"
#include "app/core/settings_catalog.h"
#include "app/jobs/site_settings.h"
#include "db/linkage_request_repository.h"
#include "tests/support/temp_dir.h"

using namespace rececon;
using std::chrono::system_clock;

namespace {

struct Site {
  test::TempDir dir;
  DataFolder folder{dir.path() / "data"};
  std::filesystem::path req = dir.path() / "共有" / "req", res = dir.path() / "共有" / "res",
                        face = dir.path() / "共有" / "face";

  // The site's own minimum-version list, all entered and satisfied.
  std::filesystem::path diagnosis = dir.path() / "診断";
  EnvironmentCheckOptions options;

  Site() {
    std::filesystem::create_directories(diagnosis);
    std::ofstream(diagnosis / "minimum-versions.csv")
        << "component,label,minimum,note\nlinkage,連携アプリケーション,1.4.0,\ncard_reader,カードリーダー,2.0,\n";
    options.diagnosisDir = diagnosis;
    for (const auto& d : {req, res, face}) std::filesystem::create_directories(d);
    SiteSettings s(folder.database());
    s.set("institution_code", "9919999999", "admin");
    s.set("linkage.req_dir", req.string(), "admin");
    s.set("linkage.res_dir", res.string(), "admin");
    s.set("linkage.face_dir", face.string(), "admin");
    s.set("linkage.single_timeout_seconds", "60", "admin");
    s.set("terminal.version.linkage", "1.4.0", "admin");
    s.set("terminal.version.card_reader", "2.0.3", "admin");
  }

  EnvironmentReport check(system_clock::time_point now = system_clock::now()) {
    return checkEnvironment(folder.database(), folder.dir(), now, options);
  }

  std::int64_t addRequest(const std::string& name, std::int64_t createdAt, std::int64_t deadline) {
    db::StoredLinkageRequest r;
    r.kind = "OQSsiquc01req_";
    r.fileName = name;
    r.requestBytes = "<x/>";
    r.createdAt = createdAt;
    r.deadline = deadline;
    return db::LinkageRequestRepository(folder.database()).add(r);
  }
};

const EnvironmentItem& itemOf(const EnvironmentReport& report, const std::string& id) {
  const auto it = std::find_if(report.items.begin(), report.items.end(), [&](const auto& i) { return i.id == id; });
  if (it == report.items.end()) FAIL("no item " << id);
  return *it;
}

std::int64_t seconds(system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

TEST_CASE("A configured site with reachable folders has no failure", "[environment]") {
  Site site;
  SiteSettings(site.folder.database()).set("linkage.certificate_expiry", "2099-03-31", "admin");
  const auto report = site.check();
  for (const auto& i : report.items) INFO(i.id << ": " << i.detail);
  CHECK(report.worst() == CheckLevel::Ok);
  CHECK(itemOf(report, "folder.face").level == CheckLevel::Ok);
  // The write probe leaves nothing behind in the linkage app's folder.
  CHECK(std::filesystem::is_empty(site.req));
}

TEST_CASE("A missing setting or folder is named as the failing item", "[environment]") {
  test::TempDir dir;
  DataFolder bare(dir.path());
  const auto unset = checkEnvironment(bare.database(), bare.dir(), system_clock::now());
  CHECK(itemOf(unset, "settings").level == CheckLevel::Failure);
  CHECK_THAT(itemOf(unset, "settings").detail, Catch::Contains("linkage.req_dir"));

  Site site;
  std::filesystem::remove(site.face);
  const auto report = site.check();
  CHECK(report.hasFailure());
  CHECK(itemOf(report, "folder.face").level == CheckLevel::Failure);
  CHECK_THAT(itemOf(report, "folder.face").detail, Catch::Contains("見つかりません"));
  CHECK(itemOf(report, "folder.req").level == CheckLevel::Ok);
}

TEST_CASE("A request file left in req past the watchdog's patience means the linkage app is not taking it",
          "[environment]") {
  Site site;
  std::ofstream(site.req / "OQSsiquc01req_20261121093000001.xml") << "<x/>";
  std::ofstream(site.req / "OQSsiquc01req_20261121093000002.xml.tmp") << "<x";  // ours, still being written
  const auto now = system_clock::now();
  const auto fresh = itemOf(site.check(now + std::chrono::seconds(15)), "requests.untaken");
  CHECK(fresh.level == CheckLevel::Ok);
  CHECK(fresh.detail == "1 件");
  // The banner's patience (linkage.watchdog_untaken_seconds, 20 s), not the answer time-out: both say the same.
  const auto later = itemOf(site.check(now + std::chrono::seconds(21)), "requests.untaken");
  CHECK(later.level == CheckLevel::Failure);
  CHECK_THAT(later.detail, Catch::Contains("20 秒以上"));
  CHECK_THAT(later.nextStep, Catch::Contains("単独モード"));
}

TEST_CASE("A request file the linkage app left while it answered others is a leftover, not an outage", "[environment]") {
  Site site;
  const auto now = system_clock::now();
  const auto file = site.req / "OQSsiquc01req_20261121093000001.xml";
  std::ofstream(file) << "<x/>";
  std::filesystem::last_write_time(file, std::filesystem::file_time_type::clock::now() - std::chrono::minutes(10));
  db::LinkageRequestRepository journal(site.folder.database());
  const auto answered = site.addRequest("r1.xml", seconds(now) - 60, seconds(now) + 240);
  journal.transition(answered, "pending", "answered", "", "a1.xml");  // answered now, after the file was left
  const auto item = itemOf(site.check(now), "requests.untaken");
  CHECK(item.level == CheckLevel::Warning);
  CHECK_THAT(item.detail, Catch::Contains("OQSsiquc01req_20261121093000001.xml"));
  CHECK_THAT(item.nextStep, Catch::Contains("受付は続けられます"));
  CHECK_THAT(item.nextStep, !Catch::Contains("config set"));
}

TEST_CASE("Overdue requests, failures in a row and a clock that ran back are reported", "[environment]") {
  Site site;
  const auto now = system_clock::now();
  const std::int64_t t = seconds(now);
  db::LinkageRequestRepository journal(site.folder.database());
  const auto answered = site.addRequest("r1.xml", t - 600, t - 300);
  journal.transition(answered, "pending", "answered", "", "a1.xml");
  for (int i = 2; i <= 4; ++i) {
    const auto id = site.addRequest("r" + std::to_string(i) + ".xml", t - 500 + i, t - 200);
    journal.transition(id, "pending", i == 3 ? "timed_out" : "failed", "SIMERR9001", "");
  }
  site.addRequest("r5.xml", t - 100, t - 10);  // still pending, deadline passed
  const auto report = site.check(now);
  CHECK(itemOf(report, "requests.overdue").level == CheckLevel::Failure);
  CHECK_THAT(itemOf(report, "requests.overdue").detail, Catch::StartsWith("1 件"));
  CHECK(itemOf(report, "requests.failures").level == CheckLevel::Warning);
  CHECK_THAT(itemOf(report, "requests.failures").detail, Catch::StartsWith("3 件"));
  CHECK(itemOf(report, "answers.last").detail != "まだありません");
  CHECK(itemOf(report, "clock").level == CheckLevel::Ok);
  CHECK(itemOf(site.check(now - std::chrono::hours(1)), "clock").level == CheckLevel::Failure);
}

TEST_CASE("The certificate warns from 90 days before its expiry and fails after it", "[environment]") {
  Site site;
  SiteSettings settings(site.folder.database());
  CHECK(itemOf(site.check(), "certificate").level == CheckLevel::Warning);  // not entered yet
  settings.set("linkage.certificate_expiry", "令和8年12月31日", "admin");
  const auto at = [&](int y, unsigned m, unsigned d) {
    std::tm local{};
    local.tm_year = y - 1900;
    local.tm_mon = static_cast<int>(m) - 1;
    local.tm_mday = static_cast<int>(d);
    local.tm_hour = 12;
    local.tm_isdst = -1;
    return itemOf(site.check(system_clock::from_time_t(std::mktime(&local))), "certificate");
  };
  CHECK(at(2026, 10, 1).level == CheckLevel::Ok);        // 91 days left
  CHECK(at(2026, 10, 2).level == CheckLevel::Warning);   // 90 days left
  CHECK_THAT(at(2026, 10, 2).detail, Catch::Contains("令和8年12月31日") && Catch::Contains("あと 90 日"));
  CHECK(at(2026, 12, 31).level == CheckLevel::Warning);  // last valid day
  CHECK(at(2027, 1, 1).level == CheckLevel::Failure);
  CHECK_THAT(at(2027, 1, 1).nextStep, Catch::Contains("012"));
}

TEST_CASE("Terminal software older than the minimum fails, unknown versions warn", "[environment][versions]") {
  Site site;
  CHECK(itemOf(site.check(), "terminal.versions").level == CheckLevel::Ok);
  SiteSettings settings(site.folder.database());
  settings.set("terminal.version.linkage", "1.3.12", "admin");
  const auto old = itemOf(site.check(), "terminal.versions");
  CHECK(old.level == CheckLevel::Failure);
  CHECK_THAT(old.detail, Catch::Contains("連携アプリケーション 1.3.12 < 1.4.0"));
  CHECK_THAT(old.nextStep, Catch::Contains("保守ベンダ"));
  settings.set("terminal.version.linkage", "１．１０", "admin");  // full-width, folded when stored
  CHECK(itemOf(site.check(), "terminal.versions").level == CheckLevel::Ok);
  std::ofstream(site.diagnosis / "minimum-versions.csv", std::ios::app) << "distribution,配信アプリケーション,,\n";
  const auto unknown = itemOf(site.check(), "terminal.versions");
  CHECK(unknown.level == CheckLevel::Warning);
  CHECK_THAT(unknown.detail, Catch::Contains("配信アプリケーション（導入済みバージョン未入力）"));
  std::filesystem::remove(site.diagnosis / "minimum-versions.csv");
  CHECK(itemOf(site.check(), "terminal.versions").level == CheckLevel::Warning);
}

TEST_CASE("Every component of the bundled minimum-version list has its setting", "[environment][versions]") {
  for (const auto& m : loadMinimumVersions(diagnosisDir())) {
    INFO(m.component);
    CHECK_NOTHROW(settingSpec("terminal.version." + m.component));
  }
}

TEST_CASE("The bundled handbook knows the codes of the source documents", "[environment][handbook]") {
  const ErrorHandbook book = loadErrorHandbook();
  for (const char* code : {"012", "901", "PAN907", "0xf0301d1c"}) {
    INFO(code);
    CHECK(book.explain(code).known);
  }
  CHECK_THAT(book.explain("012").entry.nextStep, Catch::Contains("再発行"));
  CHECK(book.checklist().size() >= 6);
  CHECK_THAT(book.checklist().back(), Catch::Contains("0800-080-4583"));
}
