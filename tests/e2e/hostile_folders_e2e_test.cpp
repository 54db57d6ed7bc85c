// The linkage folders as someone on the clinic's LAN would use them: links planted under our names,
// huge files, FIFOs, a read-only share, files left behind, a second terminal on the same folders. Each
// case runs rececon-cli against the real oqs-sim and checks that nothing outside the folders changed
// (a canary file outside, by hash; the register still whole) and that the case is reported with its code.

#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <thread>

#include "app/core/japanese_date.h"
#include "linkage/file_transfer.h"
#include "tests/e2e/sim_session.h"
#include "tests/support/process_runner.h"

using namespace rececon;
namespace fs = std::filesystem;
using Json = Poco::JSON::Object::Ptr;

namespace {

std::string fileBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string hashOf(const fs::path& p) { return linkage::contentHash(fileBytes(p)); }

unsigned modeOf(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

Json parse(const std::string& text) { return Poco::JSON::Parser().parse(text).extract<Json>(); }

// The first array element whose `key` equals `value`, or null.
Json findIn(const Poco::JSON::Array::Ptr& array, const std::string& key, const std::string& value) {
  for (std::size_t i = 0; array && i < array->size(); ++i) {
    const Json o = array->getObject(i);
    if (o && o->has(key) && o->getValue<std::string>(key) == value) return o;
  }
  return nullptr;
}

struct HostileSession : test::CliSimSession {
  fs::path outside = dir / "外部";
  fs::path canary = outside / "shadow";
  std::string canaryHash;

  explicit HostileSession(int people = 20)
      : CliSimSession(people, {{"linkage.single_timeout_seconds", "6"}, {"linkage.settle_seconds", "1"},
                           {"linkage.face_file_policy", "archive"}}) {
    fs::create_directories(outside);
    std::ofstream(canary) << "root:$6$secret:19000:0:99999:7:::\n";
    fs::permissions(canary, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    canaryHash = hashOf(canary);
  }

  fs::path database() const { return data / "rececon.db"; }
  fs::path quarantine() const { return data / "linkage" / "quarantine"; }

  // What the register says of patient 5, to compare before and after.
  std::string patientFive() { return cli({"--json", "patient", "show", "5"}).out; }

  std::pair<int, Json> check(const std::string& patient) {
    const auto r = cli({"--json", "check", "--patient", patient});
    INFO(r.err);
    REQUIRE_FALSE(r.out.empty());
    return {r.exitCode, parse(r.out)};
  }

  Json diagItem(const std::string& id) {
    const auto r = cli({"--json", "diag"});
    return findIn(parse(r.out)->getArray("items"), "id", id);
  }

  Json finding(const std::string& cause) {
    const auto r = cli({"--json", "fallback", "status"});
    INFO(r.err);
    return findIn(parse(r.out)->getObject("linkage")->getArray("findings"), "cause", cause);
  }

  std::string terminalId() { return parse(cli({"--json", "config", "get", "terminal.id"}).out)->getValue<std::string>("value"); }

  // The request file name the next check of this data folder will use (its sequence number n).
  std::string nextRequestName(int n) {
    char number[8];
    std::snprintf(number, sizeof number, "%04d", n);
    return "OQSsiquc01req_" + toCompactString(today()) + terminalId() + number + ".xml";
  }

  void requireOutsideUntouched(const std::string& patientBefore) {
    CHECK(hashOf(canary) == canaryHash);
    const auto checked = cli({"db", "check"});
    INFO(checked.out << checked.err);
    CHECK(checked.exitCode == 0);
    CHECK(patientFive() == patientBefore);
  }
};

}  // namespace

TEST_CASE_METHOD(HostileSession, "1. Links planted under our next file names in req and beside an export are never written through",
                 "[e2e][hostile]") {
  const std::string before = patientFive();
  // The names a guesser would plant: the old temporary name of the next request, and the request itself.
  fs::create_symlink(database(), root / "req" / (nextRequestName(1) + ".tmp"));
  fs::create_symlink(canary, root / "req" / nextRequestName(2));

  const auto [first, report] = check("1");  // request 1: the planted .tmp is not a name we use
  CHECK(first == 0);
  CHECK(report->getValue<std::string>("outcome") == "有効");
  const auto second = cli({"check", "--patient", "2"});  // request 2: its name is taken by a link
  CHECK(second.exitCode == 74);
  CHECK(second.err.find("同じ名前のファイルがすでにあります") != std::string::npos);
  CHECK(fs::is_symlink(root / "req" / nextRequestName(2)));  // left alone
  const Json contents = diagItem("folder.contents");
  REQUIRE(contents);
  CHECK(contents->getValue<std::string>("detail").find("OQS-SYMLINK") != std::string::npos);

  // An export whose old temporary name is a planted link.
  const fs::path pdf = outside / "カルテ.pdf";
  fs::create_symlink(canary, pdf.string() + ".tmp");
  const auto printed = cli({"form", "karte1", "--patient", "5", "-o", pdf.string()});
  INFO(printed.err);
  CHECK(printed.exitCode == 0);
  CHECK(modeOf(pdf) == 0600);
  CHECK(fs::is_symlink(pdf.string() + ".tmp"));
  requireOutsideUntouched(before);
}

TEST_CASE_METHOD(HostileSession, "2. Links in face and res are never followed, copied or taken as results", "[e2e][hostile]") {
  const std::string before = patientFive();
  // A valid card result kept elsewhere, and links to it, to the database and to the canary in face.
  simCommand({"face", "--person", "P0003"});
  fs::path realFace;
  for (const auto& e : fs::directory_iterator(root / "face")) realFace = e.path();
  fs::rename(realFace, outside / realFace.filename());
  const std::string stamp = realFace.filename().string().substr(realFace.filename().string().size() - 18);
  fs::create_symlink(outside / realFace.filename(), root / "face" / ("OQSsiquc01res_face_9919999999aaaaaaaaaaaaaaaaaaaa_" + stamp));
  fs::create_symlink(canary, root / "face" / ("OQSsiquc01res_face_9919999999bbbbbbbbbbbbbbbbbbbb_" + stamp));
  fs::create_symlink(database(), root / "face" / ("OQSsiquc01res_face_9919999999cccccccccccccccccccc_" + stamp));
  REQUIRE(::mkfifo((root / "face" / ("OQSsiquc01res_face_9919999999dddddddddddddddddddd_" + stamp)).c_str(), 0600) == 0);

  const auto scan = cli({"--json", "results", "scan"});
  INFO(scan.err);
  CHECK(scan.exitCode == 0);
  CHECK(cli({"--json", "results", "pending"}).out.find("\"source\": \"face\"") == std::string::npos);
  std::error_code ec;
  CHECK((!fs::exists(quarantine(), ec) || fs::is_empty(quarantine())));  // nothing copied in
  for (const auto& e : fs::directory_iterator(root / "face")) CHECK_FALSE(fs::is_regular_file(fs::symlink_status(e.path())));
  const Json f = finding("suspicious_files");
  REQUIRE(f);
  CHECK((f->getValue<std::string>("code") == "OQS-SYMLINK" || f->getValue<std::string>("code") == "OQS-NOT-A-FILE"));
  const Json contents = diagItem("folder.contents");
  REQUIRE(contents);
  CHECK(contents->getValue<std::string>("level") == "warning");
  CHECK(contents->getValue<std::string>("detail").find("OQS-NOT-A-FILE") != std::string::npos);
  requireOutsideUntouched(before);
}

TEST_CASE_METHOD(HostileSession, "3. Huge files in face and res are refused unread and the good results beside them are handled",
                 "[e2e][hostile]") {
  const std::string before = patientFive();
  const std::string stamp = toCompactString(today()) + "090000.xml";
  {
    std::ofstream(root / "face" / ("OQSsiquc01res_face_9919999999eeeeeeeeeeeeeeeeeeee_" + stamp));
    fs::resize_file(root / "face" / ("OQSsiquc01res_face_9919999999eeeeeeeeeeeeeeeeeeee_" + stamp), 1ull << 40);  // sparse 1 TiB
    std::ofstream big(root / "res" / ("OQSsiquc01res_" + toCompactString(today()) + terminalId() + "0001.xml"));
    big << std::string(8u << 20, 'x');  // 8 MiB under the name of our first answer-to-be
  }
  for (const char* person : {"P0001", "P0002", "P0003"}) simCommand({"face", "--person", person});
  const auto scan = cli({"--json", "results", "scan"});
  INFO(scan.err);
  CHECK(scan.exitCode == 0);
  CHECK(parse(scan.out)->getValue<int>("arrived") == 3);
  // Our first check's answer name is taken by the big file: that check fails at once with the code,
  // the next one goes through.
  const auto [code, report] = check("2");
  CHECK(code == 9);
  CHECK(report->getValue<std::string>("request_detail").find("OQS-TOO-LARGE") != std::string::npos);
  CHECK(check("3").first == 0);
  const Json contents = diagItem("folder.contents");
  REQUIRE(contents);
  CHECK(contents->getValue<std::string>("detail").find("OQS-TOO-LARGE") != std::string::npos);
  requireOutsideUntouched(before);
}

TEST_CASE_METHOD(HostileSession, "5 and 7. A read-only res: the answer is stored, exit 0, reported; archived once the folder is writable",
                 "[e2e][hostile]") {
  const std::string before = patientFive();
  const bool root_ = ::geteuid() == 0;
  // Root ignores permission bits: an immutable folder is read-only for root too.
  const auto readOnly = [&](bool on) {
    if (!root_) {
      fs::permissions(root / "res", on ? fs::perms::owner_read | fs::perms::owner_exec : fs::perms::owner_all);
      return true;
    }
    try {
      return test::runProcess("chattr", {on ? "+i" : "-i", (root / "res").string()}).exitCode == 0;
    } catch (const std::exception&) {
      return false;  // no chattr (e2fsprogs) on this machine
    }
  };
  if (!readOnly(true)) {  // a file system without the immutable flag, or no chattr: nothing can make res read-only
    WARN("res cannot be made read-only for root here (chattr +i): the read-only case is not exercised");
    return;
  }
  REQUIRE(readOnly(false));
  // The checking command is paused once its request is out; the answer arrives; the share turns
  // read-only; the command goes on and finds an answer it can store but not move away.
  stopSim();
  Poco::Pipe out, err;
  Poco::ProcessHandle checking = Poco::Process::launch(
      RECECON_CLI_PATH, {"--data-dir", data.string(), "--operator", "clerk1", "--json", "check", "--patient", "4"},
      nullptr, &out, &err);
  std::string outText, errText;
  std::thread outReader([&] {
    Poco::PipeInputStream in(out);
    Poco::StreamCopier::copyToString(in, outText);
  });
  std::thread errReader([&] {
    Poco::PipeInputStream in(err);
    Poco::StreamCopier::copyToString(in, errText);
  });
  struct Reap {  // whatever happens below, the command ends and its readers are joined
    Poco::ProcessHandle& process;
    std::thread &a, &b;
    ~Reap() {
      ::kill(process.id(), SIGCONT);
      if (a.joinable()) a.join();
      if (b.joinable()) b.join();
    }
  } reap{checking, outReader, errReader};
  const auto waitFor = [](const std::function<bool()>& done) {
    for (int i = 0; i < 1000 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return done();
  };
  REQUIRE(waitFor([&] { return !fs::is_empty(root / "req"); }));
  ::kill(checking.id(), SIGSTOP);
  startSim();
  REQUIRE(waitFor([&] { return fs::is_empty(root / "req") && !fs::is_empty(root / "res"); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the simulator's rename is done
  REQUIRE(readOnly(true));
  struct Writable {  // the temporary folder must be removable even when a check below fails
    std::function<bool(bool)> set;
    ~Writable() { set(false); }
  } writable{readOnly};
  ::kill(checking.id(), SIGCONT);
  outReader.join();
  errReader.join();
  const int code = checking.wait();
  INFO(errText);
  CHECK(code == 0);
  CHECK(parse(outText)->getValue<std::string>("outcome") == "有効");
  const Json left = finding("left_behind");
  REQUIRE(left);
  CHECK(left->getValue<std::string>("code") == "OQS-ARCHIVE-FAILED");
  CHECK_FALSE(fs::is_empty(root / "res"));

  REQUIRE(readOnly(false));
  const auto scan = cli({"results", "scan"});
  CHECK(scan.exitCode == 0);
  CHECK(fs::is_empty(root / "res"));  // recognised as stored (name and hash) and archived, applied once
  requireOutsideUntouched(before);
}

TEST_CASE_METHOD(HostileSession, "7. An answer left in res after a crash is recognised as stored and archived, not applied twice",
                 "[e2e][hostile]") {
  const auto [code, report] = check("6");
  REQUIRE(code == 0);
  fs::path archived;
  for (const auto& e : fs::recursive_directory_iterator(data / "linkage" / "archive")) {
    if (e.path().filename().string().starts_with("OQSsiquc01res_")) archived = e.path();
  }
  REQUIRE_FALSE(archived.empty());
  fs::copy_file(archived, root / "res" / archived.filename());  // as if killed between commit and archive
  const auto pendingBefore = cli({"--json", "results", "pending"}).out;
  CHECK(cli({"results", "scan"}).exitCode == 0);
  CHECK(fs::is_empty(root / "res"));
  CHECK(cli({"--json", "results", "pending"}).out == pendingBefore);
  CHECK_FALSE(finding("duplicate_results"));
  CHECK_FALSE(finding("unknown_results"));
}

TEST_CASE_METHOD(HostileSession, "6. Patient data is created private whatever the umask", "[e2e][hostile][sqlite]") {
  const fs::path fresh = dir / "新しいデータ";
  const auto underUmask000 = [&](const std::string& args) {
    return test::runProcess("/bin/sh", {"-c", "umask 000; exec \"$0\" --data-dir \"$1\" --operator clerk1 " + args,
                                        RECECON_CLI_PATH, fresh.string()});
  };
  REQUIRE(underUmask000("demo import-sim-persons --limit 5").exitCode == 0);
  REQUIRE(underUmask000("errors export \"$1/エラー記録.txt\"").exitCode == 0);
  REQUIRE(underUmask000("form karte1 --patient 1 -o \"$1/カルテ.pdf\"").exitCode == 0);
  REQUIRE(underUmask000("fallback captures --output \"$1/4項目.txt\"").exitCode == 0);
  REQUIRE(underUmask000("db backup \"$1/backup.db\"").exitCode == 0);
  REQUIRE(underUmask000("bulk worklist --date " + toCompactString(today()) + " --csv \"$1/作業リスト.csv\"").exitCode == 0);
  // A card result that will not decode, quarantined by a scan under the same umask.
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"institution_code", "9919999999"}, {"linkage.req_dir", (root / "req").string()},
           {"linkage.res_dir", (root / "res").string()}, {"linkage.face_dir", (root / "face").string()},
           {"linkage.face_file_policy", "archive"}, {"linkage.settle_seconds", "1"}}) {
    REQUIRE(underUmask000("config set " + key + " \"" + value + "\"").exitCode == 0);
  }
  const std::string broken = "OQSsiquc01res_face_9919999999ffffffffffffffffffff_" + toCompactString(today()) + "090000.xml";
  std::ofstream(root / "face" / broken) << "<XmlMsg><MessageHeader>";
  fs::last_write_time(root / "face" / broken, fs::file_time_type::clock::now() - std::chrono::minutes(1));
  REQUIRE(underUmask000("results scan").exitCode == 0);
  CHECK(modeOf(fresh / "linkage") == 0700);
  CHECK(modeOf(fresh / "linkage" / "quarantine") == 0700);
  CHECK(modeOf(fresh / "linkage" / "quarantine" / broken) == 0600);
  CHECK(modeOf(fresh / "linkage" / "quarantine" / (broken + ".reason.txt")) == 0600);
  CHECK(modeOf(fresh) == 0700);
  CHECK(modeOf(fresh / "rececon.db") == 0600);
  if (fs::exists(fresh / "rececon.db-wal")) CHECK(modeOf(fresh / "rececon.db-wal") == 0600);
  if (fs::exists(fresh / "rececon.db-shm")) CHECK(modeOf(fresh / "rececon.db-shm") == 0600);
  for (const char* file : {"エラー記録.txt", "カルテ.pdf", "4項目.txt", "backup.db", "作業リスト.csv"}) {
    INFO(file);
    CHECK(modeOf(fresh / file) == 0600);
  }
}

namespace {

// Two reception PCs on the same linkage folders; each runs its checks at once.
struct TwoTerminals : HostileSession {
  static constexpr int kChecks = 50;

  TwoTerminals() : HostileSession(kChecks) {
    // A hundred checks at once on two cores (and on PostgreSQL, a hundred connections): what is tested is
    // whose answer each gets, not how fast — the short time-out of the other cases would turn load into
    // failures.
    if (cli({"config", "set", "linkage.single_timeout_seconds", "60"}).exitCode != 0) throw std::runtime_error("config set");
  }

  // Runs kChecks checks (patients 1..kChecks) on dataDir as terminal `id`, all at once; returns how many
  // came back valid with the returned birth date and name of the patient asked for.
  int checksAsTerminal(const fs::path& dataDir, const std::string& id, std::map<std::string, std::string> env) {
    std::vector<test::ProcessResult> results(kChecks);
    std::vector<std::thread> threads;
    for (int i = 0; i < kChecks; ++i) {
      threads.emplace_back([&, i] {
        results[i] = test::runProcess(RECECON_CLI_PATH,
                                      {"--data-dir", dataDir.string(), "--operator", "clerk-" + id, "--json", "check",
                                       "--patient", std::to_string(i + 1)},
                                      env);
      });
    }
    for (auto& t : threads) t.join();
    const auto people = persons();
    int own = 0;
    for (int i = 0; i < kChecks; ++i) {
      if (results[i].exitCode != 0 || results[i].out.empty()) {
        UNSCOPED_INFO("patient " << i + 1 << " on terminal " << id << ": exit " << results[i].exitCode << " " << results[i].err << results[i].out.substr(0, 600));
        continue;
      }
      const Json report = parse(results[i].out);
      const Json returned = report->getObject("returned");
      const auto comparison = report->getArray("comparison");
      bool agrees = returned && returned->getValue<std::string>("name") == people.at(i).at(2) && comparison &&
                    comparison->size() > 0;
      for (std::size_t f = 0; agrees && f < comparison->size(); ++f) agrees = !comparison->getObject(f)->getValue<bool>("differs");
      if (agrees) ++own;
    }
    return own;
  }
};

}  // namespace

TEST_CASE_METHOD(TwoTerminals, "4. Two terminals with their own registers share the folders: each gets exactly its own answers",
                 "[e2e][hostile][terminals]") {
  const fs::path otherData = dir / "受付2";
  const auto other = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", otherData.string(), "--operator", "clerk2"});
    return test::runProcess(RECECON_CLI_PATH, args);
  };
  REQUIRE(other({"demo", "import-sim-persons", "--limit", std::to_string(kChecks)}).exitCode == 0);
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"institution_code", "9919999999"}, {"linkage.req_dir", (root / "req").string()},
           {"linkage.res_dir", (root / "res").string()}, {"linkage.face_dir", (root / "face").string()}}) {
    REQUIRE(other({"config", "set", key, value}).exitCode == 0);
  }
  REQUIRE(cli({"config", "set", "terminal.id", "uke1"}).exitCode == 0);
  REQUIRE(other({"config", "set", "terminal.id", "UKE2"}).exitCode == 0);

  int first = 0, second = 0;
  std::thread a([&] { first = checksAsTerminal(data, "1", {}); });
  std::thread b([&] { second = checksAsTerminal(otherData, "2", {}); });
  a.join();
  b.join();
  CHECK(first == kChecks);
  CHECK(second == kChecks);
  CHECK_FALSE(finding("identity_clash"));
  for (const auto& d : {data, otherData}) {
    std::error_code ec;
    CHECK((!fs::exists(d / "linkage" / "quarantine", ec) || fs::is_empty(d / "linkage" / "quarantine")));
  }
}

