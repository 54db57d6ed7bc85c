#pragma once
// The simulated linkage app: takes request files from req, answers in res after a delay (in the
// request's encoding unless told otherwise), bounces what it cannot take with an .err file, keeps
// bulk jobs and reference numbers, purges old results with a del*.txt log, and misbehaves on request
// (sim_control.h). Single-threaded apart from deliberately slow partial writes.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "linkage/sim/sim_control.h"
#include "linkage/sim/sim_dataset.h"
#include "linkage/sim/sim_state.h"
#include "linkage/text_encoding.h"
#include "linkage/xml_element.h"

namespace rececon::sim {

struct SimOptions {
  std::filesystem::path root;  // req, res, face and sim/ below it
  std::string institutionCode = "9919999999";
  std::filesystem::path dataset;
  int delayMs = 1000;
  int bulkReadyMs = 5000;
  int stayMinutes = 1440;  // ResponseFileStayTime: results left longer are purged
};

class Simulator {
 public:
  explicit Simulator(SimOptions options);

  // One pass: new requests, due answers, purge. Call every few hundred milliseconds.
  void step();
  // Writes a card-reader result for a person into face. Throws std::invalid_argument for an unknown id.
  std::filesystem::path writeFaceResult(const std::string& personId);

  const SimDataset& dataset() const { return data_; }
  ControlFile& control() { return control_; }

 private:
  struct Scheduled {
    std::int64_t dueMs;
    std::filesystem::path dir;
    std::string name;
    std::string bytes;
    bool partial;
  };

  void takeRequest(const std::filesystem::path& file);
  void refuse(const std::filesystem::path& file, const std::string& reason);
  // The result for a decoded request, or nothing (an empty name) when it must not be answered.
  void answer(const std::filesystem::path& file, const std::string& bytes);
  void schedule(const std::string& name, linkage::XmlElement result, linkage::Encoding encoding, std::int64_t delayMs);
  void writeDue();
  void purge();
  std::string nowText() const;
  std::int64_t nowMs() const;

  SimOptions options_;
  SimDataset data_;
  SimState state_;
  ControlFile control_;
  std::vector<Scheduled> scheduled_;
  std::set<std::string> ignored_;  // requests left in req on purpose (silent mode)
  int unknownCounter_ = 0;
};

}  // namespace rececon::sim
