// rececon-cli fallback on|off|status|visit|capture|captures|confirm|resolve|reverify|audit: reception when
// the online check is down (stand-alone mode), the 4-item route and re-verification afterwards.

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <ostream>

#include "app/core/front_end_words.h"
#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/access_record.h"
#include "app/core/japanese_date.h"
#include "app/jobs/diagnosis_files.h"
#include "app/jobs/fallback_reception.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/linkage_watchdog.h"
#include "app/jobs/reverification.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/text_export.h"

namespace rececon::cli {
namespace {

// Exit codes of reverify: 0 everything confirmed, 2 some visits need a person, 75 the linkage did not
// answer (visits left unverified; try again later).
constexpr int kNeedsAttention = 2;
constexpr int kLinkageStillDown = 75;

FallbackReception reception(CliContext& c) { return FallbackReception(c.folder().database(), c.resolvedOperator()); }

std::int64_t onePositionalId(const CommandOptions& o, const std::string& what) {
  if (o.positional.size() != 1) throw UsageError(what + "を1つ指定してください。");
  return parseCount(o.positional[0], what);
}

Poco::JSON::Object::Ptr findingJson(const WatchdogFinding& f) {
  auto steps = newJsonArray();
  for (const auto& s : f.nextSteps) steps->add(inFrontEndWords(s, FrontEnd::Cli));
  auto j = newJsonObject();
  j->set("cause", std::string(nameOf(f.cause)));
  j->set("level", std::string(linkageHealthId(f.level)));
  j->set("title", f.title);
  j->set("detail", f.detail);
  j->set("code", f.code);
  j->set("next_steps", steps);
  return j;
}

int statusCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  auto o = parseCommandOptions(args, set, "fallback status", *c.out);
  if (!o) return 0;
  auto& database = c.folder().database();
  const FallbackStatus s = fallbackStatus(database);
  const WatchdogReport w = watchLinkage(database, c.folder().dir(), std::chrono::system_clock::now(),
                                        watchdogOptionsFromSettings(database), loadErrorHandbook());
  if (c.json) {
    auto j = newJsonObject();
    j->set("active", s.active);
    if (s.period) {
      auto p = newJsonObject();
      p->set("started_at", s.period->startedAt);
      p->set("started_by", s.period->startedBy);
      p->set("reason", s.period->reason);
      if (s.period->endedAt) p->set("ended_at", *s.period->endedAt);
      j->set("period", p);
    }
    j->set("unverified", s.unverified + s.checking);
    j->set("needs_attention", s.needsAttention);
    j->set("reverified", s.reverified);
    j->set("verified", s.verified);
    j->set("pending_captures", s.pendingCaptures);
    auto linkage = newJsonObject();
    linkage->set("health", std::string(linkageHealthId(w.health)));
    linkage->set("last_answer_at", w.lastAnswerAt);
    auto findings = newJsonArray();
    for (const auto& f : w.findings) findings->add(findingJson(f));
    linkage->set("findings", findings);
    j->set("linkage", linkage);
    printJson(*c.out, j);
    return 0;
  }
  auto& out = *c.out;
  if (s.active) {
    out << "単独モード: 実施中（" << formatTimestampWareki(s.period->startedAt) << " から、" << s.period->startedBy << "、"
        << s.period->reason << "）\n";
  } else {
    out << "単独モード: なし（通常の受付）\n";
  }
  out << "未確認の受付: " << s.unverified + s.checking << " 件、要対応: " << s.needsAttention << " 件、再確認済み: " << s.reverified
      << " 件、4項目の確認待ち: " << s.pendingCaptures << " 件\n";
  out << w.summary() << "\n";
  for (const auto& f : w.findings) {
    out << "[" << linkageHealthLabel(f.level) << "] " << f.title << "\n        " << f.detail << "\n";
    for (const auto& step : f.nextSteps) out << "        → " << inFrontEndWords(step, FrontEnd::Cli) << "\n";
  }
  return 0;
}

int onCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("reason", "切り替える理由（既定: 手動で切り替え）", "TEXT"));
  auto o = parseCommandOptions(args, set, "fallback on [--reason TEXT]", *c.out);
  if (!o) return 0;
  const bool started = reception(c).enter(o->get("reason").value_or("手動で切り替え"));
  *c.out << (started ? "単独モードにしました。受付は続けられます。来院ごとに fallback visit または fallback capture で記録してください。\n"
                     : "すでに単独モードです。\n");
  return 0;
}

int offCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("reason", "終了する理由（既定: 手動で終了）", "TEXT"));
  auto o = parseCommandOptions(args, set, "fallback off [--reason TEXT]", *c.out);
  if (!o) return 0;
  FallbackReception r = reception(c);
  const bool ended = r.leave(o->get("reason").value_or("手動で終了"));
  *c.out << (ended ? "単独モードを終了しました。\n" : "単独モードではありません。\n");
  const FallbackStatus s = r.status();
  if (s.unverified + s.checking > 0)
    *c.out << "未確認の受付が " << s.unverified + s.checking << " 件あります。fallback reverify で再確認してください。\n";
  return 0;
}

int visitCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("patient", "患者番号", "N"));
  set.addOption(valueOption("insurance", "保険ID（既定: 現在の保険）", "ID"));
  set.addOption(valueOption("date", "受付日（既定: 今日）", "DATE"));
  auto o = parseCommandOptions(args, set, "fallback visit --patient N [--insurance ID] [--date D]", *c.out);
  if (!o) return 0;
  VisitRequest request;
  request.patientNumber = parseCount(o->require("patient"), "患者番号");
  if (auto id = o->get("insurance")) request.insuranceId = parseCount(*id, "保険ID");
  request.visitDate = dateOption(*o, "date", "受付日");
  const auto v = reception(c).registerVisit(request);
  if (c.json) {
    auto j = newJsonObject();
    j->set("visit", v.id);
    j->set("patient", *v.patientNumber);
    j->set("insurance", *v.insuranceId);
    j->set("verification", std::string(nameOf(v.verification)));
    j->set("fallback", v.fallbackPeriodId.has_value());
    printJson(*c.out, j);
  } else {
    *c.out << "受付 " << v.id << " を記録しました（患者番号 " << *v.patientNumber << "、" << v.verificationDetail << "）。\n";
  }
  return 0;
}

int captureCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("name", "氏名（カードの漢字）", "NAME"));
  set.addOption(valueOption("kana", "氏名カナ", "KANA"));
  set.addOption(valueOption("sex", "性別（1/2/男/女）", "SEX"));
  set.addOption(valueOption("birth", "生年月日（和暦可）", "DATE"));
  set.addOption(valueOption("address", "住所（カードの記載どおり）", "ADDRESS"));
  set.addOption(valueOption("insurer-name", "保険者名（分かれば）", "NAME"));
  set.addOption(valueOption("patient", "登録済みの患者なら患者番号", "N"));
  set.addOption(valueOption("date", "受付日（既定: 今日）", "DATE"));
  auto o = parseCommandOptions(
      args, set,
      "fallback capture --name … [--kana …] --sex … --birth … --address … [--insurer-name …] [--patient N] [--date D]",
      *c.out);
  if (!o) return 0;
  CardFaceFields f;
  f.name = o->get("name");
  f.nameKana = o->get("kana");
  f.sex = o->get("sex");
  f.birthDate = o->get("birth");
  f.address = o->get("address");
  f.insurerName = o->get("insurer-name");
  std::optional<std::int64_t> patient;
  if (auto p = o->get("patient")) patient = parseCount(*p, "患者番号");
  const CaptureOutcome r = reception(c).capture(f, patient, dateOption(*o, "date", "受付日"));
  if (c.json) {
    auto j = newJsonObject();
    j->set("visit", r.visitId);
    j->set("capture", r.captureId);
    printJson(*c.out, j);
  } else {
    *c.out << "4項目を記録しました（受付 " << r.visitId << "、記録 " << r.captureId << "）。コールセンター（" << kCallCenterNumber
           << "）への確認は fallback captures の一覧で行えます。\n";
  }
  return 0;
}

int capturesCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("output", "一覧を書き出すファイル（印刷用テキスト）", "FILE"));
  auto o = parseCommandOptions(args, set, "fallback captures [--output FILE]", *c.out);
  if (!o) return 0;
  auto& database = c.folder().database();
  SiteSettings settings(database);
  const auto pending = pendingCaptures(database);
  const std::string sheet = pendingCapturesSheet(pending, settings.get("institution_name").value,
                                                 settings.get("institution_code").value, today());
  if (c.json) {
    auto list = newJsonArray();
    for (const auto& [cap, visit] : pending) {
      auto j = newJsonObject();
      j->set("capture", cap.id);
      j->set("visit", visit.id);
      if (visit.patientNumber) j->set("patient", *visit.patientNumber);
      j->set("name", cap.name);
      j->set("name_kana", cap.nameKana);
      j->set("sex", cap.sex);
      j->set("birth_date", cap.birthDate);
      j->set("address", cap.address);
      j->set("insurer_name", cap.insurerName);
      list->add(j);
    }
    printJson(*c.out, list);
  } else if (auto file = o->get("output")) {
    writeTextFileAtomically(*file, sheet);
    recordAccess(c.folder().database(), c.resolvedOperator(), AccessAction::Export, std::nullopt,
                 "障害時の4情報 " + std::to_string(pending.size()) + "件 → " + *file);
    *c.out << pending.size() << " 件の一覧を「" << *file << "」に書き出しました。\n";
  } else {
    *c.out << sheet;
  }
  return 0;
}

int confirmCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("note", "コールセンター等で確認した内容", "TEXT"));
  auto o = parseCommandOptions(args, set, "fallback confirm CAPTURE_ID --note TEXT", *c.out);
  if (!o) return 0;
  const std::int64_t id = onePositionalId(*o, "4項目の記録番号");
  const bool done = reception(c).confirmCapture(id, o->require("note"));
  *c.out << (done ? "確認内容を記録しました。\n" : "この記録はすでに確認済みです。\n");
  return 0;
}

int resolveCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("note", "確認・対応した内容", "TEXT"));
  auto o = parseCommandOptions(args, set, "fallback resolve VISIT_ID --note TEXT", *c.out);
  if (!o) return 0;
  const std::int64_t id = onePositionalId(*o, "受付番号");
  if (!reception(c).resolve(id, o->require("note"))) throw InvalidInput("受付 " + std::to_string(id) + " は要対応ではありません。");
  *c.out << "受付 " << id << " を対応済みにしました。\n";
  return 0;
}

int reverifyCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  auto o = parseCommandOptions(args, set, "fallback reverify", *c.out);
  if (!o) return 0;
  auto& database = c.folder().database();
  const bool showProgress = !c.json && isatty(STDERR_FILENO);
  JobContext job([&](std::int64_t done, std::int64_t total, const std::string& what) {
    if (showProgress) std::cerr << "\r" << what << "… " << done << " / " << total << std::flush;
  });
  ReverifyOptions options;
  options.probePatience = watchdogOptionsFromSettings(database).untakenAfter;
  const ReverifyReport report = reverifyVisits(database, exchangeConfigFromSettings(database, c.folder().dir()),
                                               c.resolvedOperator(), SiteSettings(database).get("terminal").value, job, options);
  if (showProgress) std::cerr << "\n";
  if (c.json) {
    auto visits = newJsonArray();
    for (const auto& v : report.visits) {
      auto j = newJsonObject();
      j->set("visit", v.visitId);
      if (v.patientNumber) j->set("patient", *v.patientNumber);
      j->set("state", std::string(nameOf(v.state)));
      j->set("outcome", v.outcome);
      j->set("detail", v.detail);
      if (v.resultId) j->set("result_id", *v.resultId);
      visits->add(j);
    }
    auto j = newJsonObject();
    j->set("reverified", report.reverified);
    j->set("needs_attention", report.needsAttention);
    j->set("unverified", report.stillUnverified);
    j->set("linkage_answered", report.linkageAnswered);
    j->set("linkage_working", report.linkageWorking);
    j->set("fallback_ended", report.fallbackEnded);
    j->set("visits", visits);
    printJson(*c.out, j);
  } else {
    *c.out << formatReverifyReport(report);
  }
  if (report.stillUnverified > 0) return kLinkageStillDown;
  return report.needsAttention > 0 ? kNeedsAttention : 0;
}

int auditCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("visit", "この受付の記録だけ", "ID"));
  set.addOption(valueOption("limit", "新しい順に何件まで（既定 100）", "N"));
  auto o = parseCommandOptions(args, set, "fallback audit [--visit ID | --limit N]", *c.out);
  if (!o) return 0;
  const auto visit = o->get("visit");
  const auto entries = visit ? visitAudit(c.folder().database(), parseCount(*visit, "受付番号"))
                             : recentAudit(c.folder().database(),
                                           static_cast<int>(parseCount(o->get("limit").value_or("100"), "件数")));
  if (c.json) {
    auto list = newJsonArray();
    for (const auto& e : entries) {
      auto j = newJsonObject();
      j->set("at", e.at);
      j->set("operator", e.operatorId);
      j->set("action", e.action);
      if (e.visitId) j->set("visit", *e.visitId);
      if (e.patientNumber) j->set("patient", *e.patientNumber);
      j->set("detail", e.detail);
      list->add(j);
    }
    printJson(*c.out, list);
    return 0;
  }
  for (const auto& e : entries) {
    *c.out << formatTimestampWareki(e.at) << "  " << e.operatorId << "  " << e.action;
    if (e.visitId) *c.out << "  受付 " << *e.visitId;
    if (e.patientNumber) *c.out << "  患者 " << *e.patientNumber;
    *c.out << "  " << e.detail << "\n";
  }
  return 0;
}

}  // namespace

int runFallbackCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("fallback", args,
                 {{"status", [&](Args rest) { return statusCommand(c, rest); }},
                  {"on", [&](Args rest) { return onCommand(c, rest); }},
                  {"off", [&](Args rest) { return offCommand(c, rest); }},
                  {"visit", [&](Args rest) { return visitCommand(c, rest); }},
                  {"capture", [&](Args rest) { return captureCommand(c, rest); }},
                  {"captures", [&](Args rest) { return capturesCommand(c, rest); }},
                  {"confirm", [&](Args rest) { return confirmCommand(c, rest); }},
                  {"resolve", [&](Args rest) { return resolveCommand(c, rest); }},
                  {"reverify", [&](Args rest) { return reverifyCommand(c, rest); }},
                  {"audit", [&](Args rest) { return auditCommand(c, rest); }}});
}

}  // namespace rececon::cli
