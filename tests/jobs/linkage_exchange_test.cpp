// The folder exchange with a real database journal and real folders. The test plays the linkage
// app by hand here (the oqs-sim end-to-end tests play it with the real simulator process).

#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <fstream>
#include <functional>
#include <thread>

#include "app/jobs/data_folder.h"
#include "app/jobs/linkage_result_store.h"
#include "app/jobs/request_journal_store.h"
#include "db/qualification_repository.h"
#include "linkage/decode_error.h"
#include "linkage/exchange.h"
#include "linkage/exchange_watcher.h"
#include "linkage/file_transfer.h"
#include "linkage/messages.h"
#include "tests/support/temp_dir.h"

using namespace rececon;
using namespace rececon::linkage;
namespace fs = std::filesystem;

namespace {

struct RecordingHandler : ExchangeHandler {
  std::vector<std::pair<RequestRecord, IncomingFile>> results;
  std::vector<IncomingFile> faces;
  std::vector<std::pair<RequestState, std::string>> ended;
  std::vector<std::string> unreadable;
  bool failNext = false;
  std::function<void(const IncomingFile&)> whileHandling;  // what another reader does meanwhile

  void onResult(const RequestRecord& r, const IncomingFile& f) override {
    if (failNext) {
      failNext = false;
      throw std::runtime_error("database busy");
    }
    if (whileHandling) whileHandling(f);
    results.emplace_back(r, f);
  }
  void onFaceResult(const IncomingFile& f) override { faces.push_back(f); }
  void onRequestEnded(const RequestRecord&, RequestState s, const std::string& reason) override {
    ended.emplace_back(s, reason);
  }
  void onUnreadable(const fs::path& file, const std::string& reason) override {
    unreadable.push_back(file.filename().string() + ": " + reason);
  }
};

std::string fileText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeFile(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

struct Fixture {
  test::TempDir dir;
  DataFolder folder{dir.path() / "データ"};
  DatabaseRequestJournal journal{folder.database()};
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
  ExchangeConfig config = [this] {
    ExchangeConfig c;
    c.reqDir = dir.path() / "共有" / "req";
    c.resDir = dir.path() / "共有" / "res";
    c.faceDir = dir.path() / "共有" / "face";
    c.archiveDir = dir.path() / "archive";
    c.quarantineDir = dir.path() / "quarantine";
    c.institutionCode = "9919999999";
    c.settleTime = std::chrono::seconds(0);
    c.facePolicy = FaceFilePolicy::Archive;  // the "leave" default has its own tests
    c.faceWindow = std::chrono::hours(24 * 3650);  // the fixtures' face files carry 2026-11-21 in their names
    c.terminalId = "T1";
    for (const auto& d : {c.reqDir, c.resDir, c.faceDir}) fs::create_directories(d);
    return c;
  }();
  RecordingHandler handler;

  LinkageExchange exchange(ExchangeConfig c) { return LinkageExchange(std::move(c), journal, [this] { return now; }); }

  static XmlElement request(const std::string& identifier) {
    SingleCheckRequest r;
    r.header.confirmationDate = "20261121";
    r.header.institutionCode = "9919999999";
    r.header.fileIdentifier = identifier;
    r.key.insurerNumber = "06999999";
    r.key.number = "9001";
    r.key.branch = "02";
    r.key.birthdate = "19850704";
    r.key.limitConsent = "0";
    return toXml(r);
  }

  // What the linkage app would answer to a request (identifier echoed unless told otherwise).
  std::string answer(const std::string& identifier, Encoding encoding = Encoding::Utf8) {
    QualificationResult r;
    r.header.processExecutionTime = "20261121093016";
    r.header.institutionCode = "9919999999";
    r.header.fileIdentifier = identifier;
    r.header.referenceClassification = "2";
    r.header.segmentOfResult = "1";
    r.header.characterCode = encoding == Encoding::Utf8 ? "0" : "1";
    r.processingStatus = "1";
    r.validity = "1";
    Qualification q;
    q.name = "架空　花子";
    q.nameKana = "ｶｸｳ ﾊﾅｺ";
    q.insurerNumber = "06999999";
    r.qualifications.push_back(q);
    return encodeMessage(toXml(r), encoding);
  }

  fs::path resultPath(const RequestRecord& r) { return config.resDir / *resultFileNameFor(r.fileName); }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "A request is journaled, written whole into req, answered and archived", "[exchange]") {
  auto ex = exchange(config);
  const RequestRecord sent = ex.submit(MessageKind::SingleCheckRequest, request("RZ0001"), nextRequestSuffix(folder.database(), today(), "T1"));
  CHECK(sent.fileName.rfind("OQSsiquc01req_", 0) == 0);
  CHECK(sent.fileName.size() == std::string("OQSsiquc01req_20261121T10001.xml").size());
  CHECK(ex.carriesOurIdentity(sent.fileName));
  CHECK(fileText(config.reqDir / sent.fileName) == sent.requestBytes);
  CHECK(std::distance(fs::directory_iterator(config.reqDir), fs::directory_iterator()) == 1);  // no temporary left
  CHECK(journal.get(sent.id).state == RequestState::Sent);

  fs::remove(config.reqDir / sent.fileName);  // the linkage app takes it …
  writeFile(resultPath(sent), answer("RZ0001", Encoding::ShiftJis));  // … and answers in Shift_JIS
  writeFile(config.resDir / "del20261121000000.txt", "purged");
  ex.poll(handler);
  REQUIRE(handler.results.size() == 1);
  CHECK(handler.results[0].first.id == sent.id);
  CHECK(handler.results[0].second.message.encoding().encoding == Encoding::ShiftJis);
  CHECK(handler.results[0].second.hash == contentHash(handler.results[0].second.bytes));
  CHECK(journal.get(sent.id).state == RequestState::Answered);
  CHECK_FALSE(fs::exists(resultPath(sent)));
  CHECK(fs::exists(config.resDir / "del20261121000000.txt"));  // not ours: untouched
  ex.poll(handler);
  CHECK(handler.results.size() == 1);  // nothing twice
}

TEST_CASE("A file's content hash is its SHA-256, in lower-case hex", "[exchange]") {
  CHECK(contentHash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(contentHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string big(1 << 20, '\x82');  // more than one block, the size of a bulk result
  CHECK(contentHash(big) != contentHash(big.substr(1)));
}

TEST_CASE_METHOD(Fixture, "A half-written result waits; a broken one is quarantined once settled", "[exchange]") {
  config.settleTime = std::chrono::seconds(3600);
  auto patient = exchange(config);
  const RequestRecord sent = patient.submit(MessageKind::SingleCheckRequest, request("RZ0002"), "202611210002");
  const std::string full = answer("RZ0002");
  writeFile(resultPath(sent), full.substr(0, full.size() / 2));
  patient.poll(handler);
  CHECK(handler.results.empty());
  CHECK(handler.unreadable.empty());
  CHECK(journal.get(sent.id).state == RequestState::Sent);
  writeFile(resultPath(sent), full);  // the writer finishes
  patient.poll(handler);
  CHECK(handler.results.size() == 1);

  auto impatient = exchange([&] { auto c = config; c.settleTime = std::chrono::seconds(0); return c; }());
  const RequestRecord second = impatient.submit(MessageKind::SingleCheckRequest, request("RZ0003"), "202611210003");
  writeFile(resultPath(second), "<?xml version=\"1.0\"?>\n<XmlMsg><MessageHeader>");
  impatient.poll(handler);
  CHECK(journal.get(second.id).state == RequestState::Failed);
  REQUIRE(handler.unreadable.size() == 1);
  CHECK(handler.unreadable[0].find("OQS-TRUNCATED") != std::string::npos);
  const fs::path quarantined = config.quarantineDir / resultFileNameFor(second.fileName).value();
  CHECK(fs::exists(quarantined));
  CHECK(fileText(quarantined.string() + ".reason.txt").find("途中で終わっています") != std::string::npos);
}

TEST_CASE_METHOD(Fixture, "A result echoing another identifier is never applied", "[exchange]") {
  auto ex = exchange(config);
  const RequestRecord sent = ex.submit(MessageKind::SingleCheckRequest, request("RZ0004"), "202611210004");
  writeFile(resultPath(sent), answer("RZ9999"));
  ex.poll(handler);
  CHECK(handler.results.empty());
  CHECK(journal.get(sent.id).state == RequestState::Failed);
  REQUIRE(handler.ended.size() == 1);
  CHECK(handler.ended[0].second.find("RZ9999") != std::string::npos);
  CHECK(fs::exists(config.quarantineDir / resultFileNameFor(sent.fileName).value()));
}

TEST_CASE_METHOD(Fixture, "An .err refusal ends the request with the linkage app's text", "[exchange]") {
  auto ex = exchange(config);
  const RequestRecord sent = ex.submit(MessageKind::SingleCheckRequest, request("RZ0005"), "202611210005");
  fs::rename(config.reqDir / sent.fileName, config.resDir / sent.fileName);  // bounced into res …
  const std::string base = sent.fileName.substr(0, sent.fileName.size() - 4);
  writeFile(config.resDir / (base + ".err"), "\x97\x76\x8B\x81\x93\xE0\x97\x65\x82\xC9\x8C\xEB\x82\xE8\r\n");  // 要求内容に誤り (CP932)
  ex.poll(handler);
  CHECK(journal.get(sent.id).state == RequestState::Failed);
  REQUIRE(handler.ended.size() == 1);
  CHECK(handler.ended[0].second.find("要求内容に誤り") != std::string::npos);
  CHECK_FALSE(fs::exists(config.resDir / sent.fileName));
  CHECK_FALSE(fs::exists(config.resDir / (base + ".err")));
}

TEST_CASE_METHOD(Fixture, "Silence times out; an untaken request is taken back; a late answer still lands", "[exchange]") {
  auto ex = exchange(config);
  const RequestRecord untaken = ex.submit(MessageKind::SingleCheckRequest, request("RZ0006"), "202611210006");
  const RequestRecord taken = ex.submit(MessageKind::SingleCheckRequest, request("RZ0007"), "202611210007");
  fs::remove(config.reqDir / taken.fileName);
  now += std::chrono::seconds(299);
  ex.poll(handler);
  CHECK(handler.ended.empty());
  now += std::chrono::seconds(2);
  ex.poll(handler);
  REQUIRE(handler.ended.size() == 2);
  CHECK(handler.ended[0].first == RequestState::TimedOut);
  CHECK(handler.ended[0].second.find("取り込みませんでした") != std::string::npos);
  CHECK(handler.ended[1].second.find("応答がありませんでした") != std::string::npos);
  CHECK_FALSE(fs::exists(config.reqDir / untaken.fileName));
  CHECK(journal.get(taken.id).state == RequestState::TimedOut);

  writeFile(resultPath(taken), answer("RZ0007"));
  ex.poll(handler);
  REQUIRE(handler.results.size() == 1);
  const RequestRecord late = journal.get(taken.id);
  CHECK(late.state == RequestState::Answered);
  CHECK(late.detail.find("時間切れ") != std::string::npos);
}

TEST_CASE_METHOD(Fixture, "A handler that fails leaves the result for the next poll", "[exchange]") {
  auto ex = exchange(config);
  const RequestRecord sent = ex.submit(MessageKind::SingleCheckRequest, request("RZ0008"), "202611210008");
  writeFile(resultPath(sent), answer("RZ0008"));
  handler.failNext = true;
  CHECK_THROWS(ex.poll(handler));
  CHECK(fs::exists(resultPath(sent)));
  CHECK(journal.get(sent.id).state == RequestState::Sent);
  ex.poll(handler);
  CHECK(handler.results.size() == 1);
  CHECK(journal.get(sent.id).state == RequestState::Answered);
}

TEST_CASE_METHOD(Fixture, "A result archived by another of our exchanges while this one handled it is no error",
                 "[exchange]") {
  auto ex = exchange(config);
  const RequestRecord sent = ex.submit(MessageKind::SingleCheckRequest, request("RZ0010"), "202611210010");
  writeFile(resultPath(sent), answer("RZ0010"));
  // The reception window's watcher and a re-verification both poll res: the other one takes the file first.
  handler.whileHandling = [&](const IncomingFile& f) {
    fs::create_directories(dir.path() / "other-archive");
    fs::rename(f.path, dir.path() / "other-archive" / f.path.filename());
  };
  CHECK_NOTHROW(ex.poll(handler));
  CHECK(handler.results.size() == 1);
  CHECK(journal.get(sent.id).state == RequestState::Answered);
}

TEST_CASE_METHOD(Fixture, "Results of requests that are not ours are left alone", "[exchange]") {
  auto ex = exchange(config);
  writeFile(config.resDir / "OQSsiquc01res_OTHERCLIENT01.xml", answer("XX"));
  ex.poll(handler);
  CHECK(handler.results.empty());
  CHECK(handler.unreadable.empty());
  CHECK(fs::exists(config.resDir / "OQSsiquc01res_OTHERCLIENT01.xml"));
}

TEST_CASE_METHOD(Fixture, "Face files: archived when we are the only consumer, left once handled otherwise", "[exchange]") {
  const std::string face = "OQSsiquc01res_face_99199999990a1b2c3d4e5f60718293_20261121101530.xml";
  writeFile(config.faceDir / face, answer("Zx9QkT2mWb7Yc1A="));
  {
    auto leave = exchange([&] { auto c = config; c.facePolicy = FaceFilePolicy::Leave; return c; }());
    leave.poll(handler);
    leave.poll(handler);
    CHECK(handler.faces.size() == 1);
    CHECK(fs::exists(config.faceDir / face));
  }
  auto archive = exchange(config);
  archive.poll(handler);
  CHECK(handler.faces.size() == 2);
  CHECK_FALSE(fs::exists(config.faceDir / face));
  writeFile(config.faceDir / ("OQSsiquc01res_face_x_20261121101531.xml"), "\x82\xA0 not xml");
  archive.poll(handler);
  CHECK(handler.unreadable.size() == 1);
  CHECK(fs::exists(config.quarantineDir / "OQSsiquc01res_face_x_20261121101531.xml.reason.txt"));
}

TEST_CASE_METHOD(Fixture, "Face files left for other readers are handled once, across restarts, and only recent ones",
                 "[exchange]") {
  auto leave = config;
  leave.facePolicy = FaceFilePolicy::Leave;
  leave.faceWindow = std::chrono::hours(24 * 3);
  const auto stampOf = [&](std::chrono::hours ago) {
    const std::time_t t = std::chrono::system_clock::to_time_t(now - ago);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &local);
    return std::string(buf);
  };
  const std::string recent = "OQSsiquc01res_face_99199999990a1b2c3d4e5f60718293_" + stampOf(std::chrono::hours(1)) + ".xml";
  const std::string old = "OQSsiquc01res_face_99199999990a1b2c3d4e5f60718294_" + stampOf(std::chrono::hours(24 * 10)) + ".xml";
  writeFile(config.faceDir / recent, answer("Zx9QkT2mWb7Yc1A="));
  writeFile(config.faceDir / old, answer("Zx9QkT2mWb7Yc1B="));
  LinkageResultStore store(folder.database());
  for (int restart = 0; restart < 3; ++restart) {  // a new exchange each time: what it remembers is in the database
    auto ex = exchange(leave);
    ex.poll(store);
  }
  CHECK(db::QualificationRepository(folder.database()).countInState(ResultDecision::Arrived) == 1);
  CHECK(fs::exists(config.faceDir / recent));
  CHECK(fs::exists(config.faceDir / old));
}

TEST_CASE_METHOD(Fixture, "Another terminal's requests in a shared journal and their answers are never touched",
                 "[exchange]") {
  auto other = config;
  other.terminalId = "T2";
  auto theirs = LinkageExchange(other, journal, [this] { return now; });
  const RequestRecord sent = theirs.submit(MessageKind::SingleCheckRequest, request("RZT2"), "20261121T20001");
  writeFile(resultPath(sent), answer("RZT2"));
  auto ours = exchange(config);  // terminal T1 on the same journal (one register for both)
  ours.poll(handler);
  CHECK(handler.results.empty());
  CHECK(fs::exists(resultPath(sent)));
  CHECK(journal.get(sent.id).state == RequestState::Sent);
  now += std::chrono::hours(1);  // past the deadline: still not ours to time out
  ours.poll(handler);
  CHECK(journal.get(sent.id).state == RequestState::Sent);
  CHECK(handler.ended.empty());
  theirs.poll(handler);
  CHECK(handler.results.size() == 1);
}

TEST_CASE_METHOD(Fixture, "After a crash between journal and file, resume writes the request once", "[exchange]") {
  auto ex = exchange(config);
  RequestRecord pending;
  pending.kind = MessageKind::SingleCheckRequest;
  pending.fileName = "OQSsiquc01req_202611210009.xml";
  pending.fileIdentifier = "RZ0009";
  pending.requestBytes = encodeMessage(request("RZ0009"), Encoding::Utf8);
  pending.deadline = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() + 300;
  const auto id = journal.add(pending);  // journaled, then the program died before writing the file
  CHECK(ex.resume() == 1);
  CHECK(fileText(config.reqDir / pending.fileName) == pending.requestBytes);
  CHECK(journal.get(id).state == RequestState::Sent);
  CHECK(ex.resume() == 0);
}

TEST_CASE_METHOD(Fixture, "Writing into a missing folder fails clearly and leaves nothing behind", "[exchange]") {
  auto broken = exchange([&] { auto c = config; c.reqDir = dir.path() / "ない"; return c; }());
  try {
    broken.submit(MessageKind::SingleCheckRequest, request("RZ0010"), "202611210010");
    FAIL("expected TransferError");
  } catch (const TransferError& e) {
    CHECK(std::string(e.what()).find("フォルダが見つかりません") != std::string::npos);
  }
  CHECK(journal.waiting().empty());  // the journal entry ended as Failed
}

TEST_CASE("10,000 atomic writes: a watcher polling every millisecond never sees an incomplete .xml",
          "[exchange][atomic]") {
  test::TempDir dir;
  const fs::path req = dir.path() / "req";
  fs::create_directories(req);
  const std::string body = encodeMessage(Fixture::request("RZ0000000000"), Encoding::Utf8);
  std::atomic<bool> done{false};
  std::atomic<int> seen{0};
  std::atomic<int> incomplete{0};
  std::thread watcher([&] {
    // Plays the linkage app: every .xml it lists must decode whole; it then takes the file away.
    while (!done || !fs::is_empty(req)) {
      std::error_code ec;
      for (fs::directory_iterator it(req, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() < 4 || name.compare(name.size() - 4, 4, ".xml") != 0) continue;
        try {
          decodeMessage(fileText(it->path()), name);
          ++seen;
        } catch (const DecodeError&) {
          ++incomplete;
        }
        fs::remove(it->path(), ec);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  for (int i = 0; i < 10000; ++i) {
    char name[40];
    std::snprintf(name, sizeof name, "OQSsiquc01req_20261121%04d.xml", i);
    writeFileAtomically(req, name, body);
  }
  done = true;
  watcher.join();
  CHECK(incomplete == 0);
  CHECK(seen == 10000);
}

TEST_CASE("The watcher polls when a folder changes, without waiting for the rescan", "[exchange][watcher]") {
  test::TempDir dir;
  const fs::path res = dir.path() / "res";
  fs::create_directories(res);
  std::mutex m;
  std::condition_variable polled;
  int polls = 0;
  std::vector<std::string> errors;
  ExchangeWatcher watcher({res, dir.path() / "まだない"}, std::chrono::minutes(10), [&] {
    std::lock_guard lock(m);
    ++polls;
    polled.notify_all();
  }, [&](const std::string& e) { errors.push_back(e); });
  watcher.start();
  const auto waitFor = [&](int n) {
    std::unique_lock lock(m);
    return polled.wait_for(lock, std::chrono::seconds(20), [&] { return polls >= n; });
  };
  REQUIRE(waitFor(1));  // the first pass runs at once
  CHECK(watcher.watchedFolders() == 1);  // the missing folder is only rescanned
  // Poco arms its watch on its own thread, so the first writes may come too early to be seen: write
  // until one wakes the poll (the rescan is ten minutes away, so only an event can).
  bool wokenByEvent = false;
  for (int i = 0; i < 200 && !wokenByEvent; ++i) {
    writeFile(res / ("OQSsiquc01res_" + std::to_string(i) + ".xml"), "x");
    std::unique_lock lock(m);
    wokenByEvent = polled.wait_for(lock, std::chrono::milliseconds(100), [&] { return polls >= 2; });
  }
  CHECK(wokenByEvent);
  int before = 0;
  {
    std::lock_guard lock(m);
    before = polls;
  }
  watcher.wake();
  CHECK(waitFor(before + 1));
  watcher.stop();
  CHECK(errors.empty());
}

TEST_CASE("Stopping the watcher while folder events arrive never deadlocks", "[exchange][watcher]") {
  // Destroying a Poco watcher joins its thread; that thread may be delivering an event into wake(). With the
  // lock held across the destruction this hung (seen once in CI); the writes keep events coming throughout.
  test::TempDir dir;
  const fs::path res = dir.path() / "res";
  fs::create_directories(res);
  std::atomic<bool> writing{true};
  std::thread writer([&] {
    for (int i = 0; writing; ++i) writeFile(res / ("OQSsiquc01res_" + std::to_string(i % 50) + ".xml"), "x");
  });
  // A hang is caught by the test's time-out (tests/CMakeLists.txt); a slow stop by the check below.
  auto slowest = std::chrono::steady_clock::duration::zero();
  for (int round = 0; round < 40; ++round) {
    ExchangeWatcher watcher({res}, std::chrono::minutes(10), [] {}, [](const std::string&) {});
    watcher.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto start = std::chrono::steady_clock::now();
    watcher.stop();
    slowest = std::max(slowest, std::chrono::steady_clock::now() - start);
  }
  writing = false;
  writer.join();
  CHECK(slowest < std::chrono::seconds(5));
}
