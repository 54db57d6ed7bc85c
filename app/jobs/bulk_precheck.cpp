#include "app/jobs/bulk_precheck.h"

#include "app/jobs/rights.h"

#include <Poco/Environment.h>
#include <Poco/Process.h>

#include <algorithm>
#include <thread>

#include "app/core/error.h"
#include "app/core/insurer_number.h"
#include "app/jobs/bulk_reconciliation.h"
#include "app/jobs/linkage_result_store.h"
#include "app/jobs/patient_register.h"
#include "db/appointment_repository.h"
#include "db/linkage_request_repository.h"
#include "db/visit_repository.h"
#include "linkage/decode_error.h"
#include "linkage/file_transfer.h"
#include "linkage/message_codec.h"
#include "linkage/messages.h"

namespace rececon {
namespace {

using linkage::RequestState;
using linkage::Text;
using std::chrono::system_clock;

constexpr std::int64_t kLeaseSeconds = 120;  // renewed every pass; a driver killed hard is taken over after this
constexpr std::chrono::milliseconds kReportEvery{250};
// A run is at the stage of its least advanced file.
constexpr BulkStage kStages[] = {BulkStage::Created, BulkStage::Submitted, BulkStage::Accepted,
                                 BulkStage::Waiting, BulkStage::Received,  BulkStage::Reconciled};

std::string text(const Text& t) { return t.value_or(""); }

bool ended(RequestState s) { return s != RequestState::Pending && s != RequestState::Sent; }

std::string whyEnded(const linkage::RequestRecord& r) {
  const std::string what = r.state == RequestState::TimedOut ? "時間内に応答がありませんでした"
                           : r.state == RequestState::Cancelled ? "取り消されました"
                                                                : "連携アプリに拒否されました";
  return what + (r.detail.empty() ? "" : "（" + r.detail + "）");
}

std::string headerError(const linkage::ResultHeader& h) {
  return text(h.errorCode) + (h.errorCode && h.errorMessage ? " " : "") + text(h.errorMessage);
}

std::vector<std::int64_t> expectedPatients(db::Database& db, const std::string& isoDate, int recentMonths, Date today) {
  std::vector<std::int64_t> patients = db::AppointmentRepository(db).patientsOnDate(isoDate);
  if (recentMonths > 0) {
    // From the first day of the month N months back: "seen in the last N months" as a clinic counts it.
    const std::chrono::year_month from = today.year() / today.month() - std::chrono::months(recentMonths);
    const auto seen = db::VisitRepository(db).patientsSeenSince(toIsoString(from / std::chrono::day(1)));
    patients.insert(patients.end(), seen.begin(), seen.end());
    std::sort(patients.begin(), patients.end());
    patients.erase(std::unique(patients.begin(), patients.end()), patients.end());
  }
  return patients;
}

db::StoredBulkEntry entryFor(PatientRegister& reg, std::int64_t runId, std::int64_t patientNumber) {
  const Patient patient = reg.patient(patientNumber);
  db::StoredBulkEntry e;
  e.runId = runId;
  e.patientNumber = patientNumber;
  e.identifier = std::to_string(patientNumber) + "_" + std::to_string(runId);
  e.birthDate = toCompactString(patient.birthDate);
  const auto record = reg.currentInsurance(patientNumber);
  if (!record || record->insured.insurerNumber.empty() || record->insured.number.empty()) {
    e.state = BulkEntryState::Reconciled;
    e.outcome = bulk_outcome::kNoInsurance;
    e.needsAttention = true;
    e.detail = "保険情報が登録されていないため一括照会できません。来院時に保険証等またはマイナンバーカードで確認してください。";
    return e;
  }
  e.insuranceId = record->id;
  e.insurerNumber = record->insured.insurerNumber;
  e.symbol = record->insured.symbol;
  e.number = record->insured.number;
  e.branch = record->insured.branch;
  return e;
}

}  // namespace

BulkPrecheck::BulkPrecheck(db::Database& db, linkage::ExchangeConfig config, BulkOptions options, std::string operatorId,
                           Clock clock)
    : db_(db),
      config_(std::move(config)),
      options_(options),
      operatorId_(std::move(operatorId)),
      clock_(std::move(clock)),
      journal_(db),
      exchange_(config_, journal_, clock_),
      host_(Poco::Environment::nodeName()),
      pid_(static_cast<std::int64_t>(Poco::Process::id())) {}

std::int64_t BulkPrecheck::now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count();
}

