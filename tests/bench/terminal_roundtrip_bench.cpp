// A qualification check's round trip at the desk — sent, answered by the real oqs-sim (no delay), the
// answer stored and matched to the patient, the visit settled — with several terminals checking at once
// on one register. Each terminal is a thread with its own data folder (terminal.conf: identity and the
// shared linkage folders) and its own connection, exactly as rececon does.
// Usage: terminal_roundtrip_bench [--database URL] [--terminals 1,5,20] [--checks N] [--dir DIR]
//   --database: a postgresql:// URL (an empty database or schema); default a SQLite file in DIR.
// Prints p50 / p99 / throughput per terminal count.

#include <Poco/Process.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/jobs/data_folder.h"
#include "app/jobs/demo_data.h"
#include "app/jobs/desk_check.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/terminal_identity.h"

using namespace rececon;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string database;
  std::vector<int> counts = {1, 5, 20};
  int checks = 40;
  fs::path dir = fs::temp_directory_path() / "rececon_roundtrip_bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--database") database = argv[i + 1];
    if (a == "--checks") checks = std::stoi(argv[i + 1]);
    if (a == "--dir") dir = argv[i + 1];
    if (a == "--terminals") {
      counts.clear();
      std::stringstream list(argv[i + 1]);
      for (std::string n; std::getline(list, n, ',');) counts.push_back(std::stoi(n));
    }
  }
  fs::remove_all(dir);
  const fs::path root = dir / "OQS";
  for (const char* d : {"req", "res", "face"}) fs::create_directories(root / d);
  if (database.empty()) database = (dir / "shared.db").string();
  const int most = *std::max_element(counts.begin(), counts.end());

  // The register (the simulator's people) and one data folder per terminal, all on the same register.
  std::vector<fs::path> folders;
  std::size_t people = 0;
  for (int t = 1; t <= most; ++t) {
    folders.push_back(dir / ("terminal" + std::to_string(t)));
    DataFolder folder(folders.back(), database);
    SiteSettings settings(folder.database());
    if (t == 1) {
      const auto rows = simPersonsAsPatients(resourcesDir() / "oqs-sim" / "persons.csv");
      JobContext quiet;
      PatientRegister(folder.database(), "bench").importPatients(rows, quiet, "bench");
      people = rows.size();
      settings.set("institution_code", "9919999999", "bench");
    }
    settings.set("linkage.req_dir", (root / "req").string(), "bench");
    settings.set("linkage.res_dir", (root / "res").string(), "bench");
    settings.set("linkage.face_dir", (root / "face").string(), "bench");
    setTerminalId(folder.dir(), "T" + std::to_string(t));
  }
  auto sim = Poco::Process::launch(OQS_SIM_PATH, {"--root", root.string(), "--delay-ms", "0"});
  for (int i = 0; i < 200 && !fs::exists(root / "sim" / "ready"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));

  std::printf("check round trip (send → answer stored and matched → visit settled), %s, %d checks per terminal\n",
              database.find("://") != std::string::npos ? "PostgreSQL" : "SQLite", checks);
  for (const int terminals : counts) {
    std::vector<double> latencies;
    std::mutex lock;
    int failures = 0;
    const auto started = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < terminals; ++t) {
      threads.emplace_back([&, t] {
        DataFolder folder(folders[static_cast<std::size_t>(t)], database);
        for (int i = 0; i < checks; ++i) {
          const std::int64_t patient = static_cast<std::int64_t>((t * checks + i) % people) + 1;
          const auto t0 = Clock::now();
          try {
            const StartedDeskCheck check = startDeskCheck(folder.database(), folder.dir(), "bench", patient);
            JobContext job;
            const CheckReport report =
                waitForDeskCheck(check.database, check.exchange, "bench", check.terminal, check.checkId, job);
            settleDeskCheck(folder.database(), "bench", check, report);
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
            std::lock_guard guard(lock);
            latencies.push_back(ms);
          } catch (const std::exception& e) {
            std::lock_guard guard(lock);
            if (failures++ == 0) std::fprintf(stderr, "check failed: %s\n", e.what());
          }
        }
      });
    }
    for (auto& th : threads) th.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::printf("  %2d terminal(s): p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  %6.1f checks/s  (%zu checks, %d failed)\n",
                terminals, percentile(latencies, 0.5), percentile(latencies, 0.99), percentile(latencies, 1.0),
                static_cast<double>(latencies.size()) / seconds, latencies.size(), failures);
  }
  Poco::Process::kill(sim);
  return 0;
}
