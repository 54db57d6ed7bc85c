#pragma once
// What the application does with everything the linkage exchange hands over: results of checks and
// card results become qualification results (with their raw file), answers to other requests are kept
// by request id. A file already stored (same name and content) is not stored again, so a poll repeated
// after a crash applies nothing twice. One thread at a time (as its Database).

#include <chrono>
#include <cstdint>

#include "app/jobs/job_context.h"
#include "app/jobs/request_journal_store.h"
#include "db/database.h"
#include "linkage/exchange.h"

namespace rececon {

class LinkageResultStore : public linkage::ExchangeHandler {
 public:
  explicit LinkageResultStore(db::Database& db) : db_(db) {}
  void onResult(const linkage::RequestRecord& request, const linkage::IncomingFile& file) override;
  void onFaceResult(const linkage::IncomingFile& file) override;
  void onRequestEnded(const linkage::RequestRecord&, linkage::RequestState, const std::string&) override {}
  // Both are kept in the linkage event log for the watchdog (the files themselves are in quarantine or
  // still in res).
  void onUnreadable(const std::filesystem::path& file, const std::string& reason) override;
  void onIncomplete(const std::filesystem::path& file, const std::string& reason) override;
  // Kept in the event log under the anomaly's name, the code leading the detail ("[OQS-SYMLINK] …").
  void onAnomaly(const std::filesystem::path& file, linkage::FolderAnomaly anomaly, const std::string& code,
                 const std::string& reason) override;
  bool isStored(const std::string& fileName, const std::string& hash) override;

 private:
  db::Database& db_;
};

// Passes over the linkage folders with one exchange kept between them, for a watcher that polls all
// day: what the exchange remembers (card files left for other readers under the "leave" policy) is
// then not read, decoded and stored again on every pass.
class LinkagePoller {
 public:
  LinkagePoller(db::Database& db, linkage::ExchangeConfig config);
  // One pass, storing everything found. Returns how many results now wait for a person's decision.
  // Throws EnvironmentError when a folder or the database fails in a way that stops the pass.
  std::int64_t poll();

 private:
  db::Database& db_;
  DatabaseRequestJournal journal_;
  linkage::LinkageExchange exchange_;
  LinkageResultStore store_;
};

// A single pass with a fresh exchange (a command that polls once or for one answer).
std::int64_t pollLinkage(db::Database& db, const linkage::ExchangeConfig& config);

// Polls until the request has ended (answered, refused, timed out or cancelled) and returns its final
// record; the job may cancel (Cancelled).
linkage::RequestRecord waitForRequest(db::Database& db, const linkage::ExchangeConfig& config, std::int64_t requestId,
                                      JobContext& job,
                                      std::chrono::milliseconds interval = std::chrono::milliseconds(200));

}  // namespace rececon
