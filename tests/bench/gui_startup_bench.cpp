// Start-up of the reception window on a large register: fills a data folder with N generated patients
// (default 100,000, each with insurance), then starts `rececon --startup-report` several times and
// prints the time from launch to the first painted window (measured here, around the whole process
// start) and the memory the window reported. Needs a display: xvfb-run -a gui_startup_bench.
// Usage: gui_startup_bench [--patients N] [--runs R] [--dir DIR]
// Target (reception front-end issue): first painted window in < 1 s with 100,000 patients.

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/jobs/data_folder.h"
#include "app/jobs/demo_data.h"
#include "app/jobs/patient_register.h"

using namespace rececon;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  int patients = 100000, runs = 5;
  fs::path dir = fs::temp_directory_path() / "rececon_startup_bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--patients") patients = std::stoi(argv[i + 1]);
    if (a == "--runs") runs = std::stoi(argv[i + 1]);
    if (a == "--dir") dir = argv[i + 1];
  }
  fs::remove_all(dir);
  {
    DataFolder folder(dir / "data");
    JobContext quiet;
    auto t = Clock::now();
    PatientRegister(folder.database(), "bench")
        .importPatients(generateDemoPatients(patients, 42, today()), quiet, "bench");
    std::printf("setup: %d patients in %.1f s (not counted)\n", patients,
                std::chrono::duration<double>(Clock::now() - t).count());
  }
  std::vector<double> times;
  std::string lastReport;
  for (int r = 0; r < runs; ++r) {
    Poco::Pipe out;
    const auto start = Clock::now();
    auto process = Poco::Process::launch(RECECON_GUI_PATH, {"--data-dir", (dir / "data").string(), "--startup-report"},
                                         nullptr, &out, nullptr);
    Poco::PipeInputStream in(out);
    std::string line;
    while (std::getline(in, line) && line.rfind("startup:", 0) != 0) {
    }
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    process.wait();
    if (line.empty()) {
      std::printf("run %d: the window did not report (no display? use xvfb-run -a)\n", r + 1);
      return 1;
    }
    lastReport = line;
    std::printf("run %d: %.0f ms from launch; %s\n", r + 1, times.back(), line.c_str());
  }
  std::sort(times.begin(), times.end());
  std::printf("first painted window with %d patients: median %.0f ms (min %.0f, max %.0f) over %d runs; target < 1000 ms\n",
              patients, times[times.size() / 2], times.front(), times.back(), runs);
  fs::remove_all(dir);
  return 0;
}
