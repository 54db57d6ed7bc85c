// rececon-cli check --patient N [--insurance ID] [--limit-consent]
// rececon-cli check --insurer I [--symbol S] --number M [--branch BB] --birth D [--limit-consent] [--date D]
// rececon-cli results scan | pending | show ID [--patient N] | apply ID [--patient N] (--all | --accept f,… | --reject)

#include <iostream>
#include <ostream>
#include <unistd.h>

#include "app/cli/approval_input.h"
#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/qualification_service.h"
#include "app/jobs/reference_registrar.h"
#include "app/jobs/site_settings.h"

namespace rececon::cli {
namespace {

void printReport(std::ostream& out, const CheckReport& r) {
  out << "資格確認 " << r.checkId << (r.patientNumber ? "（患者番号 " + std::to_string(*r.patientNumber) + "）" : "")
      << "\n";
  if (!r.resultId) {
    out << "結果: 応答なし（" << r.requestState << "）\n" << r.requestDetail << "\n";
    return;
  }
  out << "結果: " << outcomeWords(r.outcome) << "（結果ID " << *r.resultId << "）\n";
  if (r.match) {
    out << "患者の照合: " << matchKindWords(r.match->kind) << "。" << r.match->explanation;
    if (!r.match->candidates.empty()) {
      out << " 候補:";
      for (const auto n : r.match->candidates) out << " " << n;
    }
    out << "\n";
  }
  if (!r.errorCode.empty() || !r.errorMessage.empty()) out << "エラー: " << r.errorCode << " " << r.errorMessage << "\n";
  if (!r.processingCode.empty() || !r.processingMessage.empty()) {
    out << "処理結果: " << r.processingCode << " " << r.processingMessage << "\n";
  }
  if (!r.findings.empty()) {
    out << "要確認（この結果は反映できません）:\n";
    for (const auto& f : r.findings) out << "  [" << f.code << "] " << f.message << "\n";
  }
  out << "対応: " << outcomeAdvice(r.outcome) << "\n";
  if (r.returned) {
    out << "返された資格: " << r.returned->name << "（" << r.returned->nameKana << "） 保険者番号 "
        << insuredNumberText(r.returned->insurance.insured) << "\n";
    if (const auto& a = r.returned->publicAssistance) {
      out << "医療扶助: 公費負担者番号 " << a->payerNumber << "  受給者番号 " << a->beneficiaryNumber << "  福祉事務所 "
          << a->welfareOfficeName << "\n";
    }
  }
  if (r.limitCertificate) {
    const auto& c = *r.limitCertificate;
    out << "限度額適用認定証: 区分 " << c.classification << " " << c.classificationLabel << "  適用区分 " << c.flag << " "
        << c.flagLabel << "  有効 " << c.validStart << "〜" << c.validEnd << "\n";
  }
  if (!r.comparison.empty()) {
    out << "項目\t登録内容\t返された内容\n";
    for (const auto& f : r.comparison) {
      out << (f.differs() ? "* " : "  ") << f.label << "\t" << f.heldShown << "\t" << f.returnedShown
          << (f.differs() && !tickedByDefault(f) ? "\t（変更には明示の承認が必要）" : "") << "\n";
    }
  }
}

Poco::JSON::Object::Ptr reportJson(const CheckReport& r) {
  auto j = newJsonObject();
  j->set("check_id", static_cast<Poco::Int64>(r.checkId));
  if (r.patientNumber) j->set("patient_number", static_cast<Poco::Int64>(*r.patientNumber));
  j->set("request_state", r.requestState);
  j->set("request_detail", r.requestDetail);
  if (r.resultId) j->set("result_id", static_cast<Poco::Int64>(*r.resultId));
  if (r.referenceNumber) j->set("reference_number", *r.referenceNumber);
  if (r.match) {
    auto m = newJsonObject();
    m->set("kind", matchKindWords(r.match->kind));
    m->set("explanation", r.match->explanation);
    auto candidates = newJsonArray();
    for (const auto n : r.match->candidates) candidates->add(static_cast<Poco::Int64>(n));
    m->set("candidates", candidates);
    j->set("match", m);
  }
  j->set("outcome", outcomeWords(r.outcome));
  j->set("outcome_code", outcomeCode(r.outcome));
  j->set("processing_code", r.processingCode);
  j->set("processing_message", r.processingMessage);
  j->set("error_code", r.errorCode);
  j->set("error_message", r.errorMessage);
  if (r.returned) {
    auto q = insuredJson(r.returned->insurance.insured);
    q->set("name", r.returned->name);
    q->set("name_kana", r.returned->nameKana);
    if (const auto& a = r.returned->publicAssistance) {
      auto pa = newJsonObject();
      pa->set("public_expense_number", a->payerNumber);
      pa->set("beneficiary_number", a->beneficiaryNumber);
      pa->set("welfare_office_name", a->welfareOfficeName);
      q->set("public_assistance", pa);
    }
    j->set("returned", q);
  }
  if (r.limitCertificate) {
    auto c = newJsonObject();
    c->set("classification", r.limitCertificate->classification);
    c->set("flag", r.limitCertificate->flag);
    c->set("flag_label", r.limitCertificate->flagLabel);
    c->set("valid_start", r.limitCertificate->validStart);
    c->set("valid_end", r.limitCertificate->validEnd);
    j->set("limit_certificate", c);
  }
  auto fields = newJsonArray();
  for (const auto& f : r.comparison) {
    auto fo = newJsonObject();
    fo->set("field", f.field);
    fo->set("held", f.held);
    fo->set("returned", f.returned);
    fo->set("held_shown", f.heldShown);
    fo->set("returned_shown", f.returnedShown);
    fo->set("differs", f.differs());
    fo->set("needs_explicit_accept", f.identity || f.insuredNumber);
    fields->add(fo);
  }
  j->set("comparison", fields);
  auto findings = newJsonArray();
  for (const auto& f : r.findings) {
    auto fo = newJsonObject();
    fo->set("code", f.code);
    fo->set("element", f.element);
    fo->set("value", f.value);
    fo->set("message", f.message);
    findings->add(fo);
  }
  j->set("findings", findings);
  j->set("needs_person", !r.findings.empty());
  return j;
}

std::vector<std::string> splitComma(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = s.find(',', start);
    const std::string item = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!item.empty()) out.push_back(item);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

int resultsScan(CliContext& c, const std::vector<std::string>& args) {
  auto o = parseCommandOptions(args, {}, "results scan", *c.out);
  if (!o) return 0;
  auto service = c.qualificationService();
  service.poll();
  const auto arrived = service.arrivedResults();
  if (c.json) {
    auto j = newJsonObject();
    j->set("arrived", static_cast<Poco::Int64>(arrived.size()));
    printJson(*c.out, j);
  } else {
    *c.out << "未処理の結果: " << arrived.size() << " 件\n";
  }
  return 0;
}

int resultsPending(CliContext& c, const std::vector<std::string>& args) {
  auto o = parseCommandOptions(args, {}, "results pending", *c.out);
  if (!o) return 0;
  auto service = c.qualificationService();
  auto array = newJsonArray();
  for (const auto& [id, source] : service.arrivedResults()) {
    const CheckReport r = service.reportForResult(id);
    if (c.json) {
      auto j = reportJson(r);
      j->set("id", static_cast<Poco::Int64>(id));
      j->set("source", std::string(nameOf(source)));
      array->add(j);
      continue;
    }
    *c.out << "[結果ID " << id << "] 未処理  " << (source == ResultSource::Face ? "カード" : "資格確認") << "  "
           << outcomeWords(r.outcome) << "  "
           << (r.patientNumber ? "患者番号 " + std::to_string(*r.patientNumber) : std::string("患者未定"));
    if (r.returned) *c.out << "  " << r.returned->name << "（" << r.returned->nameKana << "）";
    if (r.match) {
      *c.out << "  照合: " << matchKindWords(r.match->kind);
      if (r.match->kind != MatchKind::Unique && !r.match->candidates.empty()) {
        *c.out << "（候補";
        for (const auto n : r.match->candidates) *c.out << " " << n;
        *c.out << "）";
      }
    }
    *c.out << "\n";
  }
  if (c.json) printJson(*c.out, array);
  return 0;
}

int resultsShow(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("patient", "比べる患者（既定: 確認した患者）", "番号"));
  auto o = parseCommandOptions(args, set, "results show ID [--patient N]", *c.out);
  if (!o) return 0;
  if (o->positional.size() != 1) throw UsageError("結果IDを1つ指定してください。");
  std::optional<std::int64_t> patient;
  if (o->has("patient")) patient = parsePatientNumber(o->require("patient"));
  const CheckReport r = c.qualificationService().reportForResult(parseCount(o->positional[0], "結果ID"), patient);
  if (c.json) printJson(*c.out, reportJson(r));
  else printReport(*c.out, r);
  return 0;
}

int resultsApply(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("patient", "反映する患者（結果に患者が決まっていないとき）", "番号"));
  set.addOption(flagOption("all", "違いのある項目をすべて反映する"));
  set.addOption(valueOption("accept", "反映する項目（カンマ区切り、例: branch,insurer_name）", "項目"));
  set.addOption(flagOption("reject", "反映しない（結果は保存したまま）"));
  set.addOption(flagOption("new-patient", "一致する患者がいないとき、結果から新しい患者を登録して反映する"));
  set.addOption(valueOption("reason", "理由（履歴に残ります）", "理由"));
  addApprovalOption(set);
  auto o = parseCommandOptions(args, set,
                               "results apply ID [--patient N | --new-patient] (--all | --accept f1,f2,… | --reject)", *c.out);
  if (!o) return 0;
  if (o->positional.size() != 1) throw UsageError("結果IDを1つ指定してください。");
  const int modes = (o->has("all") ? 1 : 0) + (o->has("accept") ? 1 : 0) + (o->has("reject") ? 1 : 0);
  if (modes != 1 && !o->has("new-patient")) throw UsageError("--all、--accept、--reject のどれか1つを指定してください。");
  if (o->has("new-patient") && (o->has("patient") || o->has("reject"))) {
    throw UsageError("--new-patient は --patient・--reject と一緒には使えません。");
  }
  ApplyDecision d;
  if (o->has("patient")) d.patientNumber = parsePatientNumber(o->require("patient"));
  d.newPatient = o->has("new-patient");
  d.all = o->has("all") || (d.newPatient && !o->has("accept"));  // a new patient takes the whole result
  d.reject = o->has("reject");
  if (o->has("accept")) d.accept = splitComma(o->require("accept"));
  d.reason = o->get("reason").value_or("");
  d.approval = approvalFrom(c, *o);
  const ApplyOutcome a = c.qualificationService().applyResult(parseCount(o->positional[0], "結果ID"), d);
  if (c.json) {
    auto j = newJsonObject();
    j->set("state", std::string(nameOf(a.state)));
    auto fields = newJsonArray();
    for (const auto& f : a.changedFields) fields->add(f);
    j->set("changed_fields", fields);
    if (a.insuranceId) j->set("insurance_id", static_cast<Poco::Int64>(*a.insuranceId));
    j->set("detail", a.detail);
    if (!a.referenceRegistration.empty()) j->set("reference_registration", a.referenceRegistration);
    printJson(*c.out, j);
  } else {
    *c.out << a.detail << "\n";
    if (!a.referenceRegistration.empty()) *c.out << a.referenceRegistration << "\n";
  }
  return 0;
}

}  // namespace

int runResultsCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("results", args,
                 {{"scan", [&](Args rest) { return resultsScan(c, rest); }},
                  {"pending", [&](Args rest) { return resultsPending(c, rest); }},
                  {"show", [&](Args rest) { return resultsShow(c, rest); }},
                  {"apply", [&](Args rest) { return resultsApply(c, rest); }}});
}

int runCheckCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("patient", "患者番号（登録済みの患者の保険で確認）", "番号"));
  set.addOption(valueOption("insurance", "保険ID（省略時は現在の保険）", "ID"));
  set.addOption(valueOption("insurer", "保険者番号（未登録の人を確認）", "番号"));
  set.addOption(valueOption("symbol", "記号", "記号"));
  set.addOption(valueOption("number", "番号", "番号"));
  set.addOption(valueOption("branch", "枝番（数字2桁）", "NN"));
  set.addOption(valueOption("birth", "生年月日（和暦可）", "日付"));
  set.addOption(valueOption("date", "資格確認日（既定: 今日）", "日付"));
  set.addOption(flagOption("limit-consent", "限度額適用認定証の提供に患者が同意した"));
  auto o = parseCommandOptions(args, set,
                               "check --patient N [--insurance ID] [--limit-consent] | check --insurer I [--symbol S] "
                               "--number M [--branch BB] --birth D [--limit-consent]",
                               *c.out);
  if (!o) return 0;
  CheckTarget target;
  target.limitConsent = o->has("limit-consent");
  if (o->has("patient")) {
    target.patientNumber = parsePatientNumber(o->require("patient"));
    if (o->has("insurance")) target.insuranceId = parseCount(o->require("insurance"), "保険ID");
  } else if (o->has("insurer")) {
    target.entered.insurerNumber = o->get("insurer");
    target.entered.symbol = o->get("symbol");
    target.entered.number = o->get("number");
    target.entered.branch = o->get("branch");
    target.enteredBirthDate = o->get("birth");
  } else {
    throw UsageError("--patient か、--insurer・--number・--birth を指定してください。");
  }
  target.checkDate = dateOption(*o, "date", "資格確認日");
  QualificationService service = c.qualificationService();
  const std::int64_t checkId = service.startCheck(target);
  const bool showProgress = !c.json && isatty(STDERR_FILENO);
  JobContext job([&](std::int64_t done, std::int64_t total, const std::string& what) {
    if (showProgress) std::cerr << "\r" << what << "… " << done << " / " << total << " 秒" << std::flush;
  });
  const CheckReport report = service.waitForCheck(checkId, job);
  if (showProgress) std::cerr << "\n";
  if (c.json) printJson(*c.out, reportJson(report));
  else printReport(*c.out, report);
  if (!report.resultId) return report.requestState == "timed_out" ? 75 : 9;
  return outcomeCode(report.outcome);
}

}  // namespace rececon::cli
