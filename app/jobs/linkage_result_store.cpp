#include "app/jobs/linkage_result_store.h"

#include <thread>

#include "app/core/error.h"
#include "app/jobs/check_outcome.h"
#include "app/jobs/reference_registrar.h"
#include "db/linkage_event_log.h"
#include "db/linkage_request_repository.h"
#include "db/qualification_repository.h"
#include "linkage/messages.h"

namespace rececon {
namespace {

void storeQualificationResult(db::Database& db, const linkage::IncomingFile& file, std::optional<std::int64_t> checkId,
                              ResultSource source) {
  const auto result = linkage::readQualificationResult(file.message.root());
  db::StoredResult r;
  r.source = source;
  r.checkId = checkId;
  r.fileName = file.path.filename().string();
  r.contentHash = file.hash;
  r.raw = file.bytes;
  r.segment = result.header.segmentOfResult.value_or("");
  r.processingStatus = result.processingStatus.value_or("");
  r.processingCode = result.processingCode.value_or("");
  r.processingMessage = result.processingMessage.value_or("");
  r.validity = result.validity.value_or("");
  r.errorCode = result.header.errorCode.value_or("");
  r.errorMessage = result.header.errorMessage.value_or("");
  r.outcome = outcomeName(outcomeOf(result));
  r.state = ResultDecision::Arrived;
  db::QualificationRepository(db).addResult(r);
}

std::int64_t secondsNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

void LinkageResultStore::onResult(const linkage::RequestRecord& request, const linkage::IncomingFile& file) {
  db::WriteTransaction tx(db_);
  if (request.kind == linkage::MessageKind::SingleCheckRequest) {
    const auto check = db::QualificationRepository(db_).checkForRequest(request.id);
    storeQualificationResult(db_, file, check ? std::optional<std::int64_t>(check->id) : std::nullopt, ResultSource::Check);
  } else {
    db::LinkageRequestRepository(db_).addAnswer(request.id, file.path.filename().string(), file.hash, file.bytes);
  }
  tx.commit();
}

void LinkageResultStore::onFaceResult(const linkage::IncomingFile& file) {
  db::WriteTransaction tx(db_);
  storeQualificationResult(db_, file, std::nullopt, ResultSource::Face);
  tx.commit();
}

void LinkageResultStore::onUnreadable(const std::filesystem::path& file, const std::string& reason) {
  db::LinkageEventLog(db_).record(secondsNow(), "unreadable", file.filename().string(), reason);
}

void LinkageResultStore::onIncomplete(const std::filesystem::path& file, const std::string& reason) {
  db::LinkageEventLog(db_).record(secondsNow(), "incomplete", file.filename().string(), reason);
}

void LinkageResultStore::onAnomaly(const std::filesystem::path& file, linkage::FolderAnomaly anomaly,
                                   const std::string& code, const std::string& reason) {
  db::LinkageEventLog(db_).record(secondsNow(), linkage::toString(anomaly), file.filename().string(),
                                  "[" + code + "] " + reason);
}

bool LinkageResultStore::isStored(const std::string& fileName, const std::string& hash) {
  return db::QualificationRepository(db_).hasResult(fileName, hash) ||
         db::LinkageRequestRepository(db_).hasAnswer(fileName, hash);
}

LinkagePoller::LinkagePoller(db::Database& db, linkage::ExchangeConfig config)
    : db_(db), journal_(db), exchange_(std::move(config), journal_), store_(db) {}

std::int64_t LinkagePoller::poll() {
  try {
    exchange_.poll(store_);
  } catch (const linkage::TransferError& e) {
    throw EnvironmentError(e.what());  // a folder's trouble, never a bug of ours
  }
  // Registrations of 照会番号 sent when a result was applied are completed by whichever pass sees their answer.
  ReferenceRegistrar(db_, exchange_.config(), "").settlePending();
  return db::QualificationRepository(db_).countInState(ResultDecision::Arrived);
}

std::int64_t pollLinkage(db::Database& db, const linkage::ExchangeConfig& config) {
  return LinkagePoller(db, config).poll();
}

linkage::RequestRecord waitForRequest(db::Database& db, const linkage::ExchangeConfig& config, std::int64_t requestId,
                                      JobContext& job, std::chrono::milliseconds interval) {
  const auto start = std::chrono::steady_clock::now();
  // One exchange for the whole wait: what it remembers (face files already seen, anomalies reported) is
  // not read, hashed and reported again on every tick.
  LinkagePoller poller(db, config);
  for (;;) {
    poller.poll();
    const linkage::RequestRecord r = DatabaseRequestJournal(db).get(requestId);
    if (r.state != linkage::RequestState::Pending && r.state != linkage::RequestState::Sent) return r;
    const auto waited = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
    job.step(waited.count(), (r.deadline - r.createdAt) + 5, "連携アプリの応答を待っています");
    std::this_thread::sleep_for(interval);
  }
}

}  // namespace rececon
