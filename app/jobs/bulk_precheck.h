#pragma once
// The nightly bulk pre-check (一括照会, table 4.1.1-1 (6), oqs-interface.md §8) as a persistent job. A run
// per check date goes created → submitted → accepted (reception number) → waiting → received →
// reconciled → done / failed; each request file of the run moves through the same steps and every step
// is a row in the database before (or as) it happens, so a run killed at any point resumes where it
// stood, and running it again for the same date sends nothing twice: request files are named before they
// are written and found again by name, answers are stored before they are used, and each entry is
// reconciled once. Patients booked after a run was made are added to it as a new file.
// One thread at a time (as its Database).

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/core/japanese_date.h"
#include "app/jobs/bulk_settings.h"
#include "app/jobs/job_context.h"
#include "db/bulk_repository.h"
#include "db/database.h"
#include "app/jobs/request_journal_store.h"
#include "linkage/exchange.h"

namespace rececon {

struct BulkFileStatus {
  int seq = 0;
  BulkStage state = BulkStage::Created;
  std::string receptionNumber, detail;
  int entries = 0;
  int downloads = 0;
};

struct BulkRunStatus {
  std::int64_t runId = 0;
  std::string checkDate;  // YYYY-MM-DD
  BulkStage state = BulkStage::Created;
  std::string host, detail;
  std::int64_t entries = 0, reconciled = 0, needsAttention = 0;
  std::map<std::string, std::int64_t> byOutcome;  // reconciled entries per outcome name
  std::vector<BulkFileStatus> files;
  bool finished() const { return state == BulkStage::Done || state == BulkStage::Failed; }
};

class BulkPrecheck {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  BulkPrecheck(db::Database& db, linkage::ExchangeConfig config, BulkOptions options, std::string operatorId,
               Clock clock = std::chrono::system_clock::now);

  // Makes the run for the date, or adds the patients booked since; new entries are split into request
  // files of at most maxEntriesPerFile. Patients without usable insurance data get an entry that says so
  // (listed, not dropped). Files that failed before are set to be tried again. Returns the run id.
  // Throws InvalidInput when the date is outside the configured window or nobody is booked on it.
  std::int64_t prepare(Date checkDate);

  // Drives the run until every file is reconciled or failed, reporting progress (entries reconciled of
  // all) to job, which may cancel (Cancelled; the run resumes later where it stood). Throws
  // EnvironmentError when another live process drives the run.
  BulkRunStatus drive(std::int64_t runId, JobContext& job);

  BulkRunStatus status(std::int64_t runId);

 private:
  // One pass over the run's unfinished files; true when something moved.
  bool advance(std::int64_t runId, const std::string& checkDate);
  bool advanceFile(db::StoredBulkFile& file, const std::string& checkDate);
  // Runs reconcileFile for a received file; a result that cannot be reconciled fails the file, saying why.
  void reconcile(db::StoredBulkFile& file, const std::function<void()>& reconcileFile);
  bool submitUpload(db::StoredBulkFile& file, const std::string& checkDate);
  bool takeAcceptance(db::StoredBulkFile& file);
  bool download(db::StoredBulkFile& file);
  bool takeDownload(db::StoredBulkFile& file);
  // Reserves a request file name for the file (stored first), then writes it unless it is journaled already.
  std::optional<std::int64_t> sendOnce(db::StoredBulkFile& file, std::string db::StoredBulkFile::*reservedName,
                                       linkage::MessageKind kind,
                                       const std::function<linkage::XmlElement(const std::string& suffix)>& message);
  void saveFile(const db::StoredBulkFile& file);
  BulkStage updateRunState(std::int64_t runId);  // the run state it stored
  void holdLease(std::int64_t runId);
  std::int64_t now() const;

  db::Database& db_;
  linkage::ExchangeConfig config_;
  BulkOptions options_;
  std::string operatorId_;
  Clock clock_;
  DatabaseRequestJournal journal_;
  linkage::LinkageExchange exchange_;
  std::string host_;
  std::int64_t pid_;
  std::int64_t leasedRun_ = 0;   // the run this object holds, and until when (seconds since the epoch)
  std::int64_t leaseUntil_ = 0;
};

// The run for a date, if there is one.
std::optional<std::int64_t> bulkRunForDate(db::Database& db, Date checkDate);

// The stage in the words the morning's staff read (作成済み（未送信）, 結果待ち（処理中）, 完了 …).
std::string bulkStageLabel(BulkStage stage);
// Runs that are neither done nor failed (what `bulk resume` drives), oldest first.
std::vector<std::int64_t> unfinishedBulkRuns(db::Database& db);

}  // namespace rececon
