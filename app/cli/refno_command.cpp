// rececon-cli refno register (--patient N | --all)

#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/reference_registrar.h"

namespace rececon::cli {
namespace {

int registerCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("patient", "この患者の照会番号を登録する", "番号"));
  set.addOption(flagOption("all", "未登録の患者すべてを一括登録する"));
  auto o = parseCommandOptions(args, set, "refno register (--patient N | --all)", *c.out);
  if (!o) return 0;
  if (o->has("patient") == o->has("all")) throw UsageError("--patient N か --all のどちらかを指定してください。");
  auto& database = c.folder().database();
  ReferenceRegistrar registrar(database, exchangeConfigFromSettings(database, c.folder().dir()), c.resolvedOperator());
  JobContext job;
  const RegistrationSummary s = o->has("all") ? registrar.registerAll(job)
                                              : registrar.registerPatient(parsePatientNumber(o->require("patient")), job);
  if (c.json) {
    auto j = newJsonObject();
    j->set("requested", s.requested);
    j->set("registered", s.registered);
    j->set("failed", s.failed);
    j->set("detail", s.detail);
    printJson(*c.out, j);
  } else {
    *c.out << s.detail << "\n";
  }
  return s.failed > 0 ? 9 : 0;
}

}  // namespace

int runRefnoCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("refno", args, {{"register", [&](Args rest) { return registerCommand(c, rest); }}});
}

}  // namespace rececon::cli
