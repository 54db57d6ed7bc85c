// One `rececon-cli results scan` over face and res holding a sparse 1 TiB file and a real 200 MB file in
// each, beside 20 good card results from oqs-sim: how many good results the scan handled, its peak RSS
// (from wait4's rusage of the scanning process) and its wall time, against the same scan without the
// huge files.
// Usage: hostile_scan_bench [--good N] [--big-mb M]
// Target (linkage-folders issue): all good results handled in the same scan, peak RSS < 100 MB.

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;

namespace {

struct Run {
  int exitCode = -1;
  long peakKiB = 0;
  double wallMs = 0;
  std::string out;
};

// Runs a program, its stdout into a file, and returns its exit code, peak RSS and wall time.
Run run(const std::vector<std::string>& args, const fs::path& outFile) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) throw std::runtime_error("spawn " + args[0]);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  Run r;
  r.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.peakKiB = usage.ru_maxrss;
  std::ifstream in(outFile);
  r.out.assign(std::istreambuf_iterator<char>(in), {});
  return r;
}

// The "arrived" count of `--json results scan`.
long arrived(const Run& r) {
  const auto at = r.out.find("\"arrived\":");
  return at == std::string::npos ? -1 : std::atol(r.out.c_str() + at + 10);
}

void must(const Run& r, const char* what) {
  if (r.exitCode != 0) throw std::runtime_error(std::string(what) + " failed: " + r.out);
}

std::string today() {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d", &local);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  int good = 20;
  long bigMb = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--good") good = std::atoi(argv[i + 1]);
    if (flag == "--big-mb") bigMb = std::atol(argv[i + 1]);
  }
  const fs::path work = fs::temp_directory_path() / ("hostile_scan_bench_" + std::to_string(::getpid()));
  fs::create_directories(work);
  const fs::path data = work / "data", root = work / "oqs", scratch = work / "out.txt";
  for (const char* d : {"req", "res", "face"}) fs::create_directories(root / d);
  const std::string cli = RECECON_CLI_PATH, sim = OQS_SIM_PATH;
  const auto cliArgs = [&](std::vector<std::string> rest) {
    rest.insert(rest.begin(), {cli, "--data-dir", data.string(), "--operator", "bench"});
    return rest;
  };
  // A register of `good` people whose site points at the bench's folders.
  const auto prepareSite = [&] {
    must(run(cliArgs({"demo", "import-sim-persons", "--limit", std::to_string(good)}), scratch), "import");
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"institution_code", "9919999999"}, {"linkage.req_dir", (root / "req").string()},
             {"linkage.res_dir", (root / "res").string()}, {"linkage.face_dir", (root / "face").string()},
             {"linkage.face_file_policy", "archive"}}) {
      must(run(cliArgs({"config", "set", key, value}), scratch), "config set");
    }
  };
  prepareSite();

  const auto addGoodResults = [&] {
    for (int p = 1; p <= good; ++p) {
      char id[16];
      std::snprintf(id, sizeof id, "P%04d", p);
      must(run({sim, "--root", root.string(), "face", "--person", id}, scratch), "oqs-sim face");
    }
  };
  const auto scan = [&] { return run(cliArgs({"--json", "results", "scan"}), scratch); };

  addGoodResults();
  const Run baseline = scan();
  must(baseline, "baseline scan");

  // Fresh register state for the measured scan: the same good results again, beside the huge files.
  fs::remove_all(data);
  prepareSite();
  const std::string stamp = today() + "090000.xml";
  const auto sparse = [](const fs::path& p, std::uintmax_t size) {
    std::ofstream(p).close();
    fs::resize_file(p, size);
  };
  const auto real = [](const fs::path& p, long mb) {
    std::ofstream out(p, std::ios::binary);
    const std::string block(1 << 20, 'x');
    for (long i = 0; i < mb; ++i) out << block;
  };
  sparse(root / "face" / ("OQSsiquc01res_face_9919999999aaaaaaaaaaaaaaaaaaaa_" + stamp), 1ull << 40);
  real(root / "face" / ("OQSsiquc01res_face_9919999999bbbbbbbbbbbbbbbbbbbb_" + stamp), bigMb);
  sparse(root / "res" / ("OQSsiquc01res_" + today() + "BENCH0001.xml"), 1ull << 40);
  real(root / "res" / ("OQSmuquc02res_" + today() + "BENCH0002.xml"), bigMb);
  addGoodResults();
  const Run hostile = scan();
  must(hostile, "scan beside huge files");

  std::printf("hostile_scan_bench: %d good card results; face and res each with a sparse 1 TiB file and a %ld MB file\n",
              good, bigMb);
  std::printf("  baseline scan (good results only): %ld handled  peak RSS %.1f MB  wall %.0f ms\n", arrived(baseline),
              static_cast<double>(baseline.peakKiB) / 1024.0, baseline.wallMs);
  std::printf("  scan beside the huge files:        %ld handled  peak RSS %.1f MB  wall %.0f ms\n", arrived(hostile),
              static_cast<double>(hostile.peakKiB) / 1024.0, hostile.wallMs);
  std::printf("  target: all %d handled in that scan, peak RSS < 100 MB\n", good);
  fs::remove_all(work);
  return 0;
}
