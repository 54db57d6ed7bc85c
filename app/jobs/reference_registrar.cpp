#include "app/jobs/reference_registrar.h"

#include <algorithm>
#include <thread>

#include "app/core/error.h"
#include "app/core/insurer_number.h"
#include "app/jobs/linkage_result_store.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/request_journal_store.h"
#include "db/linkage_request_repository.h"
#include "db/reference_repository.h"
#include "linkage/message_codec.h"
#include "linkage/messages.h"

namespace rececon {
namespace {

using linkage::Text;

linkage::ReferenceRegistration entryFor(const InsuranceRecord& r) {
  return {Text(std::to_string(r.patientNumber)), Text(padInsurerNumber(r.insured.insurerNumber)), Text(r.insured.symbol),
          Text(r.insured.number), r.insured.branch.empty() ? Text() : Text(r.insured.branch)};
}

db::StoredReference storedFor(const InsuranceRecord& r, std::int64_t requestId, const std::string& operatorId) {
  db::StoredReference s;
  s.patientNumber = r.patientNumber;
  s.insuranceId = r.id;
  s.referenceNumber = std::to_string(r.patientNumber);
  s.insurerNumber = r.insured.insurerNumber;
  s.symbol = r.insured.symbol;
  s.number = r.insured.number;
  s.branch = r.insured.branch;
  s.requestId = requestId;
  s.state = ReferenceAttempt::Sent;
  s.operatorId = operatorId;
  return s;
}

// The answer stored for a request that ended as answered, read as a registration result; nullopt and
// a reason otherwise.
std::optional<linkage::RegistrationResult> registrationAnswer(db::Database& db, const linkage::RequestRecord& r,
                                                              std::string& why) {
  if (r.state != linkage::RequestState::Answered) {
    why = r.detail.empty() ? std::string("応答がありませんでした。") : r.detail;
    return std::nullopt;
  }
  const auto raw = db::LinkageRequestRepository(db).answer(r.id);
  if (!raw) {
    why = "応答が記録されていません。";
    return std::nullopt;
  }
  return linkage::readRegistrationResult(linkage::decodeMessage(*raw, r.resultFile).root());
}

bool succeeded(const linkage::RegistrationResult& result, std::string& why) {
  if (result.header.segmentOfResult != Text("1")) {
    why = result.header.errorCode.value_or("") + " " + result.header.errorMessage.value_or("処理に失敗しました。");
    return false;
  }
  if (result.processingStatus != Text("1")) {
    why = result.processingCode.value_or("") + " " + result.processingMessage.value_or("登録できませんでした。");
    return false;
  }
  return true;
}

}  // namespace

ReferenceRegistrar::ReferenceRegistrar(db::Database& db, linkage::ExchangeConfig config, std::string operatorId)
    : db_(db), config_(std::move(config)), operatorId_(std::move(operatorId)) {}

bool ReferenceRegistrar::upToDate(std::int64_t patientNumber) {
  const auto current = PatientRegister(db_, operatorId_).currentInsurance(patientNumber);
  const auto latest = db::ReferenceRepository(db_).latest(patientNumber);
  return current && latest && latest->state == ReferenceAttempt::Registered && latest->insurerNumber == current->insured.insurerNumber &&
         latest->symbol == current->insured.symbol && latest->number == current->insured.number &&
         latest->branch == current->insured.branch;
}

RegistrationSummary ReferenceRegistrar::queuePatient(std::int64_t patientNumber) {
  const auto current = PatientRegister(db_, operatorId_).currentInsurance(patientNumber);
  if (!current || current->state != InsuranceState::Current) {
    throw InvalidInput("患者番号 " + std::to_string(patientNumber) +
                       " には有効な保険がないため、照会番号を登録できません。先に資格確認をしてください。");
  }
  const std::string suffix = nextRequestSuffix(db_, today(), config_.terminalId);
  linkage::ReferenceRegistrationRequest request;
  request.header.institutionCode = config_.institutionCode;
  request.header.fileIdentifier = "RN" + suffix;
  request.entries.push_back(entryFor(*current));
  DatabaseRequestJournal journal(db_);
  linkage::LinkageExchange exchange(config_, journal);
  // The row is recorded with the request before its file exists, so that any pass may settle it.
  submitRequest(exchange, linkage::MessageKind::ReferenceRegistrationRequest, linkage::toXml(request), suffix,
                [&](const linkage::RequestRecord& journaled) {
                  db::ReferenceRepository(db_).add(storedFor(*current, journaled.id, operatorId_));
                });
  RegistrationSummary summary;
  summary.requested = 1;
  summary.detail = "照会番号 " + std::to_string(patientNumber) + " の登録を送りました（結果は届きしだい記録します）。";
  return summary;
}

int ReferenceRegistrar::settlePending() {
  db::ReferenceRepository refs(db_);
  DatabaseRequestJournal journal(db_);
  int settled = 0;
  // Single registrations only (bulk ones are registerAll's own), selected in SQL so that a large bulk run
  // left 'sent' never hides them.
  const std::string kind = linkage::kindInfo(linkage::MessageKind::ReferenceRegistrationRequest).prefix;
  for (const auto& row : refs.sentSingles(kind, 200)) {
    const linkage::RequestRecord request = journal.get(*row.requestId);
    if (request.state == linkage::RequestState::Pending || request.state == linkage::RequestState::Sent) continue;
    std::string why;
    const auto answer = registrationAnswer(db_, request, why);
    const bool ok = answer && succeeded(*answer, why);
    // Compare-and-set: of two processes settling the same row (the window and a command, two terminals),
    // one records it and only that one sends a retry.
    if (!refs.settle(row.id, ok ? ReferenceAttempt::Registered : ReferenceAttempt::Failed, ok ? "" : why)) continue;
    ++settled;
    if (ok) continue;
    const auto current = PatientRegister(db_, operatorId_).currentInsurance(row.patientNumber);
    const bool sameRecord = current && current->id == row.insuranceId && current->state == InsuranceState::Current;
    if (sameRecord && refs.attemptsFor(row.insuranceId) < kAttempts) {
      try {
        ReferenceRegistrar(db_, config_, row.operatorId).queuePatient(row.patientNumber);
      } catch (const Error&) {
        // Left failed with its reason: `refno register` or the next valid result sends it again.
      }
    }
  }
  return settled;
}

RegistrationSummary ReferenceRegistrar::registerPatient(std::int64_t patientNumber, JobContext& job) {
  RegistrationSummary summary = queuePatient(patientNumber);
  db::ReferenceRepository refs(db_);
  const db::StoredReference sent = *refs.latest(patientNumber);
  waitForRequest(db_, config_, *sent.requestId, job);
  settlePending();
  const db::StoredReference attempt = refs.find(sent.id).value_or(sent);
  if (attempt.state == ReferenceAttempt::Registered) {
    summary.registered = 1;
    summary.detail = "照会番号 " + std::to_string(patientNumber) + " を登録しました。";
  } else {
    summary.failed = 1;
    summary.detail = "照会番号を登録できませんでした: " + attempt.detail;
  }
  return summary;
}

ReferenceState ReferenceRegistrar::state(std::int64_t patientNumber) {
  if (upToDate(patientNumber)) return ReferenceState::Registered;
  const auto latest = db::ReferenceRepository(db_).latest(patientNumber);
  if (latest && latest->state == ReferenceAttempt::Sent) return ReferenceState::Sending;
  if (latest && latest->state == ReferenceAttempt::Failed) return ReferenceState::Failed;
  return ReferenceState::NotRegistered;
}

std::string ReferenceRegistrar::stateWords(std::int64_t patientNumber) {
  switch (state(patientNumber)) {
    case ReferenceState::Registered: return "登録済";
    case ReferenceState::Sending: return "送信中（応答待ち）";
    case ReferenceState::Failed: return "失敗（" + db::ReferenceRepository(db_).latest(patientNumber)->detail + "）";
    case ReferenceState::NotRegistered: break;
  }
  return "未登録（または保険が変わってから未登録）";
}

RegistrationSummary ReferenceRegistrar::registerAll(JobContext& job, std::chrono::milliseconds retryDelay,
                                                    int maxDownloads) {
  PatientRegister reg(db_, operatorId_);
  std::vector<InsuranceRecord> pending;
  for (std::int64_t after = 0;;) {
    const auto page = reg.list(after, 1000);
    if (page.empty()) break;
    for (const Patient& p : page) {
      const auto current = reg.currentInsurance(p.number);
      if (current && current->state == InsuranceState::Current && !upToDate(p.number)) pending.push_back(*current);
    }
    after = page.back().number;
  }
  RegistrationSummary summary;
  summary.requested = static_cast<int>(pending.size());
  if (pending.empty()) {
    summary.detail = "登録が必要な患者はいません。";
    return summary;
  }
  const std::string suffix = nextRequestSuffix(db_, today(), config_.terminalId);
  linkage::ReferenceRegistrationRequest request;
  request.header.institutionCode = config_.institutionCode;
  request.header.fileIdentifier = "RB" + suffix;
  for (const auto& r : pending) request.entries.push_back(entryFor(r));
  DatabaseRequestJournal journal(db_);
  linkage::LinkageExchange exchange(config_, journal);
  const auto upload = submitRequest(exchange, linkage::MessageKind::BulkReferenceRequest, linkage::toXml(request), suffix);
  db::ReferenceRepository refs(db_);
  std::vector<std::int64_t> rows;
  for (const auto& r : pending) rows.push_back(refs.add(storedFor(r, upload.id, operatorId_)));

  const auto finish = [&](bool ok, const std::string& why) {
    for (const auto row : rows) refs.setState(row, ok ? ReferenceAttempt::Registered : ReferenceAttempt::Failed, why);
    (ok ? summary.registered : summary.failed) = static_cast<int>(rows.size());
    summary.detail = ok ? std::to_string(rows.size()) + " 人の照会番号を登録しました。" : "照会番号の一括登録に失敗しました: " + why;
    return summary;
  };
  // One status per person when the result has them: each row takes its own unit's (found by its reference
  // number and insured numbers); a row without a unit failed.
  const auto finishPerUnit = [&](const linkage::RegistrationResult& answer) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const InsuranceRecord& r = pending[i];
      const auto unit = std::find_if(answer.units.begin(), answer.units.end(), [&](const linkage::RegistrationUnit& u) {
        return u.entry.referenceNumber == Text(std::to_string(r.patientNumber)) &&
               normalizeInsurerNumber(u.entry.insurerNumber.value_or("")) == r.insured.insurerNumber &&
               u.entry.number == Text(r.insured.number);
      });
      if (unit != answer.units.end() && unit->processingStatus == Text("1")) {
        refs.setState(rows[i], ReferenceAttempt::Registered, "");
        ++summary.registered;
      } else {
        refs.setState(rows[i], ReferenceAttempt::Failed, unit == answer.units.end() ? std::string("結果にこの患者が含まれていません。")
                                                                   : unit->processingCode.value_or("") + " " +
                                                                         unit->processingMessage.value_or("登録できませんでした。"));
        ++summary.failed;
      }
    }
    summary.detail = std::to_string(summary.registered) + " 人の照会番号を登録しました" +
                     (summary.failed ? "。" + std::to_string(summary.failed) + " 人は登録できませんでした（refno register で再送できます）。" : "。");
    return summary;
  };
  std::string why;
  const linkage::RequestRecord uploaded = waitForRequest(db_, config_, upload.id, job);
  if (uploaded.state != linkage::RequestState::Answered) return finish(false, uploaded.detail);
  const auto raw = db::LinkageRequestRepository(db_).answer(upload.id);
  const auto accept = linkage::readAcceptResult(linkage::decodeMessage(*raw, uploaded.resultFile).root());
  if (!accept.receptionNumber || accept.header.segmentOfResult != Text("1")) {
    return finish(false, accept.header.errorMessage.value_or("受付番号が返されませんでした。"));
  }
  for (int attempt = 0; attempt < maxDownloads; ++attempt) {
    const std::string downloadSuffix = nextRequestSuffix(db_, today(), config_.terminalId);
    const auto download = submitRequest(exchange, linkage::MessageKind::BulkReferenceDownloadRequest,
                                          linkage::toXml(linkage::DownloadRequest{config_.institutionCode,
                                                                                  accept.receptionNumber}),
                                          downloadSuffix);
    const auto answer = registrationAnswer(db_, waitForRequest(db_, config_, download.id, job), why);
    if (!answer) return finish(false, why);
    if (answer->header.segmentOfResult == Text("2")) {  // still processing at OQS
      job.step(attempt + 1, maxDownloads, "照会番号の一括登録の結果を待っています");
      std::this_thread::sleep_for(retryDelay);
      continue;
    }
    if (!answer->units.empty()) return finishPerUnit(*answer);
    return finish(succeeded(*answer, why), why);
  }
  return finish(false, "一括登録の結果が時間内に用意されませんでした。");
}

ReferenceState referenceStateOf(db::Database& db, std::int64_t patientNumber) {
  return ReferenceRegistrar(db, linkage::ExchangeConfig{}, "").state(patientNumber);
}

std::string referenceStateWordsOf(db::Database& db, std::int64_t patientNumber) {
  return ReferenceRegistrar(db, linkage::ExchangeConfig{}, "").stateWords(patientNumber);
}

}  // namespace rececon
