// End to end against the real oqs-sim process: every request kind, and every fault mode the
// simulator can play. Each test ends with the request in the right terminal state for the right reason.

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <thread>

#include "linkage/codes.h"
#include "linkage/messages.h"
#include "tests/e2e/sim_session.h"

using namespace rececon;
using namespace rececon::linkage;
using rececon::test::SimSession;
namespace fs = std::filesystem;

namespace {

QualificationResult resultOf(SimSession& s, const RequestRecord& r) {
  REQUIRE(s.pollUntil([&] { return s.journal.get(r.id).state != RequestState::Sent; }));
  REQUIRE(s.journal.get(r.id).state == RequestState::Answered);
  return readQualificationResult(s.seen.results.back().second.message.root());
}

std::size_t filesIn(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("Single checks: valid, invalid, newer qualification, not found, several hits", "[e2e]") {
  SimSession s;
  const auto family = s.person("family");
  const auto valid = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(family))));
  CHECK(qualificationValidity(valid.validity.value_or("")) == QualificationValidity::Valid);
  REQUIRE(valid.qualifications.size() == 1);
  CHECK(valid.qualifications[0].name == Text(family[2]));
  CHECK(valid.qualifications[0].branch == Text(family[9]));

  CHECK(resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("invalid"))))).validity == Text("2"));
  const auto newer = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("newer")))));
  CHECK(newer.validity == Text("3"));
  CHECK(newer.qualifications.at(0).disqualificationDate);
  const auto unknown = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("unknown")))));
  CHECK(unknown.validity == Text("4"));
  CHECK(unknown.processingStatus == Text("2"));
  const auto twins = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("twins"), false))));
  CHECK(twins.validity == Text("5"));
  CHECK(twins.processingMessage->find("枝番") != std::string::npos);
}

TEST_CASE("後期高齢, 6-digit 国保 padded to 8, limit certificates with consent", "[e2e]") {
  SimSession s;
  const auto kouki = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("kouki")))));
  CHECK(kouki.validity == Text("1"));
  CHECK_FALSE(kouki.qualifications.at(0).branch);
  CHECK_FALSE(kouki.qualifications.at(0).symbol);

  std::vector<std::string> kokuho;
  for (int i = 0; kokuho.empty(); ++i) {
    auto p = s.person("family", i);
    if (p[6].size() == 6) kokuho = p;
  }
  const auto padded = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(kokuho))));
  CHECK(padded.qualifications.at(0).insurerNumber == Text("  " + kokuho[6]));

  const auto limited = s.person("limit");
  const auto without = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(limited))));
  CHECK_FALSE(without.qualifications.at(0).limitCertificate);
  const auto with = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(limited, true, true))));
  REQUIRE(with.qualifications.at(0).limitCertificate);
  CHECK(with.qualifications.at(0).limitCertificate->classificationFlag->size() == 3);
}

TEST_CASE("Bulk: accepted with a reception number, not ready, then every unit", "[e2e]") {
  SimSession s;
  BulkCheckRequest bulk;
  bulk.header.confirmationDate = "20261122";
  bulk.header.institutionCode = "9919999999";
  bulk.header.fileIdentifier = "BZE2E1";
  for (int i = 0; i < 5; ++i) {
    auto key = s.checkFor(s.person("family", i)).key;
    key.arbitraryIdentifier = std::to_string(i + 1) + "_1";
    bulk.keys.push_back(key);
  }
  bulk.keys.push_back(s.checkFor(s.person("unknown")).key);
  const RequestRecord upload = s.submit(MessageKind::BulkCheckRequest, toXml(bulk));
  REQUIRE(s.pollUntil([&] { return s.journal.get(upload.id).state == RequestState::Answered; }));
  const auto accept = readAcceptResult(s.seen.results.back().second.message.root());
  REQUIRE(accept.receptionNumber);

  DownloadRequest download{Text("9919999999"), accept.receptionNumber};
  const RequestRecord early = s.submit(MessageKind::BulkCheckDownloadRequest, toXml(download));
  REQUIRE(s.pollUntil([&] { return s.journal.get(early.id).state == RequestState::Answered; }));
  const auto notReady = readBulkResult(s.seen.results.back().second.message.root());
  if (notReady.header.segmentOfResult == Text("2")) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1600));
    const RequestRecord later = s.submit(MessageKind::BulkCheckDownloadRequest, toXml(download));
    REQUIRE(s.pollUntil([&] { return s.journal.get(later.id).state == RequestState::Answered; }));
  }
  const auto result = readBulkResult(s.seen.results.back().second.message.root());
  CHECK(result.header.segmentOfResult == Text("1"));
  CHECK(result.header.receptionNumber == accept.receptionNumber);
  REQUIRE(result.units.size() == 6);
  CHECK(result.units[0].searchInfo->arbitraryIdentifier == Text("1_1"));
  CHECK(result.header.errorCount == Text("1"));
  CHECK(result.units[5].validity == Text("4"));
}