std::int64_t BulkPrecheck::prepare(Date checkDate) {
  requireRight(db_, operatorId_, Right::NightlyRun, "一括照会");
  const Date today = localDateOf(clock_());
  const auto days = (std::chrono::sys_days(checkDate) - std::chrono::sys_days(today)).count();
  if (days < 0 || days > options_.maxDaysAhead) {
    throw InvalidInput("一括照会できるのは今日から " + std::to_string(options_.maxDaysAhead) + " 日先まで（" +
                       formatWareki(today) + "〜）です。" + formatWareki(checkDate) + " は範囲外です。");
  }
  const std::string isoDate = toIsoString(checkDate);
  const auto patients = expectedPatients(db_, isoDate, options_.recentMonths, today);
  db::WriteTransaction tx(db_);
  db::BulkRepository repo(db_);
  const auto existing = repo.runForDate(isoDate);
  if (patients.empty() && !existing) {
    throw InvalidInput(formatWareki(checkDate) + " の予約がないため、一括照会する患者がいません。");
  }
  const std::int64_t runId = existing ? existing->id : repo.addRun(isoDate, operatorId_);
  PatientRegister reg(db_, operatorId_);
  for (const std::int64_t p : patients) repo.addEntry(entryFor(reg, runId, p));

  // Files that failed before are tried again: sent again when no reception number came, downloaded again
  // (with a new deadline) when one did.
  std::vector<db::StoredBulkFile> files = repo.files(runId);
  for (db::StoredBulkFile& f : files) {
    if (f.state != BulkStage::Failed) continue;
    if (f.receptionNumber.empty()) {
      db::StoredBulkFile fresh;  // never accepted: start over with a new request file
      fresh.id = f.id;
      fresh.runId = f.runId;
      fresh.seq = f.seq;
      fresh.state = BulkStage::Created;
      f = fresh;
    } else {
      f.state = BulkStage::Accepted;
      f.acceptedAt = now();
      f.nextDownloadAt = now();
      f.downloadErrors = 0;
      f.downloadFile.clear();
      f.downloadRequestId.reset();
      f.detail.clear();
    }
    repo.updateFile(f);
  }
  int seq = files.empty() ? 0 : files.back().seq;
  for (int left = repo.unassignedCount(runId); left > 0; left -= options_.maxEntriesPerFile) {
    repo.assignUnassigned(runId, repo.addFile(runId, ++seq), options_.maxEntriesPerFile);
  }
  tx.commit();
  updateRunState(runId);
  return runId;
}

void BulkPrecheck::saveFile(const db::StoredBulkFile& file) {
  db::WriteTransaction tx(db_);
  db::BulkRepository(db_).updateFile(file);
  tx.commit();
}

std::optional<std::int64_t> BulkPrecheck::sendOnce(
    db::StoredBulkFile& file, std::string db::StoredBulkFile::*reservedName, linkage::MessageKind kind,
    const std::function<linkage::XmlElement(const std::string& suffix)>& message) {
  const std::string prefix = linkage::kindInfo(kind).prefix;
  std::string& name = file.*reservedName;
  if (name.empty()) {  // the name is stored before the file can exist, so a restart finds the request by it
    name = prefix + nextRequestSuffix(db_, localDateOf(clock_()), exchange_.config().terminalId) + ".xml";
    saveFile(file);
  }
  if (const auto id = db::LinkageRequestRepository(db_).idOfFile(name)) return id;  // resume() rewrites it if needed
  const std::string suffix = name.substr(prefix.size(), name.size() - prefix.size() - 4);
  try {
    return exchange_.submit(kind, message(suffix), suffix).id;
  } catch (const linkage::TransferError&) {
    return db::LinkageRequestRepository(db_).idOfFile(name);  // journaled as failed: the next step says why
  } catch (const linkage::EncodeError& e) {
    file.state = BulkStage::Failed;
    file.detail = std::string("要求ファイルを作れません: ") + e.what();
    saveFile(file);
    return std::nullopt;
  }
}

