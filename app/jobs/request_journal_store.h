#pragma once
// The linkage request journal kept in the database, and the numbering of request files.

#include <functional>
#include <string>

#include "app/core/japanese_date.h"
#include "db/database.h"
#include "linkage/exchange.h"
#include "linkage/request_journal.h"

namespace rececon {

class DatabaseRequestJournal : public linkage::RequestJournal {
 public:
  explicit DatabaseRequestJournal(db::Database& db) : db_(db) {}

  std::int64_t add(const linkage::RequestRecord& pending) override;
  bool transition(std::int64_t id, linkage::RequestState from, linkage::RequestState to, const std::string& detail,
                  const std::string& resultFile) override;
  // Pending and Sent requests, and those timed out within the last 24 hours (a late answer still counts).
  std::vector<linkage::RequestRecord> waiting() override;
  std::optional<linkage::RequestRecord> findByFileName(const std::string& fileName) override;
  linkage::RequestRecord get(std::int64_t id);

 private:
  db::Database& db_;
};

// The next request-file suffix for a day: yyyyMMdd + this terminal's identity + a 4-digit daily sequence
// (oqs-interface.md §1.3 leaves the suffix to us), e.g. 20261121K7Q2M0001. The identity makes the names
// of terminals sharing the folders differ even when each numbers from 1. Throws EnvironmentError past
// 9,999 requests in a day.
std::string nextRequestSuffix(db::Database& db, Date day, const std::string& terminalId);

// exchange.submit, with a folder's failure (read-only, full, missing, a name taken) as EnvironmentError.
linkage::RequestRecord submitRequest(linkage::LinkageExchange& exchange, linkage::MessageKind kind,
                                     const linkage::XmlElement& message, const std::string& suffix,
                                     const std::function<void(const linkage::RequestRecord&)>& journaled = {});

}  // namespace rececon
