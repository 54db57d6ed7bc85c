// A morning without the linkage, through rececon-cli against the real oqs-sim: the simulator is
// stopped, 300 patients arrive and are received in stand-alone mode (270 on the insurance card they
// show, 30 with only a My Number card: the 4 items), then the simulator comes back and everything is
// re-verified. Nothing may be left unverified, and every visit must be in the audit log.

#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>

#include <map>
#include <set>

#include "tests/e2e/sim_session.h"
#include "tests/support/process_runner.h"

using namespace rececon;
using rececon::test::SimSession;
namespace fs = std::filesystem;

namespace {

struct FallbackSession : test::CliSimSession {
  FallbackSession()
      : CliSimSession(0, {{"linkage.single_timeout_seconds", "4"}, {"linkage.watchdog_untaken_seconds", "2"}}) {}

  Poco::Dynamic::Var json(std::vector<std::string> args, int expectedExit = 0) {
    args.insert(args.begin(), "--json");
    const auto r = cli(args);
    INFO(r.err);
    REQUIRE(r.exitCode == expectedExit);
    return Poco::JSON::Parser().parse(r.out);
  }
};

}  // namespace

TEST_CASE_METHOD(FallbackSession, "300 arrivals during an outage: received stand-alone, all re-verified or flagged",
                 "[e2e][fallback]") {
  const auto people = persons();
  REQUIRE(people.size() >= 300);
  stopSim();

  // The first check of the morning gets no answer; the watchdog names the cause.
  CHECK(cli({"check", "--patient", "1"}).exitCode == 75);
  const auto down = json({"fallback", "status"}).extract<Poco::JSON::Object::Ptr>();
  CHECK(down->getObject("linkage")->getValue<std::string>("health") == "down");
  CHECK_FALSE(down->getValue<bool>("active"));

  REQUIRE(cli({"fallback", "on", "--reason", "資格確認端末が応答しない"}).exitCode == 0);
  std::map<std::int64_t, std::string> categoryOfVisit;
  std::set<std::int64_t> unregisteredVisits;
  std::set<std::string> categories;
  for (int i = 0; i < 300; ++i) {
    // Spread over the whole dataset so that every category (invalid, newer, unknown, twins, …) comes.
    const std::size_t index = static_cast<std::size_t>(i) * people.size() / 300;
    const auto& person = people.at(index);
    const std::string patient = std::to_string(index + 1);
    categories.insert(person[1]);
    Poco::JSON::Object::Ptr visit;
    if (i % 10 != 9) {
      visit = json({"fallback", "visit", "--patient", patient}).extract<Poco::JSON::Object::Ptr>();
    } else if (i % 20 == 9) {  // a registered patient who brought only the My Number card
      visit = json({"fallback", "capture", "--name", person[2], "--kana", person[3], "--sex", person[4], "--birth",
                    person[5], "--address", "東京都千代田区霞が関1-2-2", "--patient", patient})
                  .extract<Poco::JSON::Object::Ptr>();
    } else {  // someone the clinic has never seen
      visit = json({"fallback", "capture", "--name", "初診　太郎" + std::to_string(i), "--sex", "男", "--birth", "平成2年4月1日",
                    "--address", "神奈川県横浜市中区1-1", "--insurer-name", "全国健康保険協会"})
                  .extract<Poco::JSON::Object::Ptr>();
      unregisteredVisits.insert(visit->getValue<std::int64_t>("visit"));
    }
    categoryOfVisit[visit->getValue<std::int64_t>("visit")] = person[1];
  }
  REQUIRE(categoryOfVisit.size() == 300);
  CHECK(categories.count("invalid") == 1);
  CHECK(categories.count("newer") == 1);
  CHECK(categories.count("unknown") == 1);

  const auto during = json({"fallback", "status"}).extract<Poco::JSON::Object::Ptr>();
  CHECK(during->getValue<bool>("active"));
  CHECK(during->getValue<int>("unverified") == 300);
  CHECK(during->getValue<int>("pending_captures") == 30);

  // Still down: re-verification sends one probe, withdraws it, leaves everything unverified (75).
  const auto early = json({"fallback", "reverify"}, 75).extract<Poco::JSON::Object::Ptr>();
  CHECK_FALSE(early->getValue<bool>("linkage_answered"));
  CHECK(early->getValue<int>("unverified") + early->getValue<int>("needs_attention") == 300);

  startSim();
  const auto report = json({"fallback", "reverify"}, 2).extract<Poco::JSON::Object::Ptr>();
  CHECK(report->getValue<bool>("linkage_answered"));
  CHECK(report->getValue<bool>("fallback_ended"));
  CHECK(report->getValue<int>("unverified") == 0);

  const auto after = json({"fallback", "status"}).extract<Poco::JSON::Object::Ptr>();
  CHECK_FALSE(after->getValue<bool>("active"));
  CHECK(after->getValue<int>("unverified") == 0);
  CHECK(after->getValue<int>("reverified") + after->getValue<int>("needs_attention") == 300);
  CHECK(after->getValue<int>("reverified") > 150);

  // Per visit: those whose insurance is no longer valid, or who are not registered, wait for a person.
  const auto visits = report->getArray("visits");
  std::map<std::int64_t, std::string> stateOfVisit;
  for (std::size_t i = 0; i < visits->size(); ++i) {
    const auto v = visits->getObject(i);
    stateOfVisit[v->getValue<std::int64_t>("visit")] = v->getValue<std::string>("state");
  }
  for (const auto& [visit, category] : categoryOfVisit) {
    INFO("visit " << visit << " category " << category);
    if (stateOfVisit.count(visit) == 0) continue;  // settled by the early run (4 items only)
    if (category == "invalid" || category == "newer" || category == "unknown" || unregisteredVisits.count(visit))
      CHECK(stateOfVisit[visit] == "needs_attention");
  }

  // The audit log has each visit's reception and its re-verification.
  const auto audit = json({"fallback", "audit", "--limit", "5000"}).extract<Poco::JSON::Array::Ptr>();
  std::map<std::int64_t, std::set<std::string>> actions;
  for (std::size_t i = 0; i < audit->size(); ++i) {
    const auto e = audit->getObject(i);
    if (e->has("visit")) actions[e->getValue<std::int64_t>("visit")].insert(e->getValue<std::string>("action"));
  }
  for (const auto& [visit, category] : categoryOfVisit) {
    INFO("visit " << visit);
    CHECK((actions[visit].count("visit.register") + actions[visit].count("visit.capture")) == 1);
    CHECK(actions[visit].count("visit.reverify") >= 1);
  }
  CHECK(cli({"db", "check"}).exitCode == 0);
}