bool BulkPrecheck::submitUpload(db::StoredBulkFile& file, const std::string& checkDate) {
  const auto entries = db::BulkRepository(db_).entriesOfFile(file.id);
  const auto id = sendOnce(file, &db::StoredBulkFile::uploadFile, linkage::MessageKind::BulkCheckRequest,
                           [&](const std::string& suffix) {
                             linkage::BulkCheckRequest r;
                             r.header.confirmationDate = toCompactString(*fromIsoString(checkDate));
                             r.header.institutionCode = config_.institutionCode;
                             r.header.fileIdentifier = "BZ" + suffix;
                             for (const auto& e : entries) {
                               linkage::SearchKey k;
                               k.insurerNumber = padInsurerNumber(e.insurerNumber);
                               k.symbol = e.symbol;
                               k.number = e.number;
                               if (!e.branch.empty()) k.branch = e.branch;
                               k.birthdate = e.birthDate;
                               k.limitConsent = "0";  // consent is given at the desk, not overnight
                               k.arbitraryIdentifier = e.identifier;
                               r.keys.push_back(std::move(k));
                             }
                             return linkage::toXml(r);
                           });
  if (!id) return true;
  file.uploadRequestId = id;
  file.state = BulkStage::Submitted;
  saveFile(file);
  return true;
}

bool BulkPrecheck::takeAcceptance(db::StoredBulkFile& file) {
  const linkage::RequestRecord r = journal_.get(*file.uploadRequestId);
  if (!ended(r.state)) return false;
  if (r.state != RequestState::Answered) {
    file.state = BulkStage::Failed;
    file.detail = "一括照会の要求が" + whyEnded(r) + "。";
  } else {
    const auto raw = db::LinkageRequestRepository(db_).answer(r.id);
    const linkage::AcceptResult accept = linkage::readAcceptResult(linkage::decodeMessage(raw.value_or(""), r.resultFile).root());
    if (accept.header.segmentOfResult == Text("1") && accept.receptionNumber && !accept.receptionNumber->empty()) {
      file.state = BulkStage::Accepted;
      file.receptionNumber = *accept.receptionNumber;
      file.receptionTime = text(accept.receptionDateTime);
      file.acceptedAt = now();
      file.nextDownloadAt = now();
      file.detail.clear();
    } else {
      file.state = BulkStage::Failed;
      const std::string why = headerError(accept.header) + text(accept.processingCode) + " " + text(accept.processingMessage);
      file.detail = "一括照会の要求が受け付けられませんでした: " + why;
    }
  }
  saveFile(file);
  return true;
}

bool BulkPrecheck::download(db::StoredBulkFile& file) {
  if (now() < file.nextDownloadAt) return false;
  if (now() > file.acceptedAt + std::chrono::duration_cast<std::chrono::seconds>(options_.deadline).count()) {
    file.state = BulkStage::Failed;
    file.detail = "一括照会の結果が期限（受付から " + std::to_string(options_.deadline.count()) +
                  " 分）までに用意されませんでした（受付番号 " + file.receptionNumber +
                  "）。もう一度 bulk run を実行すると取得を続けます。";
    saveFile(file);
    return true;
  }
  const auto id = sendOnce(file, &db::StoredBulkFile::downloadFile, linkage::MessageKind::BulkCheckDownloadRequest,
                           [&](const std::string&) {
                             return linkage::toXml(linkage::DownloadRequest{config_.institutionCode, file.receptionNumber});
                           });
  if (!id) return true;
  file.downloadRequestId = id;
  ++file.downloads;
  saveFile(file);
  return true;
}