TEST_CASE("A registered reference number comes back in later results and on the card", "[e2e]") {
  SimSession s;
  const auto p = s.person("family", 3);
  ReferenceRegistrationRequest reg;
  reg.header.institutionCode = "9919999999";
  reg.header.fileIdentifier = "RNE2E1";
  const auto key = s.checkFor(p).key;
  reg.entries.push_back({Text("4711"), key.insurerNumber, key.symbol, key.number, key.branch});
  const RequestRecord r = s.submit(MessageKind::ReferenceRegistrationRequest, toXml(reg));
  REQUIRE(s.pollUntil([&] { return s.journal.get(r.id).state == RequestState::Answered; }));
  CHECK(readRegistrationResult(s.seen.results.back().second.message.root()).processingStatus == Text("1"));
  const auto checked = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(p))));
  CHECK(checked.qualifications.at(0).referenceNumber == Text("4711"));

  s.simCommand({"face", "--person", p[0]});
  REQUIRE(s.pollUntil([&] { return !s.seen.faces.empty(); }));
  const auto face = readQualificationResult(s.seen.faces[0].message.root());
  CHECK(face.header.referenceClassification == Text("1"));
  CHECK(face.qualifications.at(0).referenceNumber == Text("4711"));
  CHECK(s.seen.faces[0].message.encoding().encoding == Encoding::ShiftJis);
  CHECK(filesIn(s.config.faceDir) == 0);  // archived: we are the only consumer here
}

TEST_CASE("Fault: silent linkage app — the request times out and is taken back", "[e2e][fault]") {
  SimSession s;
  s.simCommand({"fault", "silent"});
  const RequestRecord r = s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("family"))));
  REQUIRE(s.pollUntil([&] { return s.journal.get(r.id).state == RequestState::TimedOut; }, std::chrono::seconds(20)));
  CHECK(s.seen.ended.back().second.find("取り込みませんでした") != std::string::npos);
  CHECK_FALSE(fs::exists(s.config.reqDir / r.fileName));
}

TEST_CASE("Fault: .err refusal — Failed with the linkage app's reason", "[e2e][fault]") {
  SimSession s;
  s.simCommand({"fault", "err"});
  const RequestRecord r = s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("family"))));
  REQUIRE(s.pollUntil([&] { return s.journal.get(r.id).state == RequestState::Failed; }));
  CHECK(s.seen.ended.back().second.find("SIMERR0003") != std::string::npos);
  CHECK(filesIn(s.config.resDir) == 0);
}

TEST_CASE("Fault: SegmentOfResult 9 — answered, and the failure is in the header", "[e2e][fault]") {
  SimSession s;
  s.simCommand({"fault", "error9"});
  const auto r = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("family")))));
  CHECK(segmentOfResult(r.header.segmentOfResult.value_or("")) == SegmentOfResult::Failed);
  CHECK(r.header.errorCode == Text("SIMERR9001"));
  CHECK(r.qualifications.empty());
}

TEST_CASE("Fault: results written slowly in pieces are read only when whole", "[e2e][fault]") {
  SimSession s;
  s.simCommand({"fault", "partial"});
  const auto family = s.person("family");
  const auto r = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(family))));
  CHECK(r.qualifications.at(0).name == Text(family[2]));
  CHECK(s.seen.unreadable.empty());
}

