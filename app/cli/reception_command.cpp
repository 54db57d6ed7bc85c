// rececon-cli reception list [--date D]: the day's reception list (受付一覧) as the window shows it.

#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/reception_desk.h"

namespace rececon::cli {
namespace {

int listCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("date", "受付日（既定は今日）", "日付"));
  auto o = parseCommandOptions(args, set, "reception list [--date D]", *c.out);
  if (!o) return 0;
  const Date day = dateOption(*o, "date", "受付日").value_or(today());
  const auto rows = receptionList(c.folder().database(), day);
  if (c.json) {
    auto list = newJsonArray();
    for (const auto& r : rows) {
      auto j = newJsonObject();
      j->set("visit_id", static_cast<Poco::Int64>(r.visit.id));
      j->set("time", r.arrivedTime);
      if (r.patient) j->set("patient_number", static_cast<Poco::Int64>(r.patient->number));
      j->set("name", r.name);
      j->set("name_kana", r.nameKana);
      if (r.insurance) {
        j->set("insurance_id", static_cast<Poco::Int64>(r.insurance->id));
        j->set("branch", r.insurance->insured.branch);
      }
      j->set("verification", std::string(nameOf(r.visit.verification)));
      j->set("state", receptionStateLabel(r.state));
      j->set("detail", r.visit.verificationDetail);
      if (r.visit.checkId) j->set("check_id", static_cast<Poco::Int64>(*r.visit.checkId));
      if (r.visit.resultId) j->set("result_id", static_cast<Poco::Int64>(*r.visit.resultId));
      list->add(j);
    }
    printJson(*c.out, list);
    return 0;
  }
  *c.out << formatWareki(day) << " 受付 " << rows.size() << " 人\n";
  for (const auto& r : rows) {
    *c.out << r.arrivedTime << "\t" << (r.patient ? std::to_string(r.patient->number) : "—") << "\t" << r.name << "\t"
           << receptionStateLabel(r.state) << "\t" << r.visit.verificationDetail << "\n";
  }
  return 0;
}

}  // namespace

int runReceptionCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("reception", args, {{"list", [&](Args rest) { return listCommand(c, rest); }}});
}

}  // namespace rececon::cli
