#pragma once
// Patients in the database. Every write records its change in the ChangeLog; call writes inside a
// WriteTransaction. One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/patient.h"
#include "db/change_log.h"
#include "db/database.h"

namespace rececon::db {

struct PatientQuery {
  std::string kanaPrefix;  // any kana form; matched against the normalised key by prefix
  std::optional<std::int64_t> number;
  std::optional<Date> birthDate;
  int limit = 100;
};

class PatientRepository {
 public:
  explicit PatientRepository(Database& db) : db_(db), log_(db) {}

  // Stores a new patient under p.number, or the next free number when it is 0; returns the number.
  // Throws InvalidInput when the number is already used.
  std::int64_t insert(const Patient& p, const ChangeContext& context);

  // Stores changed (looked up by changed.number) and logs each field that differs. Returns false when
  // nothing changed. Throws NotFound.
  bool update(const Patient& changed, const ChangeContext& context);

  // Records the last valid insured number (kept when later records turn invalid). Throws NotFound.
  void setLastValid(std::int64_t number, const InsuredNumber& insured, const ChangeContext& context);

  std::optional<Patient> find(std::int64_t number);
  // Throws NotFound with a message naming the number.
  Patient get(std::int64_t number);

  // Patients matching every given condition, ordered by kana then number.
  std::vector<Patient> search(const PatientQuery& query);
  // Patients by number, for paging through the register.
  std::vector<Patient> list(std::int64_t afterNumber, int limit);
  std::int64_t count();

 private:
  Database& db_;
  ChangeLog log_;
};

}  // namespace rececon::db
