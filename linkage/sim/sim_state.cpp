#include "linkage/sim/sim_state.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

#include "linkage/file_transfer.h"
#include "linkage/sim/sim_dataset.h"

namespace rececon::sim {

std::string qualificationKey(const std::string& insurer, const std::string& symbol, const std::string& number,
                             const std::string& branch) {
  return trimmed(insurer) + "|" + trimmed(symbol) + "|" + trimmed(number) + "|" + branch;
}

SimState::SimState(std::filesystem::path file) : file_(std::move(file)) {
  std::ifstream in(file_);
  if (!in) return;
  const std::string text(std::istreambuf_iterator<char>(in), {});
  const auto root = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
  lastReception_ = root->optValue<Poco::Int64>("last_reception", 0);
  if (const auto refs = root->getObject("references")) {
    for (const auto& [key, value] : *refs) references_[key] = value.toString();
  }
  if (const auto jobs = root->getObject("bulk_jobs")) {
    for (const auto& [key, value] : *jobs) {
      bulkJobs_[key] = value.extract<Poco::JSON::Object::Ptr>()->getValue<Poco::Int64>("ready_at_ms");
    }
  }
}

std::optional<std::string> SimState::referenceFor(const std::string& key) const {
  const auto it = references_.find(key);
  if (it == references_.end()) return std::nullopt;
  return it->second;
}

void SimState::registerReference(const std::string& key, const std::string& referenceNumber) {
  references_[key] = referenceNumber;
  save();
}

std::string SimState::newReceptionNumber() {
  char buf[32];
  std::snprintf(buf, sizeof buf, "SIMRCPT%010lld", static_cast<long long>(++lastReception_));
  save();
  return buf;
}

void SimState::addBulkJob(const std::string& receptionNumber, BulkJob job) {
  std::filesystem::create_directories(bulkDir());
  linkage::writeFileAtomically(bulkDir(), receptionNumber + ".xml", job.resultXml);
  bulkJobs_[receptionNumber] = job.readyAtMs;
  save();
}

std::optional<BulkJob> SimState::bulkJob(const std::string& receptionNumber) const {
  const auto it = bulkJobs_.find(receptionNumber);
  if (it == bulkJobs_.end()) return std::nullopt;
  auto stored = linkage::readStable(bulkDir() / (receptionNumber + ".xml"));  // one read, not char by char
  if (!stored) return std::nullopt;
  return BulkJob{it->second, std::move(stored->bytes)};
}

void SimState::save() const {
  Poco::JSON::Object root;
  root.set("last_reception", static_cast<Poco::Int64>(lastReception_));
  Poco::JSON::Object::Ptr refs = new Poco::JSON::Object;
  for (const auto& [k, v] : references_) refs->set(k, v);
  root.set("references", refs);
  Poco::JSON::Object::Ptr jobs = new Poco::JSON::Object;
  for (const auto& [k, readyAt] : bulkJobs_) {
    Poco::JSON::Object::Ptr job = new Poco::JSON::Object;
    job->set("ready_at_ms", static_cast<Poco::Int64>(readyAt));
    jobs->set(k, job);
  }
  root.set("bulk_jobs", jobs);
  std::ostringstream out;
  root.stringify(out);
  std::filesystem::create_directories(file_.parent_path());
  linkage::writeFileAtomically(file_.parent_path(), file_.filename().string(), out.str());
}

}  // namespace rececon::sim
