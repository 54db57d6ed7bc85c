// rececon-cli insurance add | update | list | history

#include <ostream>

#include "app/cli/approval_input.h"
#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"

namespace rececon::cli {
namespace {

Poco::Util::OptionSet insuranceFieldOptions() {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("insurer", "保険者番号（6桁または8桁、検証番号付き）", "番号"));
  set.addOption(valueOption("symbol", "記号", "記号"));
  set.addOption(valueOption("number", "番号（被保険者証の番号）", "番号"));
  set.addOption(valueOption("branch", "枝番（数字2桁）", "NN"));
  set.addOption(valueOption("relation", "本人・家族 1=本人 2=家族", "1|2"));
  set.addOption(valueOption("insured-name", "被保険者氏名", "氏名"));
  set.addOption(valueOption("qualification-date", "資格取得日", "日付"));
  set.addOption(valueOption("valid-from", "有効開始日", "日付"));
  set.addOption(valueOption("valid-to", "有効終了日", "日付"));
  set.addOption(valueOption("card-class", "被保険者証区分（01〜07、A1）", "コード"));
  set.addOption(valueOption("copay", "負担割合（30 または 3割）", "割合"));
  set.addOption(valueOption("elderly-copay", "高齢受給者 負担割合", "割合"));
  set.addOption(valueOption("elderly-from", "高齢受給者 有効開始日", "日付"));
  set.addOption(valueOption("elderly-to", "高齢受給者 有効終了日", "日付"));
  set.addOption(valueOption("insurer-name", "保険者名称", "名称"));
  set.addOption(valueOption("state", "状態 current=有効 superseded=履歴 invalid=無効", "状態"));
  set.addOption(valueOption("reason", "変更理由（履歴に残ります）", "理由"));
  return set;
}

InsuranceFields insuranceFields(const CommandOptions& o) {
  InsuranceFields f;
  f.insurerNumber = o.get("insurer");
  f.symbol = o.get("symbol");
  f.number = o.get("number");
  f.branch = o.get("branch");
  f.relationship = o.get("relation");
  f.insuredName = o.get("insured-name");
  f.qualificationDate = o.get("qualification-date");
  f.validFrom = o.get("valid-from");
  f.validTo = o.get("valid-to");
  f.cardClassification = o.get("card-class");
  f.copayPercent = o.get("copay");
  f.elderlyCopayPercent = o.get("elderly-copay");
  f.elderlyValidFrom = o.get("elderly-from");
  f.elderlyValidTo = o.get("elderly-to");
  f.insurerName = o.get("insurer-name");
  f.state = o.get("state");
  return f;
}

void showRecord(CliContext& c, const InsuranceRecord& r) {
  if (c.json) printJson(*c.out, toJson(r));
  else printInsurance(*c.out, r);
}

std::int64_t patientOption(const CommandOptions& o) { return parsePatientNumber(o.require("patient")); }

int add(CliContext& c, const std::vector<std::string>& args) {
  auto set = insuranceFieldOptions();
  set.addOption(valueOption("patient", "患者番号", "番号"));
  auto o = parseCommandOptions(args, set, "insurance add --patient N --insurer I [--symbol S] --number M [--branch BB] [...]", *c.out);
  if (!o) return 0;
  auto reg = c.patientRegister();
  showRecord(c, reg.addInsurance(patientOption(*o), insuranceFields(*o), o->get("reason").value_or("保険情報の登録")));
  return 0;
}

int update(CliContext& c, const std::vector<std::string>& args) {
  const char* usage = "insurance update 保険ID [--insurer …] [--branch …] [--state …] [...]";
  auto set = insuranceFieldOptions();
  addApprovalOption(set);
  auto o = parseCommandOptions(args, set, usage, *c.out);
  if (!o) return 0;
  if (o->positional.size() != 1) throw UsageError(std::string("保険IDを1つ指定してください: ") + usage);
  const std::int64_t id = parseCount(o->positional[0], "保険ID");
  const InsuranceFields fields = insuranceFields(*o);
  if (fields.empty()) throw UsageError("変更する項目を指定してください（--branch、--state など）。");
  auto reg = c.patientRegister();
  reg.setApproval(approvalFrom(c, *o));
  showRecord(c, reg.updateInsurance(id, fields, o->get("reason").value_or("保険情報の変更")));
  return 0;
}

int list(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("patient", "患者番号", "番号"));
  auto o = parseCommandOptions(args, set, "insurance list --patient N", *c.out);
  if (!o) return 0;
  auto reg = c.patientRegister();
  const auto records = reg.insurances(patientOption(*o));
  if (c.json) {
    auto array = newJsonArray();
    for (const auto& r : records) array->add(toJson(r));
    printJson(*c.out, array);
  } else if (records.empty()) {
    *c.out << "保険情報は登録されていません。\n";
  } else {
    for (const auto& r : records) printInsurance(*c.out, r);
  }
  return 0;
}

int history(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("patient", "患者番号", "番号"));
  auto o = parseCommandOptions(args, set, "insurance history --patient N", *c.out);
  if (!o) return 0;
  auto reg = c.patientRegister();
  const auto entries = reg.history(patientOption(*o));
  if (c.json) {
    auto array = newJsonArray();
    for (const auto& e : entries) array->add(toJson(e));
    printJson(*c.out, array);
  } else {
    for (const auto& e : entries) printChange(*c.out, e);
  }
  return 0;
}

}  // namespace

int runInsuranceCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("insurance", args,
                 {{"add", [&](Args rest) { return add(c, rest); }},
                  {"update", [&](Args rest) { return update(c, rest); }},
                  {"list", [&](Args rest) { return list(c, rest); }},
                  {"history", [&](Args rest) { return history(c, rest); }}});
}

}  // namespace rececon::cli
