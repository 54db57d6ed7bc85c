#include "app/jobs/request_journal_store.h"

#include <chrono>
#include <cstdio>

#include "app/core/error.h"
#include "db/linkage_request_repository.h"

namespace rececon {
namespace {

using linkage::RequestState;

std::optional<linkage::MessageKind> kindFromPrefix(const std::string& prefix) {
  return linkage::kindFromFileName(prefix);
}

linkage::RequestRecord fromStored(const db::StoredLinkageRequest& s) {
  const auto kind = kindFromPrefix(s.kind);
  const auto state = linkage::requestStateFromString(s.state);
  if (!kind || !state) throw InternalError("linkage_request " + std::to_string(s.id) + ": unknown kind or state");
  linkage::RequestRecord r;
  r.id = s.id;
  r.kind = *kind;
  r.fileName = s.fileName;
  r.fileIdentifier = s.fileIdentifier;
  r.receptionNumber = s.receptionNumber;
  r.requestBytes = s.requestBytes;
  r.state = *state;
  r.createdAt = s.createdAt;
  r.deadline = s.deadline;
  r.resultFile = s.resultFile;
  r.detail = s.detail;
  return r;
}

}  // namespace

std::int64_t DatabaseRequestJournal::add(const linkage::RequestRecord& r) {
  db::StoredLinkageRequest s;
  s.kind = linkage::kindInfo(r.kind).prefix;
  s.fileName = r.fileName;
  s.fileIdentifier = r.fileIdentifier;
  s.receptionNumber = r.receptionNumber;
  s.requestBytes = r.requestBytes;
  s.createdAt = r.createdAt;
  s.deadline = r.deadline;
  return db::LinkageRequestRepository(db_).add(s);
}

bool DatabaseRequestJournal::transition(std::int64_t id, RequestState from, RequestState to, const std::string& detail,
                                        const std::string& resultFile) {
  return db::LinkageRequestRepository(db_).transition(id, linkage::toString(from), linkage::toString(to), detail,
                                                      resultFile);
}

std::vector<linkage::RequestRecord> DatabaseRequestJournal::waiting() {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  std::vector<linkage::RequestRecord> out;
  for (const auto& s : db::LinkageRequestRepository(db_).waiting(now - 24 * 3600)) out.push_back(fromStored(s));
  return out;
}

std::optional<linkage::RequestRecord> DatabaseRequestJournal::findByFileName(const std::string& fileName) {
  const auto id = db::LinkageRequestRepository(db_).idOfFile(fileName);
  if (!id) return std::nullopt;
  linkage::RequestRecord r = get(*id);
  r.requestBytes.clear();
  return r;
}

linkage::RequestRecord DatabaseRequestJournal::get(std::int64_t id) {
  return fromStored(db::LinkageRequestRepository(db_).get(id));
}

std::string nextRequestSuffix(db::Database& db, Date day, const std::string& terminalId) {
  const std::string date = toCompactString(day);
  const int n = db::LinkageRequestRepository(db).nextNumber(date + terminalId);
  if (n > 9999) {
    throw EnvironmentError("本日の連携要求が9,999件を超えたため、要求ファイル名を付けられません。");
  }
  char number[16];
  std::snprintf(number, sizeof number, "%04d", n);
  return date + terminalId + number;
}

linkage::RequestRecord submitRequest(linkage::LinkageExchange& exchange, linkage::MessageKind kind,
                                     const linkage::XmlElement& message, const std::string& suffix,
                                     const std::function<void(const linkage::RequestRecord&)>& journaled) {
  try {
    return exchange.submit(kind, message, suffix, journaled);
  } catch (const linkage::TransferError& e) {
    throw EnvironmentError(e.what());
  }
}

}  // namespace rececon
