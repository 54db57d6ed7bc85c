#include "linkage/sim/sim_control.h"

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "linkage/file_transfer.h"

namespace rececon::sim {
namespace {

const std::map<std::string, FaultMode> kModes = {
    {"normal", FaultMode::Normal},           {"silent", FaultMode::Silent},
    {"slow", FaultMode::Slow},               {"err", FaultMode::Refuse},
    {"error9", FaultMode::SystemError},      {"partial", FaultMode::PartialWrites},
    {"duplicate", FaultMode::Duplicate},     {"unknown-results", FaultMode::UnknownResults},
    {"wrong-institution", FaultMode::WrongInstitution}, {"encrypted", FaultMode::Encrypted},
    {"file-error", FaultMode::FileError},
};

bool apply(SimControl& c, const std::string& key, const std::string& value) {
  try {
    if (key == "mode") return faultModeFromString(value, c.mode);
    if (key == "encoding" && (value == "mirror" || value == "utf-8" || value == "shift_jis")) return c.encoding = value, true;
    if (key == "shuffle" && (value == "0" || value == "1")) return c.shuffle = value == "1", true;
    if (key == "delay_ms") return c.delayMs = std::stoi(value), c.delayMs >= 0;
    if (key == "bulk_ready_ms") return c.bulkReadyMs = std::stoi(value), c.bulkReadyMs >= 0;
    if (key == "bulk_max_entries") return c.bulkMaxEntries = std::stoi(value), c.bulkMaxEntries >= 1;
    if (key == "registration_layout" && (value == "body" || value == "per-unit")) return c.registrationLayout = value, true;
  } catch (const std::exception&) {
  }
  return false;
}

}  // namespace

const char* toString(FaultMode mode) {
  for (const auto& [name, m] : kModes) {
    if (m == mode) return name.c_str();
  }
  return "normal";
}

bool faultModeFromString(const std::string& text, FaultMode& mode) {
  const auto it = kModes.find(text);
  if (it == kModes.end()) return false;
  mode = it->second;
  return true;
}

ControlFile::ControlFile(std::filesystem::path file, SimControl defaults)
    : file_(std::move(file)), defaults_(defaults), control_(defaults) {}

const SimControl& ControlFile::current() {
  std::error_code ec;
  const auto modified = std::filesystem::last_write_time(file_, ec);
  if (ec || modified == seen_) return control_;
  seen_ = modified;
  control_ = defaults_;
  std::ifstream in(file_);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    if (!apply(control_, line.substr(0, eq), line.substr(eq + 1))) {
      std::cerr << "oqs-sim: ignored control line: " << line << "\n";
    }
  }
  return control_;
}

void ControlFile::set(const std::string& key, const std::string& value) {
  SimControl probe = current();
  if (!apply(probe, key, value)) throw std::invalid_argument("unknown control " + key + "=" + value);
  std::map<std::string, std::string> lines;
  std::ifstream in(file_);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) lines[line.substr(0, eq)] = line.substr(eq + 1);
  }
  lines[key] = value;
  std::ostringstream out;
  for (const auto& [k, v] : lines) out << k << "=" << v << "\n";
  std::filesystem::create_directories(file_.parent_path());
  linkage::writeFileAtomically(file_.parent_path(), file_.filename().string(), out.str());
}

}  // namespace rececon::sim