TEST_CASE_METHOD(FallbackSession, "Re-verification while the national system answers with errors keeps stand-alone mode",
                 "[e2e][fallback]") {
  // The linkage app runs and answers, but every answer is SegmentOfResult 9 (SIMERR9001: the national
  // system cannot be reached). That is no sign that checks work again.
  simCommand({"fault", "error9"});
  REQUIRE(cli({"fallback", "on", "--reason", "オンライン資格確認等システムの障害"}).exitCode == 0);
  for (const char* patient : {"1", "2", "3"}) json({"fallback", "visit", "--patient", patient});

  const auto report = json({"fallback", "reverify"}, 75).extract<Poco::JSON::Object::Ptr>();
  CHECK(report->getValue<bool>("linkage_answered"));
  CHECK_FALSE(report->getValue<bool>("linkage_working"));
  CHECK_FALSE(report->getValue<bool>("fallback_ended"));
  CHECK(report->getValue<int>("unverified") == 3);
  CHECK(report->getValue<int>("needs_attention") == 0);
  const auto still = json({"fallback", "status"}).extract<Poco::JSON::Object::Ptr>();
  CHECK(still->getValue<bool>("active"));
  CHECK(still->getValue<int>("unverified") == 3);
  const auto text = cli({"fallback", "reverify"});
  CHECK(text.out.find("単独モードのまま") != std::string::npos);
  // The error answers say nothing about the patients: kept, but nobody is asked to decide on them.
  CHECK(cli({"--json", "results", "pending"}).out.find("result_id") == std::string::npos);

  // The system is back: the next run ends stand-alone mode.
  simCommand({"fault", "normal"});
  const auto back = json({"fallback", "reverify"}).extract<Poco::JSON::Object::Ptr>();
  CHECK(back->getValue<bool>("linkage_working"));
  CHECK(back->getValue<bool>("fallback_ended"));
  CHECK_FALSE(json({"fallback", "status"}).extract<Poco::JSON::Object::Ptr>()->getValue<bool>("active"));
}
