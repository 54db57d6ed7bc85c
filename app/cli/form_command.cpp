// rececon-cli form karte1|worklist|outage-sheet|result-slip -o FILE.pdf: the printable forms as PDF,
// exactly as the window prints them.

#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/access_record.h"
#include "app/jobs/form_documents.h"

namespace rececon::cli {
namespace {

Poco::Util::Option outputOption() {
  return Poco::Util::Option("output", "o", "書き出す PDF ファイル").required(false).repeatable(false).argument("FILE.pdf");
}

// Reports the saved form; the print goes to the access log (the patient's, or the site's for a list).
int reportSaved(CliContext& c, const std::string& what, const SavedForm& saved, std::optional<std::int64_t> patient = std::nullopt) {
  recordAccess(c.folder().database(), c.resolvedOperator(), AccessAction::Print, patient, what + " " + saved.path.string());
  if (c.json) {
    auto j = newJsonObject();
    j->set("path", saved.path.string());
    j->set("pages", saved.pages);
    auto overflows = newJsonArray();
    for (const auto& n : saved.overflows) {
      auto o = newJsonObject();
      o->set("page", n.page + 1);
      o->set("field", n.field);
      o->set("text", n.text);
      overflows->add(o);
    }
    j->set("overflows", overflows);
    printJson(*c.out, j);
  } else {
    *c.out << what << "を保存しました: " << saved.path.string() << "（" << saved.pages << " 頁）\n";
    for (const auto& n : saved.overflows) {
      *c.out << "注意: " << n.page + 1 << " 頁の「" << n.text << "」（" << n.field
             << "）は枠に収まらず、途中までしか印刷されていません。\n";
    }
  }
  return 0;
}

int karte1Command(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("patient", "患者番号", "N"));
  set.addOption(outputOption());
  auto o = parseCommandOptions(args, set, "form karte1 --patient N -o FILE.pdf", *c.out);
  if (!o) return 0;
  const auto patient = parsePatientNumber(o->require("patient"));
  const auto doc = karte1Document(c.folder().database(), patient, today());
  return reportSaved(c, "カルテ1号用紙", saveFormPdf(doc, o->require("output")), patient);
}

int worklistCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("date", "照会日（受診予定日）", "DATE"));
  set.addOption(flagOption("open", "未対応の項目だけ"));
  set.addOption(outputOption());
  auto o = parseCommandOptions(args, set, "form worklist --date D [--open] -o FILE.pdf", *c.out);
  if (!o) return 0;
  o->require("date");
  const auto doc = worklistDocument(c.folder().database(), *dateOption(*o, "date", "照会日"), o->has("open"), today());
  return reportSaved(c, "一括照会の作業リスト", saveFormPdf(doc, o->require("output")));
}

int outageSheetCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(outputOption());
  auto o = parseCommandOptions(args, set, "form outage-sheet -o FILE.pdf", *c.out);
  if (!o) return 0;
  const auto doc = outageSheetDocument(c.folder().database(), today());
  return reportSaved(c, "障害時 4情報 記録票", saveFormPdf(doc, o->require("output")));
}

int resultSlipCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("result", "結果ID", "ID"));
  set.addOption(valueOption("patient", "比べる患者（既定: 確認した患者）", "N"));
  set.addOption(outputOption());
  auto o = parseCommandOptions(args, set, "form result-slip --result ID [--patient N] -o FILE.pdf", *c.out);
  if (!o) return 0;
  std::optional<std::int64_t> patient;
  if (o->has("patient")) patient = parsePatientNumber(o->require("patient"));
  const auto report = c.qualificationService().reportForResult(parseCount(o->require("result"), "結果ID"), patient);
  const auto doc = resultSlipDocument(c.folder().database(), report, today());
  return reportSaved(c, "資格確認結果票", saveFormPdf(doc, o->require("output")), report.patientNumber);
}

}  // namespace

int runFormCommand(CliContext& c, const std::vector<std::string>& args) {
  return runVerb("form", args,
                 {{"karte1", [&](const std::vector<std::string>& rest) { return karte1Command(c, rest); }},
                  {"worklist", [&](const std::vector<std::string>& rest) { return worklistCommand(c, rest); }},
                  {"outage-sheet", [&](const std::vector<std::string>& rest) { return outageSheetCommand(c, rest); }},
                  {"result-slip", [&](const std::vector<std::string>& rest) { return resultSlipCommand(c, rest); }}});
}

}  // namespace rececon::cli