TEST_CASE_METHOD(TwoTerminals, "4. Two terminals sharing one register and the folders: each gets exactly its own answers",
                 "[e2e][hostile][terminals]") {
  int first = 0, second = 0;
  std::thread a([&] { first = checksAsTerminal(data, "A", {{"RECECON_TERMINAL_ID", "UKEA"}}); });
  std::thread b([&] { second = checksAsTerminal(data, "B", {{"RECECON_TERMINAL_ID", "UKEB"}}); });
  a.join();
  b.join();
  CHECK(first == kChecks);
  CHECK(second == kChecks);
  CHECK_FALSE(finding("identity_clash"));
  std::error_code ec;
  CHECK((!fs::exists(quarantine(), ec) || fs::is_empty(quarantine())));
}

TEST_CASE_METHOD(HostileSession, "4. A second terminal using our identity is detected and reported", "[e2e][hostile]") {
  REQUIRE(cli({"config", "set", "terminal.id", "SAME"}).exitCode == 0);
  simCommand({"fault", "silent"});
  // Another PC configured with the same identity has a request out that our journal never wrote.
  std::ofstream(root / "req" / ("OQSsiquc01req_" + toCompactString(today()) + "SAME9001.xml")) << "<XmlMsg/>";
  CHECK(cli({"results", "scan"}).exitCode == 0);
  const Json f = finding("identity_clash");
  REQUIRE(f);
  CHECK(f->getValue<std::string>("level") == "down");
  CHECK(f->getValue<std::string>("code") == "OQS-TERMINAL-CLASH");
}

