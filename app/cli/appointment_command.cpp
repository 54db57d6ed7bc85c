// rececon-cli appointment add|list|import: appointments (予約), from which the nightly bulk pre-check
// builds its list.

#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/appointment_book.h"
#include "app/core/error.h"
#include "app/jobs/patient_register.h"

namespace rececon::cli {
namespace {

AppointmentBook book(CliContext& c) { return AppointmentBook(c.folder().database(), c.resolvedOperator()); }

Poco::JSON::Object::Ptr appointmentJson(const StoredAppointment& a) {
  auto j = newJsonObject();
  j->set("id", a.id);
  j->set("date", a.date);
  j->set("time", a.time);
  j->set("patient", a.patientNumber);
  j->set("department", a.department);
  j->set("doctor", a.doctor);
  j->set("memo", a.memo);
  j->set("source", a.source);
  return j;
}

int addCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("patient", "患者番号", "N"));
  set.addOption(valueOption("date", "予約日（2026-11-24、R8.11.24 など）", "DATE"));
  set.addOption(valueOption("time", "時刻（9:30 など）", "HH:MM"));
  set.addOption(valueOption("dept", "診療科", "TEXT"));
  set.addOption(valueOption("doctor", "医師", "TEXT"));
  set.addOption(valueOption("memo", "メモ", "TEXT"));
  auto o = parseCommandOptions(args, set, "appointment add --patient N --date D [--time T] [--dept …] [--doctor …] [--memo …]",
                               *c.out);
  if (!o) return 0;
  const auto a = book(c).add({o->require("date"), o->get("time").value_or(""), o->require("patient"),
                              o->get("dept").value_or(""), o->get("doctor").value_or(""), o->get("memo").value_or("")},
                             "cli");
  if (c.json) printJson(*c.out, appointmentJson(a));
  else *c.out << "予約 " << a.id << " を登録しました: " << formatWareki(*fromIsoString(a.date)) << " " << a.time << " 患者番号 " << a.patientNumber << "\n";
  return 0;
}

int listCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("date", "予約日", "DATE"));
  auto o = parseCommandOptions(args, set, "appointment list --date D", *c.out);
  if (!o) return 0;
  o->require("date");  // a usage error when missing; dateOption then always has a value
  const Date date = *dateOption(*o, "date", "予約日");
  const auto list = book(c).onDate(date);
  if (c.json) {
    auto arr = newJsonArray();
    for (const auto& a : list) arr->add(appointmentJson(a));
    printJson(*c.out, arr);
    return 0;
  }
  *c.out << formatWareki(date) << " の予約 " << list.size() << " 件\n";
  PatientRegister patients(c.folder().database(), c.resolvedOperator());
  for (const auto& a : list) {
    std::string name;
    try {
      name = patients.patient(a.patientNumber).name;
    } catch (const NotFound&) {  // a booking for a number not (yet) registered: listed without a name
    }
    *c.out << (a.time.empty() ? "--:--" : a.time) << "  " << a.patientNumber << "  " << name << "  "
           << a.department << (a.doctor.empty() ? "" : " " + a.doctor) << (a.memo.empty() ? "" : "  " + a.memo) << "\n";
  }
  return 0;
}

int importCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  auto o = parseCommandOptions(args, set, "appointment import FILE.csv", *c.out);
  if (!o) return 0;
  if (o->positional.size() != 1) throw UsageError("取り込む CSV ファイルを1つ指定してください。");
  const auto summary = book(c).importCsv(o->positional[0]);
  if (c.json) {
    auto j = newJsonObject();
    j->set("added", summary.added);
    j->set("already_booked", summary.alreadyBooked);
    printJson(*c.out, j);
  } else {
    *c.out << "予約 " << summary.added << " 件を取り込みました（登録済みのため省いたもの " << summary.alreadyBooked << " 件）。\n";
  }
  return 0;
}

}  // namespace

int runAppointmentCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("appointment", args, {{"add", [&](Args rest) { return addCommand(c, rest); }},
                                       {"list", [&](Args rest) { return listCommand(c, rest); }},
                                       {"import", [&](Args rest) { return importCommand(c, rest); }}});
}

}  // namespace rececon::cli
