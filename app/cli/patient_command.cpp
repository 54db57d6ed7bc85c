// rececon-cli patient add | update | show | list | search

#include <ostream>

#include "app/cli/approval_input.h"
#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/reference_registrar.h"
#include "app/jobs/qualification_service.h"

namespace rececon::cli {
namespace {

Poco::Util::OptionSet patientFieldOptions() {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("name", "氏名（漢字）", "氏名"));
  set.addOption(valueOption("kana", "氏名カナ（ひらがな・カタカナ・半角カナ）", "カナ"));
  set.addOption(valueOption("birth", "生年月日（1947-03-10、S22.3.10、昭和22年3月10日 など）", "日付"));
  set.addOption(valueOption("sex", "性別 1=男 2=女", "1|2"));
  set.addOption(valueOption("postal", "郵便番号", "123-4567"));
  set.addOption(valueOption("address", "住所", "住所"));
  set.addOption(valueOption("phone", "電話番号", "番号"));
  set.addOption(valueOption("notes", "備考", "文"));
  set.addOption(valueOption("reason", "変更理由（履歴に残ります）", "理由"));
  return set;
}

PatientFields patientFields(const CommandOptions& o) {
  PatientFields f;
  f.name = o.get("name");
  f.nameKana = o.get("kana");
  f.birthDate = o.get("birth");
  f.sex = o.get("sex");
  f.postalCode = o.get("postal");
  f.address = o.get("address");
  f.phone = o.get("phone");
  f.notes = o.get("notes");
  return f;
}

void show(CliContext& c, PatientRegister& reg, const Patient& p) {
  const auto current = reg.currentInsurance(p.number);
  const auto limit = limitCertificateOf(c.folder().database(), p.number);
  const std::string reference =
      referenceStateWordsOf(c.folder().database(), p.number);
  if (c.json) {
    auto j = toJson(p, current);
    j->set("reference_number", reference);
    if (limit) {
      auto l = newJsonObject();
      l->set("classification", limit->classification);
      l->set("flag", limit->flag);
      l->set("flag_label", limit->flagLabel);
      l->set("valid_start", limit->validStart);
      l->set("valid_end", limit->validEnd);
      l->set("long_term_date", limit->longTermDate);
      j->set("limit_certificate", l);
    }
    printJson(*c.out, j);
    return;
  }
  printPatientDetail(*c.out, p, current);
  *c.out << "照会番号の登録: " << reference << "\n";
  if (limit) {
    *c.out << "限度額適用認定証: " << limit->classificationLabel << "  適用区分 " << limit->flag << "（" << limit->flagLabel
           << "）  有効 " << limit->validStart << "〜" << limit->validEnd << "\n";
  }
}

void showList(CliContext& c, const std::vector<Patient>& patients) {
  if (!c.json) return printPatientTable(*c.out, patients);
  auto array = newJsonArray();
  for (const auto& p : patients) array->add(toJson(p, std::nullopt));
  printJson(*c.out, array);
}

std::int64_t onePatientNumber(const CommandOptions& o, const char* usage) {
  if (o.positional.size() != 1) throw UsageError(std::string("患者番号を1つ指定してください: ") + usage);
  return parsePatientNumber(o.positional[0]);
}

int add(CliContext& c, const std::vector<std::string>& args) {
  auto set = patientFieldOptions();
  set.addOption(valueOption("number", "患者番号（旧システムからの移行時。省略すると自動採番）", "番号"));
  const char* usage = "patient add --name 氏名 --kana カナ --birth 日付 --sex 1|2 [--number N] [...]";
  auto o = parseCommandOptions(args, set, usage, *c.out);
  if (!o) return 0;
  if (!o->positional.empty()) throw UsageError(std::string("余分な引数があります: ") + o->positional[0]);
  std::optional<std::int64_t> number;
  if (auto n = o->get("number")) number = parsePatientNumber(*n);
  auto reg = c.patientRegister();
  const Patient p = reg.addPatient(patientFields(*o), number, o->get("reason").value_or("新規登録"));
  show(c, reg, p);
  return 0;
}

int update(CliContext& c, const std::vector<std::string>& args) {
  const char* usage = "patient update 患者番号 [--name …] [--kana …] [--birth …] [--sex …] [--if-version V] [...]";
  auto set = patientFieldOptions();
  set.addOption(valueOption("if-version", "読んだときの版（patient show の version）。その後ほかの端末が変更していれば保存しません", "V"));
  addApprovalOption(set);
  auto o = parseCommandOptions(args, set, usage, *c.out);
  if (!o) return 0;
  const std::int64_t number = onePatientNumber(*o, usage);
  PatientFields fields = patientFields(*o);
  if (fields.empty()) throw UsageError("変更する項目を指定してください（--name、--kana など）。");
  if (auto v = o->get("if-version")) fields.seenVersion = parseCount(*v, "版");
  auto reg = c.patientRegister();
  reg.setApproval(approvalFrom(c, *o));
  const Patient p = reg.updatePatient(number, fields, o->get("reason").value_or("患者情報の変更"));
  show(c, reg, p);
  return 0;
}

int showCommand(CliContext& c, const std::vector<std::string>& args) {
  const char* usage = "patient show 患者番号";
  auto o = parseCommandOptions(args, {}, usage, *c.out);
  if (!o) return 0;
  auto reg = c.patientRegister();
  show(c, reg, reg.openPatient(onePatientNumber(*o, usage), "patient show"));
  return 0;
}

int list(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("after", "この患者番号より後から表示", "番号"));
  set.addOption(valueOption("limit", "表示件数（既定 100）", "件数"));
  auto o = parseCommandOptions(args, set, "patient list [--after N] [--limit N]", *c.out);
  if (!o) return 0;
  const std::int64_t after = o->has("after") ? parseCount(o->require("after"), "--after") : 0;
  const int limit = o->has("limit") ? static_cast<int>(parseCount(o->require("limit"), "表示件数")) : 100;
  auto reg = c.patientRegister();
  showList(c, reg.list(after, limit));
  return 0;
}

int search(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("kana", "カナの前方一致（ひらがな・カタカナ・半角カナ）", "カナ"));
  set.addOption(valueOption("number", "患者番号", "番号"));
  set.addOption(valueOption("birth", "生年月日（和暦可）", "日付"));
  set.addOption(valueOption("limit", "最大件数（既定 100）", "件数"));
  auto o = parseCommandOptions(args, set, "patient search [--kana K] [--number N] [--birth D]", *c.out);
  if (!o) return 0;
  PatientSearch s;
  s.kana = o->get("kana").value_or("");
  s.number = o->get("number").value_or("");
  s.birth = o->get("birth").value_or("");
  if (o->has("limit")) s.limit = static_cast<int>(parseCount(o->require("limit"), "表示件数"));
  if (s.kana.empty() && s.number.empty() && s.birth.empty()) {
    throw UsageError("検索条件（--kana、--number、--birth のいずれか）を指定してください。");
  }
  auto reg = c.patientRegister();
  showList(c, reg.search(s));
  return 0;
}

}  // namespace

int runPatientCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("patient", args,
                 {{"add", [&](Args rest) { return add(c, rest); }},
                  {"update", [&](Args rest) { return update(c, rest); }},
                  {"show", [&](Args rest) { return showCommand(c, rest); }},
                  {"list", [&](Args rest) { return list(c, rest); }},
                  {"search", [&](Args rest) { return search(c, rest); }}});
}

}  // namespace rececon::cli
