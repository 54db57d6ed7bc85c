// rececon-cli demo import-sim-persons [--limit N] [--appointments D]
// rececon-cli demo admin [--user ID]: the demo site's administrator (also clerk and supervisor, so that
// one person can try the whole desk), with a random password printed this once.

#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/accounts.h"
#include "app/jobs/bulk_settings.h"
#include "app/jobs/password_hash.h"
#include "app/jobs/demo_data.h"

namespace rececon::cli {
namespace {

int importSimPersons(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("limit", "登録する人数の上限（既定: 全員）", "人数"));
  set.addOption(valueOption("appointments", "この日に全員の予約も入れる（next: 次の診療日）", "DATE"));
  auto o = parseCommandOptions(args, set, "demo import-sim-persons [--limit N] [--appointments D]", *c.out);
  if (!o) return 0;
  auto reg = c.patientRegister();
  if (reg.count() > 0) {
    throw InvalidInput("患者がすでに登録されているため、デモデータは登録しません（空のデータフォルダで実行してください）。");
  }
  auto rows = simPersonsAsPatients(resourcesDir() / "oqs-sim" / "persons.csv");
  if (o->has("limit")) rows.resize(std::min<std::size_t>(rows.size(), static_cast<std::size_t>(parseCount(o->require("limit"), "人数"))));
  JobContext job;
  const auto stored = reg.importPatients(rows, job, "デモデータの作成（oqs-sim の架空の人物）");
  AppointmentImportSummary booked;
  if (o->has("appointments")) {
    const Date day = o->get("appointments") == std::optional<std::string>("next")
                         ? nextBusinessDay(today())
                         : *dateOption(*o, "appointments", "予約日");
    std::vector<std::int64_t> numbers;
    for (const auto& p : reg.list(0, static_cast<int>(stored))) numbers.push_back(p.number);
    booked = AppointmentBook(c.folder().database(), c.resolvedOperator()).addAll(demoAppointments(numbers, day), "demo");
  }
  if (c.json) {
    auto j = newJsonObject();
    j->set("imported", static_cast<Poco::Int64>(stored));
    j->set("appointments", booked.added);
    printJson(*c.out, j);
  } else {
    *c.out << "oqs-sim の架空の人物 " << stored << " 人を患者として登録しました。\n";
    if (booked.added) *c.out << "予約 " << booked.added << " 件を登録しました。\n";
  }
  return 0;
}

int demoAdmin(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("user", "ユーザーID（既定: demo）", "ID"));
  auto o = parseCommandOptions(args, set, "demo admin [--user ID]", *c.out);
  if (!o) return 0;
  const std::string userId = o->get("user").value_or("demo");
  // 16 random hex digits in groups: long enough for the rule's 13+ characters, easy to type from a screen.
  const std::string random = randomToken();
  const std::string password = random.substr(0, 4) + "-" + random.substr(4, 4) + "-" + random.substr(8, 4) + "-" + random.substr(12, 4);
  Accounts accounts = Accounts::onThisTerminal(c.folder().database());
  const Account admin = accounts.initFirstAdmin(userId, "デモ管理者", password);
  accounts.setRoles(actorOf(admin, ""), userId, {Role::Clerk, Role::Supervisor, Role::Admin});
  *c.out << "デモの管理者: ユーザーID " << userId << "  パスワード " << password << "\n"
         << "（パスワードはこの一度だけ表示します。最初のログインで確認コードのアプリを登録します。"
            "アプリがなければ oathtool --totp -b - に表示されたキーを入力すると同じ6桁が出ます）\n";
  return 0;
}

}  // namespace

int runDemoCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("demo", args, {{"import-sim-persons", [&](Args rest) { return importSimPersons(c, rest); }},
                                {"admin", [&](Args rest) { return demoAdmin(c, rest); }}});
}

}  // namespace rececon::cli