bool BulkPrecheck::takeDownload(db::StoredBulkFile& file) {
  const linkage::RequestRecord r = journal_.get(*file.downloadRequestId);
  if (!ended(r.state)) return false;
  std::string failure;
  if (r.state != RequestState::Answered) {
    failure = "結果の取得要求が" + whyEnded(r);
  } else {
    const auto raw = db::LinkageRequestRepository(db_).answer(r.id);
    const linkage::DecodedMessage decoded = linkage::decodeMessage(raw.value_or(""), r.resultFile);
    const linkage::XmlNode header = decoded.header();  // valid while `decoded` lives
    const auto segment = header.value("SegmentOfResult");
    if (segment == std::optional<std::string>("1")) {
      file.state = BulkStage::Received;
      file.resultRequestId = r.id;
      file.downloadErrors = 0;
      saveFile(file);
      // Reconciled at once from what was just read; after a crash here, Received reads it again.
      reconcile(file, [&] { reconcileBulkFile(db_, file.id, operatorId_, linkage::readBulkResult(decoded.root())); });
      return true;
    }
    if (segment != std::optional<std::string>("2")) {
      failure = "結果の取得でエラー: " + header.value("ErrorCode").value_or("") + " " + header.value("ErrorMessage").value_or("");
    }
  }
  // 処理中 (or a failed download): ask again later, waiting twice as long each time up to the maximum.
  const auto wait = std::min<std::int64_t>(options_.retryMax.count(),
                                           options_.retryFirst.count() << std::min(file.downloads - 1, 16));
  file.downloadFile.clear();
  file.downloadRequestId.reset();
  file.nextDownloadAt = now() + wait;
  if (failure.empty()) {
    file.state = BulkStage::Waiting;
    file.downloadErrors = 0;
    file.detail = "処理中（" + std::to_string(file.downloads) + " 回目の取得）";
  } else {
    file.downloadErrors++;
    file.detail = failure;
    file.state = file.downloadErrors >= options_.downloadErrorLimit ? BulkStage::Failed : BulkStage::Waiting;
  }
  saveFile(file);
  return true;
}

void BulkPrecheck::reconcile(db::StoredBulkFile& file, const std::function<void()>& reconcileFile) {
  try {
    reconcileFile();
    file = db::BulkRepository(db_).file(file.id);
  } catch (const InvalidInput& e) {
    file.state = BulkStage::Failed;
    file.detail = std::string("結果を照合できません: ") + e.what();
    saveFile(file);
  }
}

bool BulkPrecheck::advanceFile(db::StoredBulkFile& file, const std::string& checkDate) {
  if (file.state == BulkStage::Created) return submitUpload(file, checkDate);
  if (file.state == BulkStage::Submitted) return takeAcceptance(file);
  if (file.state == BulkStage::Accepted || file.state == BulkStage::Waiting) return file.downloadRequestId ? takeDownload(file) : download(file);
  if (file.state == BulkStage::Received) {
    reconcile(file, [&] { reconcileBulkFile(db_, file.id, operatorId_); });
    return true;
  }
  return false;  // reconciled or failed
}

bool BulkPrecheck::advance(std::int64_t runId, const std::string& checkDate) {
  bool moved = false;
  for (db::StoredBulkFile& file : db::BulkRepository(db_).files(runId)) {
    while (advanceFile(file, checkDate)) moved = true;
  }
  return moved;
}

BulkStage BulkPrecheck::updateRunState(std::int64_t runId) {
  db::BulkRepository repo(db_);
  const auto files = repo.files(runId);
  std::size_t earliest = std::size(kStages);
  std::string failure;
  for (const auto& f : files) {
    if (f.state == BulkStage::Failed) {
      if (failure.empty()) failure = "ファイル " + std::to_string(f.seq) + ": " + f.detail;
      continue;
    }
    const auto at = static_cast<std::size_t>(std::find(std::begin(kStages), std::end(kStages), f.state) - std::begin(kStages));
    if (f.state != BulkStage::Reconciled) earliest = std::min(earliest, at);
  }
  const BulkStage state = earliest < std::size(kStages) ? kStages[earliest] : failure.empty() ? BulkStage::Done : BulkStage::Failed;
  db::WriteTransaction tx(db_);
  const auto run = repo.run(runId);
  if (run.state != state || (state == BulkStage::Failed && run.detail != failure)) {
    repo.setRunState(runId, state, state == BulkStage::Failed ? failure : "");
  }
  tx.commit();
  return state;
}

