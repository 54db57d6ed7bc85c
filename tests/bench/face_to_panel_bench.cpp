// A card result renamed into face → shown in the reception window's arrived-results panel: the window
// (`rececon`, run with RECECON_TRACE_PANEL=1) prints "panel: <rows> <ns>" each time the panel has been
// rebuilt and repainted; the latency runs from the rename to that line's clock. One file at a time over
// the simulator's register. A clerk decides the results as they come, so that at most --waiting of them
// wait (decided from this process, as from another terminal); --waiting 0 leaves every one waiting (the
// list grows to N). FACE_POLICY=archive moves taken card results out of face (default: left there).
// Needs a display: xvfb-run -a face_to_panel_bench.
// Usage: face_to_panel_bench [--files N] [--waiting W] [--dir DIR]
// Target (desk review): p99 < 50 ms to the painted panel (the watcher's pickup alone: face_pickup_bench).

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <cstdlib>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "app/core/japanese_date.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/demo_data.h"
#include "app/jobs/desk_check.h"
#include "app/jobs/diagnosis_files.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/site_settings.h"
#include "linkage/file_transfer.h"
#include "tests/bench/card_result_file.h"

using namespace rececon;
namespace fs = std::filesystem;

namespace {

std::int64_t nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  int files = 200, keepWaiting = 10;
  fs::path dir = fs::temp_directory_path() / "rececon_face_panel_bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--files") files = std::stoi(argv[i + 1]);
    if (std::string(argv[i]) == "--waiting") keepWaiting = std::stoi(argv[i + 1]);
    if (std::string(argv[i]) == "--dir") dir = argv[i + 1];
  }
  fs::remove_all(dir);
  const fs::path oqs = dir / "oqs";
  for (const char* d : {"req", "res", "face"}) fs::create_directories(oqs / d);
  fs::create_directories(dir / "staging");
  std::int64_t patients = 0;
  {
    DataFolder folder(dir / "data");
    PatientRegister reg(folder.database(), "bench");
    JobContext quiet;
    reg.importPatients(simPersonsAsPatients(resourcesDir() / "oqs-sim" / "persons.csv"), quiet);
    patients = reg.count();
    SiteSettings settings(folder.database());
    settings.set("institution_code", "9919999999", "bench");
    settings.set("linkage.req_dir", (oqs / "req").string(), "bench");
    settings.set("linkage.res_dir", (oqs / "res").string(), "bench");
    settings.set("linkage.face_dir", (oqs / "face").string(), "bench");
    if (const char* policy = std::getenv("FACE_POLICY")) settings.set("linkage.face_file_policy", policy, "bench");
  }

  Poco::Pipe out;
  Poco::Process::Env env{{"RECECON_TRACE_PANEL", "1"}};
  auto window = Poco::Process::launch(RECECON_GUI_PATH, {"--data-dir", (dir / "data").string(), "--operator", "bench"},
                                      dir.string(), nullptr, &out, nullptr, env);
  Poco::PipeInputStream in(out);
  // Reads the window's lines until the panel, repainted after `since`, lists `rows`; returns the clock of
  // that line (0: the window ended).
  const auto panelShowing = [&](std::size_t rows, std::int64_t since) -> std::int64_t {
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string tag;
      std::size_t shown = 0;
      std::int64_t at = 0;
      if (fields >> tag >> shown >> at && tag == "panel:" && shown == rows && at >= since) return at;
    }
    return 0;
  };
  if (!panelShowing(0, 0)) {
    std::printf("the window did not start (no display? use xvfb-run -a)\n");
    return 1;
  }

  DataFolder folder(dir / "data");
  PatientRegister reg(folder.database(), "bench");
  const std::string stamp = toCompactString(today());
  std::mt19937 rng(5);
  QualificationService service(folder.database(), DeskExchange{}, "bench", "");
  std::vector<double> latencies;
  std::size_t waiting = 0;
  for (int i = 0; i < files; ++i) {
    const Patient p = reg.patient(1 + static_cast<std::int64_t>(rng() % static_cast<std::uint32_t>(patients)));
    // Stamped today: the window takes card results of the last linkage.face_days days only.
    char name[96];
    std::snprintf(name, sizeof name, "OQSsiquc01res_face_9919999999%020d_%s000000.xml", i, stamp.c_str());
    linkage::writeFileAtomically(dir / "staging", name, bench::cardResultFileFor(p, *reg.currentInsurance(p.number)));
    const std::int64_t renamed = nowNs();
    fs::rename(dir / "staging" / name, oqs / "face" / name);  // a card result appears
    const std::int64_t painted = panelShowing(waiting + 1, renamed);
    if (!painted) {
      std::printf("the window ended before file %d was shown\n", i);
      return 1;
    }
    latencies.push_back(static_cast<double>(painted - renamed) / 1e6);
    waiting = service.arrivedResults().size();
    if (keepWaiting > 0 && waiting > static_cast<std::size_t>(keepWaiting)) {  // the oldest is decided
      ApplyDecision seen;
      seen.reject = true;
      seen.reason = "ベンチマーク: 確認済み";
      service.applyResult(service.arrivedResults().front().first, seen);
      waiting = service.arrivedResults().size();
    }
  }
  Poco::Process::kill(window);
  window.wait();
  std::printf("card result renamed into face -> shown in the window's arrived-results panel: %d files over %lld patients, "
              "%s waiting, face files %s\n",
              files, static_cast<long long>(patients),
              keepWaiting > 0 ? ("at most " + std::to_string(keepWaiting + 1)).c_str() : "all left",
              std::getenv("FACE_POLICY") ? std::getenv("FACE_POLICY") : "left in face");
  std::printf("latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms; target p99 < 50 ms\n", percentile(latencies, 0.5),
              percentile(latencies, 0.99), *std::max_element(latencies.begin(), latencies.end()));
  fs::remove_all(dir);
  return 0;
}
