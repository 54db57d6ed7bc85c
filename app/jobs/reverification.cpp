#include "app/jobs/reverification.h"

#include <unistd.h>

#include <ctime>
#include <deque>
#include <thread>

#include "app/core/error.h"
#include "app/jobs/check_outcome.h"
#include "app/jobs/fallback_reception.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/linkage_watchdog.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/terminal_identity.h"
#include "app/jobs/qualification_service.h"
#include "app/jobs/request_journal_store.h"
#include "db/qualification_repository.h"
#include "db/audit_log.h"
#include "db/site_lease.h"
#include "db/visit_repository.h"

namespace rececon {
namespace {

std::string differingFields(const CheckReport& r) {
  std::string fields;
  for (const auto& c : r.comparison) {
    if (c.differs()) fields += (fields.empty() ? "" : "、") + c.label + "（登録 " + (c.held.empty() ? "なし" : c.heldShown) + " → 結果 " +
                               (c.returned.empty() ? "なし" : c.returnedShown) + "）";
  }
  return fields;
}

// What one concluded check shows of the linkage.
enum class LinkageSign {
  Silent,   // no answer
  Failing,  // an answer, but an error: the national system or the app is still not confirming anything
  Working,  // a qualification answer: checks work again
};

class Reverifier {
 public:
  Reverifier(db::Database& db, const linkage::ExchangeConfig& config, std::string operatorId, const std::string& terminal)
      : db_(db), config_(config), journal_(db), service_(db, config, operatorId, terminal), operator_(std::move(operatorId)) {}

  // Moves the visit on and records it, in one transaction.
  void settle(const db::StoredVisit& v, VisitVerification from, ReverifiedVisit item, std::optional<std::int64_t> checkId) {
    db::WriteTransaction tx(db_);
    if (db::VisitRepository(db_).setVerification(v.id, from, item.state, checkId, item.resultId, item.detail)) {
      db::AuditLog(db_).append(operator_, "visit.reverify", v.id, v.patientNumber,
                               std::string(nameOf(item.state)) + (item.outcome.empty() ? "" : "（" + item.outcome + "）") + ": " + item.detail);
    }
    tx.commit();
    count(item);
    report.visits.push_back(std::move(item));
  }

  // A visit that no check can settle.
  void needsPerson(const db::StoredVisit& v, const std::string& why) {
    settle(v, v.verification, {v.id, v.patientNumber, VisitVerification::NeedsAttention, "", why, std::nullopt}, std::nullopt);
  }

  // Sends the check; the visit is then "checking" with its check id (so a crash resumes the wait).
  std::optional<std::int64_t> send(const db::StoredVisit& v) {
    CheckTarget target;
    target.patientNumber = v.patientNumber;
    target.insuranceId = v.insuranceId;
    target.checkDate = fromIsoString(v.visitDate);
    std::int64_t checkId = 0;
    try {
      checkId = service_.startCheck(target);
    } catch (const InvalidInput& e) {
      needsPerson(v, std::string("確認できません: ") + e.what());
      return std::nullopt;
    }
    db::WriteTransaction tx(db_);
    db::VisitRepository(db_).setVerification(v.id, VisitVerification::Unverified, VisitVerification::Checking, checkId, std::nullopt,
                                              "再確認の要求を送信（確認ID " + std::to_string(checkId) + "）");
    tx.commit();
    return checkId;
  }

  // Only the request's state: the full report (result, field comparison) is built once, in conclude().
  bool finished(std::int64_t checkId) {
    const linkage::RequestState state = journal_.get(db::QualificationRepository(db_).check(checkId).requestId).state;
    return state != linkage::RequestState::Pending && state != linkage::RequestState::Sent;
  }

  // Withdraws the check's request when the linkage app has left it in req for longer than patience.
  void withdrawIfUntaken(std::int64_t checkId, std::chrono::seconds patience) {
    const linkage::RequestRecord request = journal_.get(db::QualificationRepository(db_).check(checkId).requestId);
    const auto sentAt = std::chrono::system_clock::time_point(std::chrono::seconds(request.createdAt));
    std::error_code ec;
    // createdAt has whole seconds: <= waits the full patience at least.
    if (request.state != linkage::RequestState::Sent || std::chrono::system_clock::now() - sentAt <= patience ||
        !std::filesystem::exists(config_.reqDir / request.fileName, ec))
      return;
    linkage::LinkageExchange(config_, journal_).cancel(
        request, "連携アプリが " + std::to_string(patience.count()) + " 秒たっても要求を取り込みませんでした（再確認を中止）。");
  }