void BulkPrecheck::holdLease(std::int64_t runId) {
  const std::int64_t t = now();
  if (leasedRun_ == runId && leaseUntil_ - t > kLeaseSeconds / 2) return;  // held and fresh: no need to read
  db::BulkRepository repo(db_);
  const db::StoredBulkRun run = repo.run(runId);
  const bool ours = run.host == host_ && run.pid == pid_;
  const bool heldElsewhere = !ours && run.leaseUntil > t &&
                             !(run.host == host_ && !Poco::Process::isRunning(static_cast<Poco::Process::PID>(run.pid)));
  if (heldElsewhere || !repo.takeLease(runId, host_, pid_, t + kLeaseSeconds, run)) {
    throw EnvironmentError(formatWareki(*fromIsoString(run.checkDate)) + " の一括照会は、別の処理（" + run.host + " の プロセス " +
                           std::to_string(run.pid) + "）が実行中です。終わるのを待ってください。その処理が止まっている場合は " +
                           std::to_string(kLeaseSeconds) + " 秒後に再開できます。");
  }
  leasedRun_ = runId;
  leaseUntil_ = t + kLeaseSeconds;
}

BulkRunStatus BulkPrecheck::drive(std::int64_t runId, JobContext& job) {
  requireRight(db_, operatorId_, Right::NightlyRun, "一括照会");  // a resumed run is a run
  holdLease(runId);
  const std::string checkDate = db::BulkRepository(db_).run(runId).checkDate;
  LinkageResultStore store(db_);
  exchange_.resume();
  bool first = true;
  std::chrono::steady_clock::time_point lastReport;  // never: the first pass reports
  for (;;) {
    const bool moved = advance(runId, checkDate);
    if (moved || first) {
      const BulkStage state = updateRunState(runId);
      const bool finished = state == BulkStage::Done || state == BulkStage::Failed;
      // Counting a night's entries takes milliseconds: progress is counted a few times a second (and at
      // the end), not after every step of every file.
      if (finished || std::chrono::steady_clock::now() - lastReport >= kReportEvery) {
        const BulkRunStatus s = status(runId);
        job.step(s.reconciled, s.entries, "一括照会 " + formatWareki(*fromIsoString(checkDate)) + "（" + bulkStageLabel(s.state) + "）");
        lastReport = std::chrono::steady_clock::now();
      }
      if (finished) break;
      first = false;
    } else if (job.cancelRequested()) {
      throw Cancelled();
    }
    exchange_.poll(store);
    if (!moved) std::this_thread::sleep_for(options_.pollInterval);
    holdLease(runId);
  }
  db::BulkRepository(db_).releaseLease(runId, host_, pid_);
  leasedRun_ = 0;
  return status(runId);
}

BulkRunStatus BulkPrecheck::status(std::int64_t runId) {
  db::BulkRepository repo(db_);
  const db::StoredBulkRun run = repo.run(runId);
  BulkRunStatus s;
  s.runId = run.id;
  s.checkDate = run.checkDate;
  s.state = run.state;
  s.host = run.host;
  s.detail = run.detail;
  const db::BulkCounts counts = repo.counts(runId);
  s.entries = counts.entries;
  s.reconciled = counts.reconciled;
  s.needsAttention = counts.needsAttention;
  s.byOutcome = counts.byOutcome;
  std::map<std::int64_t, int> perFile = repo.entriesPerFile(runId);
  for (const auto& f : repo.files(runId)) {
    s.files.push_back({f.seq, f.state, f.receptionNumber, f.detail, perFile[f.id], f.downloads});
  }
  return s;
}

std::string bulkStageLabel(BulkStage stage) {
  switch (stage) {
    case BulkStage::Created: return "作成済み（未送信）";
    case BulkStage::Submitted: return "送信済み（受付待ち）";
    case BulkStage::Accepted: return "受付済み";
    case BulkStage::Waiting: return "結果待ち（処理中）";
    case BulkStage::Received: return "結果受信";
    case BulkStage::Reconciled: return "照合済み";
    case BulkStage::Done: return "完了";
    case BulkStage::Failed: return "失敗";
  }
  return "";
}

std::optional<std::int64_t> bulkRunForDate(db::Database& db, Date checkDate) {
  const auto run = db::BulkRepository(db).runForDate(toIsoString(checkDate));
  return run ? std::optional<std::int64_t>(run->id) : std::nullopt;
}

std::vector<std::int64_t> unfinishedBulkRuns(db::Database& db) {
  std::vector<std::int64_t> ids;
  for (const auto& r : db::BulkRepository(db).unfinishedRuns()) ids.push_back(r.id);
  return ids;
}

}  // namespace rececon
