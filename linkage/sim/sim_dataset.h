#pragma once
// The fictional insured persons the simulator answers for (resources/oqs-sim/persons.csv).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rececon::sim {

struct SimPerson {
  std::map<std::string, std::string> fields;  // CSV column -> value
  const std::string& get(const std::string& column) const;
  bool knownToOqs() const { return get("category") != "unknown"; }
};

class SimDataset {
 public:
  // Throws std::runtime_error naming the file and line when the CSV cannot be read.
  static SimDataset load(const std::filesystem::path& csv);

  const std::vector<SimPerson>& persons() const { return persons_; }
  const SimPerson* byId(const std::string& id) const;

  // Persons OQS knows with these card numbers and birth date (insurer compared without padding). An
  // empty branch matches every branch: that is how a missing 枝番 finds several family members.
  // With newer = true, matches the person's newer qualification instead.
  std::vector<const SimPerson*> find(const std::string& insurer, const std::string& symbol, const std::string& number,
                                     const std::string& branch, const std::string& birthdate) const;

 private:
  std::vector<SimPerson> persons_;
  // Persons known to OQS by birth date: every lookup names one, and a night asks 50,000 times.
  std::multimap<std::string, std::size_t> knownByBirthdate_;
};

// "  123456" -> "123456"
std::string trimmed(const std::string& s);

}  // namespace rececon::sim
