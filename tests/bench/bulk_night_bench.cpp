// A bulk pre-check night of N entries (default 50,000): appointments → request files → the real oqs-sim
// (no delay, results ready at once) → downloads → reconciliation, timed as a whole and per 1,000 entries,
// next to the bare cost of the same work's core: parsing the same result files and inserting one row per
// result unit in one SQLite transaction.
// Usage: bulk_night_bench [--entries N] [--dir DIR]
// Target (bulk pre-check issue): within 3× of the bare cost.

#include <Poco/Process.h>
#include <sys/resource.h>
#include <unistd.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>

#include "app/jobs/appointment_book.h"
#include "app/jobs/bulk_precheck.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/demo_data.h"
#include "db/bulk_repository.h"
#include "db/linkage_request_repository.h"
#include "linkage/message_codec.h"
#include "linkage/messages.h"

using namespace rececon;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// CPU seconds this process has used (user + system): what the night costs us, apart from waiting on OQS.
double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const auto seconds = [](const timeval& v) { return static_cast<double>(v.tv_sec) + static_cast<double>(v.tv_usec) / 1e6; };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

// CPU seconds another process has used so far (Linux /proc), or -1 when it cannot be read.
double cpuSecondsOf(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), {});
  const auto afterName = stat.rfind(')');  // the command name may hold spaces
  if (afterName == std::string::npos) return -1;
  std::istringstream fields(stat.substr(afterName + 2));
  std::string skip;
  for (int i = 3; i < 14; ++i) fields >> skip;  // state … cmajflt: fields 3 to 13
  double user = 0, system = 0;
  fields >> user >> system;
  return (user + system) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

int main(int argc, char** argv) {
  int entries = 50000;
  fs::path dir = fs::temp_directory_path() / "rececon_bulk_bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--entries") entries = std::stoi(argv[i + 1]);
    if (a == "--dir") dir = argv[i + 1];
  }
  fs::remove_all(dir);
  const fs::path root = dir / "OQS";
  for (const char* d : {"req", "res", "face"}) fs::create_directories(root / d);

  // The register: the simulator's people, each registered many times over (so OQS knows every one).
  DataFolder folder(dir / "data");
  db::Database& db = folder.database();
  const auto people = simPersonsAsPatients(resourcesDir() / "oqs-sim" / "persons.csv");
  std::vector<PatientImportRow> rows;
  for (int i = 0; i < entries; ++i) {
    rows.push_back(people[static_cast<std::size_t>(i) % people.size()]);
    rows.back().number = i + 1;
  }
  JobContext quiet;
  auto t = Clock::now();
  PatientRegister(db, "bench").importPatients(rows, quiet, "bench");
  const Date night = nextBusinessDay(today());
  std::vector<std::int64_t> numbers;
  for (int i = 1; i <= entries; ++i) numbers.push_back(i);
  AppointmentBook(db, "bench").addAll(demoAppointments(numbers, night), "bench");
  std::printf("setup: %d patients with insurance and appointments in %.1f s (not counted)\n", entries, secondsSince(t));

  auto sim = Poco::Process::launch(OQS_SIM_PATH, {"--root", root.string(), "--delay-ms", "0", "--bulk-ready-ms", "0"});
  for (int i = 0; i < 200 && !fs::exists(root / "sim" / "ready"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));

  linkage::ExchangeConfig config;
  config.reqDir = root / "req";
  config.resDir = root / "res";
  config.faceDir = root / "face";
  config.archiveDir = dir / "archive";
  config.quarantineDir = dir / "quarantine";
  config.institutionCode = "9919999999";
  BulkOptions options;
  options.retryFirst = std::chrono::seconds(1);
  options.pollInterval = std::chrono::milliseconds(20);
  BulkPrecheck bulk(db, config, options, "bench");
  t = Clock::now();
  const double cpuBefore = cpuSeconds();
  const std::int64_t runId = bulk.prepare(night);
  const double prepareSeconds = secondsSince(t);
  const double prepareCpu = cpuSeconds() - cpuBefore;
  JobContext job;
  const BulkRunStatus status = bulk.drive(runId, job);
  const double total = secondsSince(t);
  const double totalCpu = cpuSeconds() - cpuBefore;
  const double simCpu = cpuSecondsOf(sim.id());
  Poco::Process::kill(sim);
  std::printf("night: %lld entries, %lld reconciled, %zu files, state %s\n", static_cast<long long>(status.entries),
              static_cast<long long>(status.reconciled), status.files.size(), std::string(nameOf(status.state)).c_str());
  std::printf("  prepare (entries and files)      %7.2f s  (CPU %.2f s)\n", prepareSeconds, prepareCpu);
  std::printf("  request → oqs-sim → reconciled   %7.2f s  = %.1f ms per 1,000 entries  (CPU here %.2f s)\n", total,
              1000.0 * total * 1000.0 / entries, totalCpu);
  std::printf("  oqs-sim's CPU meanwhile          %7.2f s  (one thread: the night cannot end sooner)\n", simCpu);

  // The bare cost: the same result files parsed, one row per unit inserted, one transaction.
  std::vector<std::string> raws;
  db::LinkageRequestRepository requests(db);
  std::vector<std::string> names;
  for (const auto& f : db::BulkRepository(db).files(runId)) {
    raws.push_back(*requests.answer(*f.resultRequestId));
    names.push_back(requests.get(*f.resultRequestId).resultFile);
  }
  SQLite::Database bare((dir / "bare.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  bare.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
  bare.exec("CREATE TABLE unit (identifier TEXT, status TEXT, validity TEXT, code TEXT, message TEXT, insurer TEXT,"
            " number TEXT, name TEXT, birth TEXT)");
  t = Clock::now();
  std::size_t units = 0;
  {
    SQLite::Transaction tx(bare);
    SQLite::Statement insert(bare, "INSERT INTO unit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < raws.size(); ++i) {
      const linkage::BulkResult r = linkage::readBulkResult(linkage::decodeMessage(raws[i], names[i]).root());
      for (const auto& u : r.units) {
        insert.bind(1, u.searchInfo ? u.searchInfo->arbitraryIdentifier.value_or("") : "");
        insert.bind(2, u.processingStatus.value_or(""));
        insert.bind(3, u.validity.value_or(""));
        insert.bind(4, u.processingCode.value_or(""));
        insert.bind(5, u.processingMessage.value_or(""));
        insert.bind(6, u.qualification ? u.qualification->insurerNumber.value_or("") : "");
        insert.bind(7, u.qualification ? u.qualification->number.value_or("") : "");
        insert.bind(8, u.qualification ? u.qualification->name.value_or("") : "");
        insert.bind(9, u.qualification ? u.qualification->birthdate.value_or("") : "");
        insert.exec();
        insert.reset();
        ++units;
      }
    }
    tx.commit();
  }
  const double bareSeconds = secondsSince(t);
  std::printf("bare: parse %zu result files and insert %zu rows in one transaction  %7.2f s  = %.1f ms per 1,000\n",
              raws.size(), units, bareSeconds, 1000.0 * bareSeconds * 1000.0 / static_cast<double>(units));
  std::printf("ratio: %.2f× the bare cost (target ≤ 3×)\n", total / bareSeconds);
  fs::remove_all(dir);
  return status.state == BulkStage::Done ? 0 : 1;
}
