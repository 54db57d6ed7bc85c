// rececon-cli audit verify: walks the tamper-evident trail over the change history, the audit log, the
// account events and the access log; exit 0 when intact, 65 with the first break otherwise.
// rececon-cli audit access: the access log of a period, for administrators, on screen or as a CSV file
// (the export itself is logged).

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/core/csv_table.h"
#include "app/core/error.h"
#include "app/jobs/access_record.h"
#include "app/jobs/text_export.h"
#include "app/jobs/trail_check.h"

namespace rececon::cli {
namespace {

constexpr int kListedAtMost = 100000;

int verifyCommand(CliContext& c) {
  const TrailVerdict v = verifyTrail(c.folder());
  if (c.json) {
    auto j = newJsonObject();
    j->set("intact", v.intact);
    j->set("links", v.links);
    j->set("finding", v.finding);
    j->set("head_seq", v.head.seq);
    j->set("note", v.note);
    printJson(*c.out, j);
  } else {
    *c.out << trailVerdictText(v);
  }
  return v.intact ? 0 : 65;
}

Date requireDate(const CommandOptions& o, const char* name, const char* label) {
  o.require(name);
  return *dateOption(o, name, label);
}

std::string patientText(const AccessEntry& e) { return e.patientNumber ? std::to_string(*e.patientNumber) : ""; }

int accessCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("from", "最初の日（西暦・和暦）", "DATE"));
  set.addOption(valueOption("to", "最後の日（その日を含む）", "DATE"));
  set.addOption(valueOption("csv", "CSVファイルに書き出す（UTF-8、0600）", "FILE"));
  auto o = parseCommandOptions(args, set, "audit access --from DATE --to DATE [--csv FILE]", *c.out);
  if (!o) return 0;
  auto& database = c.folder().database();
  const std::string me = c.resolvedOperator();
  bool more = false;
  const Date from = requireDate(*o, "from", "最初の日"), to = requireDate(*o, "to", "最後の日");
  const auto entries = readAccessLog(database, me, from, to, kListedAtMost, &more);
  if (const auto file = o->get("csv")) {
    std::string text = csvLine({"日時", "操作者", "端末", "操作", "患者番号", "内容"});
    for (const auto& e : entries) text += csvLine({e.at, e.actor, e.terminal, accessActionLabel(e.action), patientText(e), e.detail});
    writeTextFileAtomically(*file, text);
    recordAccess(database, me, AccessAction::Export, std::nullopt,
                 "アクセス記録 " + toIsoString(from) + "〜" + toIsoString(to) + " " + std::to_string(entries.size()) + "件");
  }
  if (c.json) {
    auto list = newJsonArray();
    for (const auto& e : entries) {
      auto j = newJsonObject();
      j->set("at", e.at);
      j->set("actor", e.actor);
      j->set("terminal", e.terminal);
      j->set("action", e.action);
      if (e.patientNumber) j->set("patient", *e.patientNumber);
      j->set("detail", e.detail);
      list->add(j);
    }
    printJson(*c.out, list);
  } else if (!o->get("csv")) {
    for (const auto& e : entries) {
      *c.out << e.at << "  " << e.actor << "@" << e.terminal << "  " << accessActionLabel(e.action)
             << (e.patientNumber ? "  患者 " + patientText(e) : "") << (e.detail.empty() ? "" : "  " + e.detail) << "\n";
    }
  } else {
    *c.out << entries.size() << " 件を書き出しました: " << *o->get("csv") << "\n";
  }
  if (more) *c.out << "（" << kListedAtMost << " 件を超えています。期間を短くしてください）\n";
  return 0;
}

}  // namespace

int runAuditCommand(CliContext& c, const std::vector<std::string>& args) {
  return runVerb("audit", args, {{"verify", [&](const std::vector<std::string>&) { return verifyCommand(c); }},
                                 {"access", [&](const std::vector<std::string>& rest) { return accessCommand(c, rest); }}});
}

}  // namespace rececon::cli
