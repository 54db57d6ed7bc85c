#pragma once
// Insurance records in the database, kept as history: records are inserted and their fields or state
// changed, never deleted. Every write records its change in the ChangeLog; call writes inside a
// WriteTransaction. One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <vector>

#include "app/core/insurance.h"
#include "db/change_log.h"
#include "db/database.h"

namespace rececon::db {

class InsuranceRepository {
 public:
  explicit InsuranceRepository(Database& db) : db_(db), log_(db) {}

  // Stores a new record for r.patientNumber; returns its id.
  std::int64_t insert(const InsuranceRecord& r, const ChangeContext& context);

  // Stores changed (looked up by changed.id) and logs each field that differs. Returns false when
  // nothing changed. Throws NotFound.
  bool update(const InsuranceRecord& changed, const ChangeContext& context);

  std::optional<InsuranceRecord> find(std::int64_t id);
  // Throws NotFound naming the id.
  InsuranceRecord get(std::int64_t id);

  // Patients holding a current or invalid (not superseded) record with these numbers (insurer number
  // compared without padding; an empty branch matches any).
  std::vector<std::int64_t> patientsWithNumbers(const std::string& insurerNumber, const std::string& number,
                                                const std::string& branch);

  // All records of a patient, newest first.
  std::vector<InsuranceRecord> forPatient(std::int64_t patientNumber);

 private:
  Database& db_;
  ChangeLog log_;
};

}  // namespace rececon::db