TEST_CASE("Fault: a duplicated result is applied once", "[e2e][fault]") {
  SimSession s;
  s.simCommand({"fault", "duplicate"});
  const RequestRecord r = s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("family"))));
  REQUIRE(s.pollUntil([&] { return s.journal.get(r.id).state == RequestState::Answered; }));
  s.pollUntil([] { return false; }, std::chrono::seconds(3));  // the copy arrives meanwhile
  CHECK(s.seen.results.size() == 1);
}

TEST_CASE("Fault: results for requests nobody sent are left alone", "[e2e][fault]") {
  SimSession s;
  s.simCommand({"fault", "unknown-results"});
  const RequestRecord r = s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("family"))));
  REQUIRE(s.pollUntil([&] { return s.journal.get(r.id).state == RequestState::Answered; }));
  s.pollUntil([] { return false; }, std::chrono::seconds(1));
  CHECK(s.seen.results.size() == 1);
  CHECK(fs::exists(s.config.resDir / "OQSsiquc01res_SIMUNKNOWN0001.xml"));
}

TEST_CASE("Fault: another institution's code — quarantined, never applied", "[e2e][fault]") {
  SimSession s;
  s.simCommand({"fault", "wrong-institution"});
  const RequestRecord r = s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("family"))));
  REQUIRE(s.pollUntil([&] { return s.journal.get(r.id).state == RequestState::Failed; }));
  CHECK(s.seen.results.empty());
  CHECK(s.seen.ended.back().second.find("OQS-WRONG-INSTITUTION") != std::string::npos);
  CHECK(filesIn(s.config.quarantineDir) == 2);  // the file and its reason
}

TEST_CASE("Shift_JIS answers to a UTF-8 request, with shuffled element order", "[e2e][fault]") {
  SimSession s;
  s.simCommand({"set", "encoding", "shift_jis"});
  s.simCommand({"set", "shuffle", "1"});
  const auto family = s.person("family", 1);
  const auto r = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(family))));
  CHECK(s.seen.results.back().second.message.encoding().encoding == Encoding::ShiftJis);
  CHECK(r.qualifications.at(0).nameKana == Text(family[3]));
  CHECK(r.validity == Text("1"));
}

TEST_CASE("Fault: slow answers still land within the time-out", "[e2e][fault]") {
  SimSession s;
  s.simCommand({"fault", "slow"});  // 10 x 100 ms
  const auto r = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("family")))));
  CHECK(r.validity == Text("1"));
}

TEST_CASE("The linkage app stopped and restarted: the waiting request is answered after the restart", "[e2e][fault]") {
  SimSession s;
  s.stopSim();
  const RequestRecord r = s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("family"))));
  s.pollUntil([] { return false; }, std::chrono::seconds(1));
  CHECK(s.journal.get(r.id).state == RequestState::Sent);
  s.startSim();
  REQUIRE(s.pollUntil([&] { return s.journal.get(r.id).state == RequestState::Answered; }));
}

TEST_CASE("Results left longer than ResponseFileStayTime are purged with a del*.txt log", "[e2e]") {
  SimSession s({"--stay-minutes", "60"});
  const fs::path forgotten = s.config.resDir / "OQSsiquc01res_OLDCLIENT0001.xml";
  std::ofstream(forgotten) << "<XmlMsg/>";
  fs::last_write_time(forgotten, fs::file_time_type::clock::now() - std::chrono::hours(2));
  const RequestRecord r = s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(s.person("family"))));
  REQUIRE(s.pollUntil([&] { return s.journal.get(r.id).state == RequestState::Answered; }));
  CHECK_FALSE(fs::exists(forgotten));
  bool logged = false;
  for (const auto& e : fs::directory_iterator(s.config.resDir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("del", 0) == 0) {
      std::ifstream in(e.path());
      logged = std::string(std::istreambuf_iterator<char>(in), {}).find("OQSsiquc01res_OLDCLIENT0001.xml") != std::string::npos;
    }
  }
  CHECK(logged);
  s.pollUntil([] { return false; }, std::chrono::seconds(1));  // the product leaves the del*.txt alone
  CHECK(s.seen.unreadable.empty());
}