  // The check has ended: the visit is settled by its outcome. Says what the answer shows of the linkage.
  LinkageSign conclude(const db::StoredVisit& v, std::int64_t checkId) {
    const CheckReport r = service_.report(checkId);
    ReverifiedVisit item{v.id, v.patientNumber, VisitVerification::Unverified, "", "", r.resultId};
    if (!r.resultId) {
      item.state = VisitVerification::Unverified;
      item.detail = "応答なし（" + r.requestDetail + "）。連携の復旧後にもう一度再確認してください。";
      settle(v, VisitVerification::Checking, item, checkId);
      return LinkageSign::Silent;
    }
    item.outcome = outcomeWords(r.outcome);
    if (r.outcome == CheckOutcome::Error && !r.errorCode.empty()) {
      // A file-level error (SegmentOfResult 9: the national system unreachable, the app's own failure) says
      // nothing about the patient: the visit stays unverified for the next re-verification, nobody is asked.
      item.state = VisitVerification::Unverified;
      item.detail = "連携先がエラーを返しました（" + r.errorCode + " " + r.errorMessage + "）。連携の復旧後にもう一度再確認してください。";
      settle(v, VisitVerification::Checking, item, checkId);
      decideForNobody(*r.resultId, true, "再確認: 連携先のエラー（患者の資格については何も分からないため、記録のみ）");
      return LinkageSign::Failing;
    }
    const std::string differing = differingFields(r);
    if (!r.findings.empty()) {  // the answer disagrees with its question or its format: a person looks
      item.state = VisitVerification::NeedsAttention;
      item.detail = "結果に確認が必要な点があります: " + r.findings.front().message + " 結果を確認してください。";
    } else if (r.outcome == CheckOutcome::Valid && differing.empty()) {
      item.state = VisitVerification::Reverified;
      item.detail = "有効。受付時の保険情報と一致しました。";
      decideForNobody(*r.resultId, false, "再確認（単独モードでの受付後）: 登録内容と一致");
    } else if (r.outcome == CheckOutcome::Valid) {
      item.state = VisitVerification::NeedsAttention;
      item.detail = "有効ですが保険情報が違います: " + differing + "。結果を確認して反映してください。";
    } else {
      item.state = VisitVerification::NeedsAttention;
      item.detail = item.outcome + "。" + (r.processingMessage.empty() ? r.errorCode + " " + r.errorMessage : r.processingMessage) +
                    " 保険証・資格確認書を確かめ、結果を確認してください。";
    }
    settle(v, VisitVerification::Checking, item, checkId);
    // A person-level error (ProcessingResultStatus 2) is an answer about this person, not yet a sign that
    // qualifications can be confirmed again; only a qualification answer is.
    return r.outcome == CheckOutcome::Error ? LinkageSign::Failing : LinkageSign::Working;
  }

  void count(const ReverifiedVisit& item) {
    if (item.state == VisitVerification::Reverified) ++report.reverified;
    else if (item.state == VisitVerification::NeedsAttention) ++report.needsAttention;
    else ++report.stillUnverified;
  }

  void pollOnce() { service_.poll(); }

  ReverifyReport report;

 private:
  // Records a decision no person needs to take: an error answer (kept, the register untouched, out of the
  // arrived results where it would only wait for a clerk), or a valid answer that matches the register.
  void decideForNobody(std::int64_t resultId, bool reject, const std::string& reason) {
    ApplyDecision d;
    d.reject = reject;
    d.reason = reason;
    try {
      service_.applyResult(resultId, d);
    } catch (const InvalidInput&) {
      // Decided already (a person was quicker, or the step ran before a crash): nothing to do.
    }
  }

