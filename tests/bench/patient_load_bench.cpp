// Loading N patients (default 1,000,000) as a migration from another system does: a stream of generated
// patients with one to three insurance records each → PatientRegister::importPatients in one
// transaction. Prints patients per second, the register's size per patient and the peak RSS.
// Usage: patient_load_bench [--patients N] [--dir DIR]   (RECECON_DATABASE=postgresql://… for a server)
// Target (clinic server issue): ≥ 30,000 patients/s, ≤ 1 KiB a patient, peak RSS < 300 MB, on both engines.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/jobs/data_folder.h"
#include "app/jobs/demo_data.h"
#include "db/sql_statement.h"

using namespace rececon;
using Clock = std::chrono::steady_clock;

namespace {

double peakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// What the register takes on its engine: SQLite's pages, or PostgreSQL's tables with their indexes and TOAST.
double registerBytes(DataFolder& folder) {
  db::Database& db = folder.database();
  if (db.dialect() == db::Dialect::Postgres) {
    return static_cast<double>(db.prepare(
        "SELECT SUM(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relkind = 'r'").singleInt64("bytes"));
  }
  // The pages the register occupies once the WAL is checkpointed (the WAL of one big transaction holds
  // copies of the same pages until then).
  return static_cast<double>(
      db.prepare("SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()").singleInt64("bytes"));
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t patients = 1'000'000;
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "rececon_load_bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--patients") patients = std::stoll(argv[i + 1]);
    if (a == "--dir") dir = argv[i + 1];
  }
  std::filesystem::remove_all(dir);
  DataFolder folder(dir);
  PatientRegister reg(folder.database(), "bench");
  DemoPatientStream rows(patients, 42, today());
  JobContext quiet;
  const auto start = Clock::now();
  reg.importPatients(rows, quiet, "移行（ベンチマーク）");
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double perSecond = static_cast<double>(patients) / seconds;
  const double kibPerPatient = registerBytes(folder) / 1024.0 / static_cast<double>(patients);
  const double rss = peakRssMiB();
  std::printf("load of %lld patients on %s: %.1f s, %.0f patients/s (target >= 30,000: %s)\n",
              static_cast<long long>(patients), folder.databaseLocation().describe().c_str(), seconds, perSecond,
              perSecond >= 30000 ? "met" : "NOT met");
  std::printf("register: %.2f KiB a patient (target <= 1 KiB: %s); peak RSS %.0f MiB (target < 286 MiB = 300 MB: %s)\n",
              kibPerPatient, kibPerPatient <= 1.0 ? "met" : "NOT met", rss, rss < 286 ? "met" : "NOT met");
  return 0;
}
