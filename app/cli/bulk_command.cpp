// rececon-cli bulk run|resume|status|worklist: the nightly bulk pre-check (一括照会) and its morning
// worklist. Exit codes of run and resume: 0 done, 2 done with patients needing attention, 75 failed
// (the linkage or OQS did not deliver; run again to continue).

#include <unistd.h>

#include <iostream>
#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/access_record.h"
#include "app/jobs/trail_check.h"
#include "app/jobs/bulk_precheck.h"
#include "app/jobs/bulk_reconciliation.h"
#include "app/jobs/bulk_worklist.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/text_export.h"

namespace rececon::cli {
namespace {

constexpr int kNeedsAttention = 2;
constexpr int kRunFailed = 75;

// The check date given, else (when optional) the next clinic day.
Date checkDate(const CommandOptions& o, bool required) {
  if (const auto d = dateOption(o, "date", "照会日")) return *d;
  if (required) throw UsageError("--date で照会日を指定してください。");
  return nextBusinessDay(today());
}

BulkPrecheck precheck(CliContext& c) {
  auto& database = c.folder().database();
  return BulkPrecheck(database, exchangeConfigFromSettings(database, c.folder().dir()), bulkOptionsFromSettings(database),
                      c.resolvedOperator());
}

// A progress bar on a terminal; otherwise a log line whenever the state or the count changes.
JobContext progressReporter(const CliContext& c) {
  const bool terminal = isatty(STDERR_FILENO);
  return JobContext([terminal, json = c.json, last = std::string()](std::int64_t done, std::int64_t total,
                                                                     const std::string& what) mutable {
    const std::string line = what + " " + std::to_string(done) + " / " + std::to_string(total);
    if (terminal && !json) {
      constexpr int kWidth = 30;
      const int filled = total > 0 ? static_cast<int>(kWidth * done / total) : 0;
      std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '-') << "] " << line << "   " << std::flush;
    } else if (line != last) {
      std::cerr << logTimestamp() << " " << line << "\n";
    }
    last = line;
  });
}

Poco::JSON::Object::Ptr statusJson(const BulkRunStatus& s) {
  auto counts = newJsonObject();
  counts->set("entries", s.entries);
  counts->set("reconciled", s.reconciled);
  counts->set("needs_attention", s.needsAttention);
  for (const auto& [outcome, n] : s.byOutcome) counts->set(outcome, n);
  auto files = newJsonArray();
  for (const auto& f : s.files) {
    auto j = newJsonObject();
    j->set("seq", f.seq);
    j->set("state", std::string(nameOf(f.state)));
    j->set("reception_number", f.receptionNumber);
    j->set("entries", f.entries);
    j->set("downloads", f.downloads);
    j->set("detail", f.detail);
    files->add(j);
  }
  auto j = newJsonObject();
  j->set("run", s.runId);
  j->set("date", s.checkDate);
  j->set("state", std::string(nameOf(s.state)));
  j->set("host", s.host);
  j->set("detail", s.detail);
  j->set("counts", counts);
  j->set("files", files);
  return j;
}

void printStatus(std::ostream& out, const BulkRunStatus& s) {
  out << "一括照会 " << formatWareki(*fromIsoString(s.checkDate)) << ": " << bulkStageLabel(s.state)
      << (s.host.empty() ? "" : "（" + s.host + "）") << "\n";
  out << "  対象 " << s.entries << " 人、照合済み " << s.reconciled << " 人、要対応 " << s.needsAttention << " 人\n";
  for (const auto& [outcome, n] : s.byOutcome) out << "    " << bulkOutcomeLabel(outcome) << ": " << n << "\n";
  for (const auto& f : s.files) {
    out << "  ファイル " << f.seq << "（" << f.entries << " 人）: " << bulkStageLabel(f.state)
        << (f.receptionNumber.empty() ? "" : " 受付番号 " + f.receptionNumber) << (f.detail.empty() ? "" : " " + f.detail)
        << "\n";
  }
  if (s.state == BulkStage::Failed) out << "  失敗: " << s.detail << "\n  もう一度 bulk run を実行すると続きから再開します。\n";
  if (s.needsAttention > 0) out << "  要対応の患者は bulk worklist --date " << s.checkDate << " で確認してください。\n";
}

int exitCodeOf(const BulkRunStatus& s) {
  if (s.state == BulkStage::Failed) return kRunFailed;
  return s.needsAttention > 0 ? kNeedsAttention : 0;
}

int report(CliContext& c, const BulkRunStatus& s) {
  if (c.json) printJson(*c.out, statusJson(s));
  else printStatus(*c.out, s);
  return exitCodeOf(s);
}

int runCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("date", "照会日（既定: 次の診療日。日曜・祝日を除く）", "DATE"));
  auto o = parseCommandOptions(args, set, "bulk run [--date D]", *c.out);
  if (!o) return 0;
  const Date date = checkDate(*o, false);
  BulkPrecheck bulk = precheck(c);
  const std::int64_t runId = bulk.prepare(date);
  JobContext job = progressReporter(c);
  const BulkRunStatus s = bulk.drive(runId, job);
  if (isatty(STDERR_FILENO) && !c.json) std::cerr << "\n";
  // The nightly run also walks the audit trail and records its head outside the register, so that a
  // truncated tail is found from the next day on; a problem is said, the run's own outcome stands.
  const int code = report(c, s);
  const TrailVerdict trail = verifyTrail(c.folder());
  if (!trail.intact || !trail.note.empty()) std::cerr << trailVerdictText(trail);
  else if (!c.json) *c.out << trailVerdictText(trail);
  return code;
}

int resumeCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  auto o = parseCommandOptions(args, set, "bulk resume", *c.out);
  if (!o) return 0;
  const auto runs = unfinishedBulkRuns(c.folder().database());
  if (runs.empty()) {
    if (!c.json) *c.out << "再開する一括照会はありません。\n";
    else printJson(*c.out, newJsonArray());
    return 0;
  }
  BulkPrecheck bulk = precheck(c);
  int code = 0;
  auto all = newJsonArray();
  for (const std::int64_t runId : runs) {
    JobContext job = progressReporter(c);
    const BulkRunStatus s = bulk.drive(runId, job);
    if (isatty(STDERR_FILENO) && !c.json) std::cerr << "\n";
    if (c.json) all->add(statusJson(s));
    else printStatus(*c.out, s);
    code = std::max(code, exitCodeOf(s));
  }
  if (c.json) printJson(*c.out, all);
  return code;
}

int statusCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("date", "照会日", "DATE"));
  auto o = parseCommandOptions(args, set, "bulk status --date D", *c.out);
  if (!o) return 0;
  const Date date = checkDate(*o, true);
  const auto runId = bulkRunForDate(c.folder().database(), date);
  if (!runId) throw NotFound(formatWareki(date) + " の一括照会はまだ実行されていません。");
  return report(c, precheck(c).status(*runId));
}

int worklistCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("date", "照会日", "DATE"));
  set.addOption(flagOption("open", "未対応の項目だけ"));
  set.addOption(valueOption("csv", "CSV ファイルに書き出す", "FILE"));
  set.addOption(valueOption("done", "この項目を対応済みにする", "ID"));
  set.addOption(valueOption("reopen", "この項目を未対応に戻す", "ID"));
  auto o = parseCommandOptions(args, set, "bulk worklist --date D [--open] [--csv FILE] [--done ID | --reopen ID]", *c.out);
  if (!o) return 0;
  auto& database = c.folder().database();
  if (o->has("done") || o->has("reopen")) {
    const bool done = o->has("done");
    const std::int64_t id = parseCount(*o->get(done ? "done" : "reopen"), "項目");
    setWorklistItemDone(database, id, done, c.resolvedOperator());
    if (!c.json) *c.out << "項目 " << id << " を" << (done ? "対応済みにしました。\n" : "未対応に戻しました。\n");
    return 0;
  }
  const Date date = checkDate(*o, true);
  const auto items = bulkWorklist(database, date, o->has("open"));
  if (const auto file = o->get("csv")) {
    writeTextFileAtomically(*file, worklistCsv(items));
    recordAccess(database, c.resolvedOperator(), AccessAction::Export, std::nullopt,
                 "一括照会の作業リスト " + toIsoString(date) + " " + std::to_string(items.size()) + "件 → " + *file);
    if (!c.json) *c.out << items.size() << " 件を " << *file << " に書き出しました。\n";
    return 0;
  }
  if (c.json) {
    auto arr = newJsonArray();
    for (const auto& i : items) {
      auto j = newJsonObject();
      j->set("id", i.entryId);
      j->set("time", i.appointmentTime);
      j->set("patient", i.patientNumber);
      j->set("name", i.name);
      j->set("insurance", i.insurance);
      j->set("outcome", i.outcome);
      j->set("label", i.outcomeLabel);
      j->set("detail", i.detail);
      j->set("comparison", i.comparison);
      j->set("processing_code", i.processingCode);
      j->set("processing_message", i.processingMessage);
      j->set("done", i.done);
      arr->add(j);
    }
    printJson(*c.out, arr);
    return 0;
  }
  *c.out << formatWareki(date) << " の作業リスト " << items.size() << " 件\n";
  for (const auto& i : items) {
    *c.out << "[" << i.entryId << "]" << (i.done ? "（済）" : "") << " " << (i.appointmentTime.empty() ? "--:--" : i.appointmentTime)
           << "  " << i.patientNumber << " " << i.name << "  " << i.outcomeLabel << "\n    " << i.detail << "\n";
    if (!i.processingCode.empty()) *c.out << "    " << i.processingCode << " " << i.processingMessage << "\n";
    if (!i.comparison.empty()) *c.out << "    違い: " << i.comparison;
  }
  return 0;
}

}  // namespace

int runBulkCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("bulk", args, {{"run", [&](Args rest) { return runCommand(c, rest); }},
                                {"resume", [&](Args rest) { return resumeCommand(c, rest); }},
                                {"status", [&](Args rest) { return statusCommand(c, rest); }},
                                {"worklist", [&](Args rest) { return worklistCommand(c, rest); }}});
}

}  // namespace rececon::cli
