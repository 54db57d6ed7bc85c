#pragma once
// What the simulated OQS remembers between requests and across restarts: registered reference
// numbers and bulk jobs. Kept in <root>/sim/state.json, rewritten atomically after every change; each
// bulk job's result in its own file beside it (sim/bulk/<reception number>.xml), so that a night of a
// hundred jobs does not rewrite every result on every request.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace rececon::sim {

struct BulkJob {
  std::int64_t readyAtMs = 0;  // epoch milliseconds after which the download returns the result
  std::string resultXml;       // the full 02 result, UTF-8
};

class SimState {
 public:
  explicit SimState(std::filesystem::path file);  // loads the file when it exists

  // Reference number registered for a qualification (insurer|symbol|number|branch), if any.
  std::optional<std::string> referenceFor(const std::string& qualificationKey) const;
  void registerReference(const std::string& qualificationKey, const std::string& referenceNumber);

  std::string newReceptionNumber();
  void addBulkJob(const std::string& receptionNumber, BulkJob job);
  std::optional<BulkJob> bulkJob(const std::string& receptionNumber) const;

 private:
  void save() const;

  std::int64_t lastReception_ = 0;
  std::map<std::string, std::string> references_;
  std::filesystem::path bulkDir() const { return file_.parent_path() / "bulk"; }

  std::filesystem::path file_;
  std::map<std::string, std::int64_t> bulkJobs_;  // reception number -> ready at (epoch ms)
};

std::string qualificationKey(const std::string& insurer, const std::string& symbol, const std::string& number,
                             const std::string& branch);

}  // namespace rececon::sim
