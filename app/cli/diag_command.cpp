// rececon-cli diag (environment check) and rececon-cli errors explain|list|export (the error-code
// handbook and the error log for support calls).

#include <algorithm>
#include <chrono>
#include <ostream>

#include "app/core/front_end_words.h"
#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/environment_check.h"
#include "app/jobs/diagnosis_files.h"
#include "app/jobs/support_error_log.h"

namespace rececon::cli {
namespace {

// Exit status of diag when an item is 異常 (warnings alone exit 0).
constexpr int kEnvironmentFailure = 1;

void printReport(std::ostream& out, const EnvironmentReport& report) {
  for (const auto& i : report.items) {
    out << "[" << checkLevelLabel(i.level) << "] " << i.label << ": " << inFrontEndWords(i.detail, FrontEnd::Cli) << "\n";
    if (!i.nextStep.empty()) out << "        → " << inFrontEndWords(i.nextStep, FrontEnd::Cli) << "\n";
  }
  out << "結果: " << checkLevelLabel(report.worst()) << "\n";
}

int diagCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  auto o = parseCommandOptions(args, set, "diag", *c.out);
  if (!o) return 0;
  const EnvironmentReport report =
      checkEnvironment(c.folder().database(), c.folder().dir(), std::chrono::system_clock::now());
  if (c.json) {
    auto items = newJsonArray();
    for (const auto& i : report.items) {
      auto j = newJsonObject();
      j->set("id", i.id);
      j->set("label", i.label);
      j->set("level", std::string(checkLevelId(i.level)));
      j->set("detail", inFrontEndWords(i.detail, FrontEnd::Cli));
      j->set("next_step", inFrontEndWords(i.nextStep, FrontEnd::Cli));
      items->add(j);
    }
    auto j = newJsonObject();
    j->set("result", std::string(checkLevelId(report.worst())));
    j->set("items", items);
    printJson(*c.out, j);
  } else {
    printReport(*c.out, report);
  }
  return report.hasFailure() ? kEnvironmentFailure : 0;
}

int explainCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  auto o = parseCommandOptions(args, set, "errors explain CODE", *c.out);
  if (!o) return 0;
  if (o->positional.size() != 1) throw UsageError("エラーコードを1つ指定してください（例: errors explain 012）。");
  const ErrorExplanation x = loadErrorHandbook().explain(o->positional[0]);
  if (c.json) {
    auto steps = newJsonArray();
    for (const auto& s : x.checklist) steps->add(s);
    auto j = newJsonObject();
    j->set("code", x.code);
    j->set("known", x.known);
    if (x.known) {
      j->set("severity", x.entry.severity);
      j->set("title", x.entry.title);
      j->set("meaning", x.entry.meaning);
      j->set("cause", x.entry.cause);
      j->set("next_step", x.entry.nextStep);
      j->set("contact", x.entry.contact);
    }
    j->set("checklist", steps);
    printJson(*c.out, j);
    return 0;
  }
  auto& out = *c.out;
  if (x.known) {
    out << "エラー " << x.code << "（" << x.entry.severity << "）: " << x.entry.title << "\n"
        << "意味: " << x.entry.meaning << "\n"
        << "考えられる原因: " << x.entry.cause << "\n"
        << "次にすること: " << x.entry.nextStep << "\n"
        << "連絡先: " << x.entry.contact << "\n";
  } else {
    out << "エラー " << x.code << " はエラーコード集にありません。表示されたとおりに控えてください。\n";
  }
  out << "最初に確かめること:\n";
  for (std::size_t i = 0; i < x.checklist.size(); ++i) out << "  " << i + 1 << ". " << x.checklist[i] << "\n";
  return 0;
}

int limitOf(const CommandOptions& o) {
  const auto limit = o.get("limit");
  return limit ? static_cast<int>(std::min<std::int64_t>(parseCount(*limit, "件数"), 100000)) : 100;
}

int listCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("limit", "新しい順に何件まで（既定 100）", "N"));
  auto o = parseCommandOptions(args, set, "errors list [--limit N]", *c.out);
  if (!o) return 0;
  if (!c.json) {
    *c.out << supportErrorLogText(c.folder().database(), limitOf(*o));
    return 0;
  }
  auto list = newJsonArray();
  for (const auto& e : recentLinkageErrors(c.folder().database(), limitOf(*o))) {
    auto j = newJsonObject();
    j->set("at", e.at);
    j->set("code", e.code);
    j->set("message", e.message);
    j->set("request_kind", e.requestKind);
    j->set("request_file", e.requestFile);
    if (e.patientNumber) j->set("patient", *e.patientNumber);
    j->set("what", e.what);
    list->add(j);
  }
  printJson(*c.out, list);
  return 0;
}

int exportCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("limit", "新しい順に何件まで（既定 100）", "N"));
  auto o = parseCommandOptions(args, set, "errors export FILE [--limit N]", *c.out);
  if (!o) return 0;
  if (o->positional.size() != 1) throw UsageError("書き出すファイルを1つ指定してください（例: errors export エラー記録.txt）。");
  writeSupportErrorLog(c.folder().database(), o->positional[0], limitOf(*o));
  *c.out << "エラー記録を「" << o->positional[0] << "」に書き出しました。\n";
  return 0;
}

}  // namespace

int runDiagCommand(CliContext& c, const std::vector<std::string>& args) { return diagCommand(c, args); }

int runErrorsCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("errors", args,
                 {{"explain", [&](Args rest) { return explainCommand(c, rest); }},
                  {"list", [&](Args rest) { return listCommand(c, rest); }},
                  {"export", [&](Args rest) { return exportCommand(c, rest); }}});
}

}  // namespace rececon::cli