TEST_CASE_METHOD(HostileSession, "Answers as encrypted ZIP files end the check at once with the setting to change",
                 "[e2e][hostile][contract]") {
  simCommand({"fault", "encrypted"});  // reconstructed from public evidence: encrypt.conf "e" → <name>.zip
  const auto started = std::chrono::steady_clock::now();
  const auto [code, report] = check("7");
  const auto took = std::chrono::steady_clock::now() - started;
  CHECK(code == 9);
  CHECK(took < std::chrono::seconds(5));  // not the 6 s time-out: the .zip ends it as soon as it is seen
  const std::string detail = report->getValue<std::string>("request_detail");
  CHECK(detail.find("OQS-ENCRYPTED") != std::string::npos);
  CHECK(detail.find("encrypt.conf") != std::string::npos);
  const Json f = finding("encrypted_results");
  REQUIRE(f);
  CHECK(f->getValue<std::string>("level") == "down");
  CHECK(f->getValue<std::string>("code") == "OQS-ENCRYPTED");
  const Json contents = diagItem("folder.contents");
  REQUIRE(contents);
  CHECK(contents->getValue<std::string>("detail").find("OQS-ENCRYPTED") != std::string::npos);
  CHECK(cli({"errors", "explain", "OQS-ENCRYPTED"}).out.find("encrypt.conf") != std::string::npos);
}

TEST_CASE_METHOD(HostileSession, "A file-level error without the identifier echo ends its request with the error shown",
                 "[e2e][hostile][contract]") {
  simCommand({"fault", "file-error"});
  const auto [code, report] = check("8");
  CHECK(code == 9);
  CHECK(report->getValue<std::string>("error_code") == "SIMERR1001");
  CHECK(report->getValue<std::string>("error_message").find("形式に誤り") != std::string::npos);
  std::error_code ec;
  CHECK((!fs::exists(quarantine(), ec) || fs::is_empty(quarantine())));  // the answer, not "another request's"
}
