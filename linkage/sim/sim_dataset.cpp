#include "linkage/sim/sim_dataset.h"

#include <fstream>
#include <stdexcept>

namespace rececon::sim {
namespace {

// One CSV line: fields separated by commas, optionally quoted with "" escaping.
std::vector<std::string> splitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

const std::string& SimPerson::get(const std::string& column) const {
  static const std::string empty;
  const auto it = fields.find(column);
  return it == fields.end() ? empty : it->second;
}

SimDataset SimDataset::load(const std::filesystem::path& csv) {
  std::ifstream in(csv);
  if (!in) throw std::runtime_error("dataset not found: " + csv.string());
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error("dataset is empty: " + csv.string());
  const auto header = splitCsv(line);
  SimDataset data;
  for (int number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const auto values = splitCsv(line);
    if (values.size() != header.size()) {
      throw std::runtime_error(csv.string() + ":" + std::to_string(number) + ": expected " +
                               std::to_string(header.size()) + " fields, found " + std::to_string(values.size()));
    }
    SimPerson p;
    for (std::size_t i = 0; i < header.size(); ++i) p.fields[header[i]] = values[i];
    data.persons_.push_back(std::move(p));
  }
  return data;
}

const SimPerson* SimDataset::byId(const std::string& id) const {
  for (const auto& p : persons_) {
    if (p.get("id") == id) return &p;
  }
  return nullptr;
}

std::vector<const SimPerson*> SimDataset::find(const std::string& insurer, const std::string& symbol,
                                               const std::string& number, const std::string& branch,
                                               const std::string& birthdate) const {
  std::vector<const SimPerson*> hits;
  const std::string wanted = trimmed(insurer);
  for (const auto& p : persons_) {
    if (!p.knownToOqs() || p.get("birthdate") != birthdate) continue;
    const bool current = p.get("insurer_number") == wanted && p.get("symbol") == trimmed(symbol) &&
                         p.get("number") == trimmed(number) && (branch.empty() || p.get("branch") == branch);
    const bool newer = !p.get("new_insurer_number").empty() && p.get("new_insurer_number") == wanted &&
                       p.get("new_symbol") == trimmed(symbol) && p.get("new_number") == trimmed(number) &&
                       (branch.empty() || p.get("new_branch") == branch);
    if (current || newer) hits.push_back(&p);
  }
  return hits;
}

}  // namespace rececon::sim