  db::Database& db_;
  linkage::ExchangeConfig config_;
  DatabaseRequestJournal journal_;
  QualificationService service_;
  std::string operator_;
};

}  // namespace

ReverifyReport reverifyVisits(db::Database& db, const linkage::ExchangeConfig& config, const std::string& operatorId,
                              const std::string& terminal, JobContext& job, const ReverifyOptions& options) {
  Reverifier r(db, config, operatorId, terminal);
  db::VisitRepository visits(db);
  std::deque<db::StoredVisit> toSend;
  std::vector<std::pair<db::StoredVisit, std::int64_t>> inFlight;
  for (auto& v : visits.withVerification({VisitVerification::Unverified, VisitVerification::Checking})) {
    if (v.verification == VisitVerification::Checking && v.checkId) {
      inFlight.emplace_back(v, *v.checkId);  // sent before a crash: wait for it
    } else if (!v.patientNumber) {
      r.needsPerson(v, "患者未登録（4項目のみ記録）。コールセンター等で確認した内容で患者と保険を登録してください。");
    } else if (!v.insuranceId) {
      r.needsPerson(v, "保険情報がありません（4項目のみ記録）。確認した保険情報を登録してから資格確認してください。");
    } else {
      toSend.push_back(std::move(v));
    }
  }
  const std::int64_t total = static_cast<std::int64_t>(toSend.size() + inFlight.size());
  std::int64_t done = 0;
  // Sends the next visit that can be checked (those that cannot are settled on the way).
  const auto sendNext = [&] {
    while (!toSend.empty()) {
      db::StoredVisit v = std::move(toSend.front());
      toSend.pop_front();
      if (auto id = r.send(v)) {
        inFlight.emplace_back(std::move(v), *id);
        return;
      }
      ++done;
    }
  };
  // While nothing is known to work, one probe at a time: a linkage still down gets one request, not hundreds.
  bool probing = inFlight.empty();
  if (probing) sendNext();
  while (!inFlight.empty()) {
    r.pollOnce();
    for (auto it = inFlight.begin(); it != inFlight.end();) {
      if (probing) r.withdrawIfUntaken(it->second, options.probePatience);
      if (!r.finished(it->second)) {
        ++it;
        continue;
      }
      const LinkageSign sign = r.conclude(db::VisitRepository(db).get(it->first.id), it->second);
      r.report.linkageAnswered = r.report.linkageAnswered || sign != LinkageSign::Silent;
      r.report.linkageWorking = r.report.linkageWorking || sign == LinkageSign::Working;
      // Only a working linkage gets the rest: an error answer means it is still down, as silence does.
      probing = probing && sign != LinkageSign::Working;
      ++done;
      it = inFlight.erase(it);
    }
    while (!probing && !toSend.empty() && static_cast<int>(inFlight.size()) < options.inFlight) sendNext();
    job.step(done, total, "未確認の受付を再確認しています");
    if (!inFlight.empty()) std::this_thread::sleep_for(options.pollInterval);
  }
  r.report.stillUnverified += static_cast<int>(toSend.size());
  for (const auto& v : toSend)
    r.report.visits.push_back({v.id, v.patientNumber, VisitVerification::Unverified, "", "連携が戻っていないため送信していません。", std::nullopt});
  if (r.report.linkageWorking) {
    r.report.fallbackEnded = FallbackReception(db, operatorId).leave("再確認で資格確認の応答を確認");
  }
  return r.report;
}

ReverifyReport reverifyWithSettings(const db::DatabaseLocation& database, const std::filesystem::path& dataDir,
                                    const std::string& operatorId, JobContext& job) {
  db::Database connection(database);
  ReverifyOptions options;
  options.probePatience = watchdogOptionsFromSettings(connection).untakenAfter;
  return reverifyVisits(connection, exchangeConfigFromSettings(connection, dataDir), operatorId,
                        SiteSettings(connection).get("terminal").value, job, options);
}

std::optional<ReverifyReport> reverifyOncePerSite(const db::DatabaseLocation& database, const std::filesystem::path& dataDir,
                                                  const std::string& operatorId, JobContext& job) {
  // Renewed as the work goes on (every third of it); a terminal that dies holding it frees it by then.
  constexpr std::int64_t kLeaseSeconds = 10 * 60;
  const std::string holder = terminalIdentity(dataDir).id + ":" + std::to_string(::getpid());
  db::Database connection(database);
  db::SiteLeases leases(connection);
  const std::int64_t now = std::time(nullptr);
  if (!leases.take(kReverifyLease, holder, now, now + kLeaseSeconds)) return std::nullopt;
  std::int64_t renewedAt = now;
  JobContext renewing([&](std::int64_t done, std::int64_t total, const std::string& what) {
    job.step(done, total, what);  // the caller's progress, and its cancellation
    const std::int64_t t = std::time(nullptr);
    if (t - renewedAt < kLeaseSeconds / 3) return;
    // Lost meanwhile (this terminal stalled past the lease): the terminal holding it now does the work.
    if (!leases.take(kReverifyLease, holder, t, t + kLeaseSeconds)) throw Cancelled();
    renewedAt = t;
  });
  try {
    ReverifyReport report = reverifyWithSettings(database, dataDir, operatorId, renewing);
    leases.release(kReverifyLease, holder);
    return report;
  } catch (...) {
    try {
      leases.release(kReverifyLease, holder);
    } catch (const Error&) {  // the register is what failed: the lease runs out by itself
    }
    throw;
  }
}

std::string formatReverifyReport(const ReverifyReport& report) {
  std::string text = "再確認の結果\n";
  text += "確認済み " + std::to_string(report.reverified) + " 件、要対応 " + std::to_string(report.needsAttention) +
          " 件、未確認のまま " + std::to_string(report.stillUnverified) + " 件\n";
  if (report.fallbackEnded) text += "資格確認の応答を確認したため、単独モードを終了しました。\n";
  if (!report.linkageAnswered && report.stillUnverified > 0)
    text += "連携アプリから応答がありません。連携の復旧を確認してから、もう一度再確認してください。\n";
  else if (report.linkageAnswered && !report.linkageWorking && report.stillUnverified > 0)
    text += "連携先がエラーを返しています（オンライン資格確認等システムの障害など）。単独モードのまま受付を続け、復旧後にもう一度再確認してください。\n";
  for (const VisitVerification state : {VisitVerification::NeedsAttention, VisitVerification::Unverified, VisitVerification::Reverified}) {
    for (const auto& v : report.visits) {
      if (v.state != state) continue;
      const std::string label = v.state == VisitVerification::NeedsAttention ? "要対応" : v.state == VisitVerification::Unverified ? "未確認" : "確認済み";
      text += "[" + label + "] 受付 " + std::to_string(v.visitId) + " 患者 " +
              (v.patientNumber ? std::to_string(*v.patientNumber) : std::string("未登録")) + ": " + v.detail + "\n";
    }
  }
  return text;
}

}  // namespace rececon