TEST_CASE("oqs-sim lists its people as JSON", "[e2e]") {
  SimSession s;
  const std::string json = s.simCommand({"list-persons", "--json"});
  CHECK(json.find("\"category\": \"twins\"") != std::string::npos);
  CHECK(json.find("髙橋") != std::string::npos);  // not \\u-escaped
}

TEST_CASE("Bulk reference registration goes through a reception number too", "[e2e]") {
  SimSession s;
  ReferenceRegistrationRequest bulk;
  bulk.header.institutionCode = "9919999999";
  bulk.header.fileIdentifier = "RNBULK1";
  std::vector<std::vector<std::string>> people;
  for (int i = 0; i < 3; ++i) {
    people.push_back(s.person("family", 10 + i));
    const auto key = s.checkFor(people.back()).key;
    bulk.entries.push_back({Text(std::to_string(9000 + i)), key.insurerNumber, key.symbol, key.number, key.branch});
  }
  const RequestRecord upload = s.submit(MessageKind::BulkReferenceRequest, toXml(bulk));
  REQUIRE(s.pollUntil([&] { return s.journal.get(upload.id).state == RequestState::Answered; }));
  const auto accept = readAcceptResult(s.seen.results.back().second.message.root());
  REQUIRE(accept.receptionNumber);
  std::this_thread::sleep_for(std::chrono::milliseconds(1600));
  const RequestRecord download =
      s.submit(MessageKind::BulkReferenceDownloadRequest, toXml(DownloadRequest{Text("9919999999"), accept.receptionNumber}));
  REQUIRE(s.pollUntil([&] { return s.journal.get(download.id).state == RequestState::Answered; }));
  const auto done = readRegistrationResult(s.seen.results.back().second.message.root());
  CHECK(done.header.segmentOfResult == Text("1"));
  CHECK(done.processingStatus == Text("1"));
  const auto checked = resultOf(s, s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(people[2]))));
  CHECK(checked.qualifications.at(0).referenceNumber == Text("9002"));
}

TEST_CASE("Provisional emergency 4-item search: one hit shows the person, none is an error", "[e2e]") {
  SimSession s;
  const auto p = s.person("family", 5);
  EmergencySearchRequest search;
  search.header.confirmationDate = "20261121";
  search.header.institutionCode = "9919999999";
  search.header.fileIdentifier = "EMERG1";
  search.header.medicalTreatmentFlag = "4";
  search.search.name = p[2];
  search.search.birthdate = p[5];
  search.search.sex = p[4];
  search.search.address = "見本県";
  const auto found = resultOf(s, s.submit(MessageKind::EmergencySearchRequest, toXml(search)));
  CHECK(found.numberOfCandidates == Text("1"));
  REQUIRE(found.qualifications.size() == 1);
  CHECK(found.qualifications[0].name == Text(p[2]));
  search.header.fileIdentifier = "EMERG2";
  search.search.birthdate = "18990101";
  const auto none = resultOf(s, s.submit(MessageKind::EmergencySearchRequest, toXml(search)));
  CHECK(none.numberOfCandidates == Text("0"));
  CHECK(none.processingStatus == Text("2"));
  CHECK(none.qualifications.empty());
}

TEST_CASE("A site that writes Shift_JIS requests gets Shift_JIS answers", "[e2e]") {
  SimSession s;
  auto config = s.config;
  config.requestEncoding = Encoding::ShiftJis;
  s.exchange = std::make_unique<LinkageExchange>(config, s.journal);
  const auto limited = s.person("limit", 2);
  const RequestRecord r = s.submit(MessageKind::SingleCheckRequest, toXml(s.checkFor(limited, true, true)));
  CHECK(r.requestBytes.rfind("<?xml version=\"1.0\" encoding=\"Shift_JIS\"", 0) == 0);
  const auto result = resultOf(s, r);
  CHECK(s.seen.results.back().second.message.encoding().encoding == Encoding::ShiftJis);
  CHECK(result.header.characterCode == Text("1"));
  CHECK(result.qualifications.at(0).name == Text(limited[2]));
}
