#include "linkage/sim/sim_dataset.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "app/core/csv_table.h"

namespace rececon::sim {

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
  std::ifstream in(csv, std::ios::binary);
  if (!in) throw std::runtime_error("dataset not found: " + csv.string());
  CsvTable table;
  try {
    table = parseCsv(std::string(std::istreambuf_iterator<char>(in), {}));
  } catch (const std::exception& e) {
    throw std::runtime_error(csv.string() + ": " + e.what());
  }
  SimDataset data;
  for (const auto& row : table.rows) {
    SimPerson p;
    for (std::size_t i = 0; i < table.header.size(); ++i) p.fields[table.header[i]] = row[i];
    data.persons_.push_back(std::move(p));
  }
  for (std::size_t i = 0; i < data.persons_.size(); ++i) {
    const SimPerson& p = data.persons_[i];
    if (p.knownToOqs()) data.knownByBirthdate_.emplace(p.get("birthdate"), i);
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
  const auto [from, to] = knownByBirthdate_.equal_range(birthdate);
  for (auto it = from; it != to; ++it) {
    const SimPerson& p = persons_[it->second];
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
