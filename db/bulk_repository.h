#pragma once
// The nightly bulk pre-check as stored: runs (one per check date), the request files each run was sent
// in, and one entry per patient. Every step of a run is a row update, so a run killed at any point is
// resumed from what these tables say. Writes run in the caller's WriteTransaction unless noted.
// One thread at a time (as its Database).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/core/bulk_stage.h"
#include "db/database.h"

namespace rececon::db {

struct StoredBulkRun {
  std::int64_t id = 0;
  std::string checkDate;  // YYYY-MM-DD
  BulkStage state = BulkStage::Created;
  std::string host;
  std::int64_t pid = 0;
  std::int64_t leaseUntil = 0;
  std::string operatorId, detail, createdAt, updatedAt;
};

struct StoredBulkFile {
  std::int64_t id = 0;
  std::int64_t runId = 0;
  int seq = 0;
  BulkStage state = BulkStage::Created;  // never Done
  std::string uploadFile;
  std::optional<std::int64_t> uploadRequestId;
  std::string receptionNumber, receptionTime;
  std::int64_t acceptedAt = 0;
  std::string downloadFile;
  std::optional<std::int64_t> downloadRequestId;
  int downloads = 0;
  int downloadErrors = 0;
  std::int64_t nextDownloadAt = 0;
  std::optional<std::int64_t> resultRequestId;
  std::string detail, updatedAt;
};

struct StoredBulkEntry {
  std::int64_t id = 0;
  std::int64_t runId = 0;
  std::optional<std::int64_t> fileId;
  std::int64_t patientNumber = 0;
  std::optional<std::int64_t> insuranceId;
  std::string identifier;
  std::string insurerNumber, symbol, number, branch, birthDate;  // as sent (birth date YYYYMMDD)
  BulkEntryState state = BulkEntryState::Pending;
  std::string outcome;
  bool limitChanged = false;
  std::string processingCode, processingMessage, referenceNumber;
  std::string comparison, changedFields;
  std::optional<std::int64_t> newInsuranceId;
  std::string detail, reconciledAt;
  bool needsAttention = false;
  std::string doneBy, doneAt;
};

struct BulkCounts {
  std::int64_t entries = 0, reconciled = 0, needsAttention = 0;
  std::map<std::string, std::int64_t> byOutcome;  // reconciled entries per outcome
};

class BulkRepository {
 public:
  explicit BulkRepository(Database& db) : db_(db) {}

  std::optional<StoredBulkRun> runForDate(const std::string& isoDate);
  StoredBulkRun run(std::int64_t id);  // throws NotFound
  // Runs not done or failed, oldest first.
  std::vector<StoredBulkRun> unfinishedRuns();
  std::int64_t addRun(const std::string& isoDate, const std::string& operatorId);
  void setRunState(std::int64_t id, BulkStage state, const std::string& detail);
  // Compare-and-set on who holds the run: takes it for host/pid until leaseUntil when it is still held as
  // expected (the values read before). Own transaction not needed: one UPDATE. False when someone else
  // changed it meanwhile.
  bool takeLease(std::int64_t id, const std::string& host, std::int64_t pid, std::int64_t leaseUntil,
                 const StoredBulkRun& expected);
  void releaseLease(std::int64_t id, const std::string& host, std::int64_t pid);

  std::int64_t addFile(std::int64_t runId, int seq);
  std::vector<StoredBulkFile> files(std::int64_t runId);
  StoredBulkFile file(std::int64_t id);  // throws NotFound
  // Writes every mutable column of the file row.
  void updateFile(const StoredBulkFile& f);

  // Adds the entry unless the run has one for the patient already; returns whether it was added.
  bool addEntry(const StoredBulkEntry& e);
  std::vector<StoredBulkEntry> entries(std::int64_t runId);
  std::vector<StoredBulkEntry> entriesOfFile(std::int64_t fileId);
  // Pending entries of the run that are not in a file yet.
  int unassignedCount(std::int64_t runId);
  // Puts the first `limit` of those (by id) into the file, in one statement; returns how many it put.
  int assignUnassigned(std::int64_t runId, std::int64_t fileId, int limit);
  StoredBulkEntry entry(std::int64_t id);  // throws NotFound
  // Stores the reconciliation of a pending entry (outcome and everything found); false when the entry is
  // no longer pending (it was reconciled already).
  bool saveReconciled(const StoredBulkEntry& e);
  // Marks a worklist item handled (or not) by a person.
  void setDone(std::int64_t entryId, bool done, const std::string& operatorId);
  BulkCounts counts(std::int64_t runId);
  // Entries per file id.
  std::map<std::int64_t, int> entriesPerFile(std::int64_t runId);

 private:
  Database& db_;
};

}  // namespace rececon::db
