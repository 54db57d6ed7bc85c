#pragma once
// Patients and their insurance records written in bulk — a migration from another system, the demo
// register — inside the caller's WriteTransaction. The records are the starting point: each patient's
// history is one entry (created, with the load's reason); nothing is read back; rows reach the engine in
// batches (PostgreSQL: one COPY per table and flush). Patient numbers are checked against the register
// and the load itself without a query per patient. One thread at a time (as its Database).

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "app/core/insurance.h"
#include "app/core/patient.h"
#include "db/bulk_insert.h"
#include "db/change_log.h"
#include "db/database.h"

namespace rececon::db {

class PatientBulkLoad {
 public:
  // From this many patients on, the indexes of the tables loaded whose keys arrive in no order (kana,
  // birth date, insurer numbers) are dropped first and made again at the end (finish): building an index
  // from all the rows at once is several times faster than keeping it up to date row by row. So are the
  // foreign keys the engine checks row by row at a cost (PostgreSQL: every row is checked again, in one
  // join, when they are added back). Within the transaction, so a load that fails leaves them as they
  // were; on PostgreSQL other terminals wait for the tables until the load commits — a migration, done
  // before the clinic opens.
  static constexpr std::int64_t kRebuildIndexesFrom = 20'000;

  // Reads the patient numbers already in use; sets the indexes and foreign keys aside when
  // `expectedPatients` reaches kRebuildIndexesFrom. Throws EnvironmentError.
  PatientBulkLoad(Database& db, ChangeContext context, std::int64_t expectedPatients);

  // The number a patient will be stored under: `wanted`, or the next free one when it is 0 (one past the
  // highest so far, as a single registration numbers). Throws InvalidInput when `wanted` is in use — in
  // the register or earlier in this load.
  std::int64_t claimNumber(std::int64_t wanted);

  // Patients written together: each flush starts a statement (a COPY) per table; a few thousand rows
  // make that cost vanish while the rows held stay a few megabytes.
  static constexpr std::size_t kPatientsPerFlush = 5000;

  // Queues a patient (patient.number from claimNumber, lastValid as it should be stored) and their
  // records, whose states are final; writes the queue once it holds kPatientsPerFlush patients. Throws
  // EnvironmentError.
  void add(Patient patient, std::vector<InsuranceRecord> records);

  // Writes what is queued. Throws EnvironmentError.
  void flush();
  // Writes what is queued and puts back the indexes and foreign keys set aside; the caller then commits.
  void finish();

 private:
  bool taken(std::int64_t number) const;

  Database& db_;
  // What finish() runs to put back what was set aside: the engine's own statements.
  std::vector<std::string> indexesToMake_;
  std::vector<std::string> foreignKeysToAdd_;
  ChangeContext context_;
  std::string now_;  // one time for the whole load: when it was brought in
  // Numbers in use: the register's and those claimed in ascending order, sorted; a number claimed below
  // the highest (a file not sorted by number) goes to the set.
  std::vector<std::int64_t> ascending_;
  std::unordered_set<std::int64_t> outOfOrder_;
  std::vector<Patient> queuedPatients_;
  std::vector<InsuranceRecord> queuedRecords_;  // patientNumber set
  BulkInsert patients_;
  BulkInsert insurances_;
  BulkInsert history_;
};

}  // namespace rececon::db
