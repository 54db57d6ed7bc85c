#include "app/gui/desk_actions.h"

#include <wx/msgdlg.h>

#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "app/gui/check_wait_dialog.h"
#include "app/gui/result_dialog.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/qualification_service.h"
#include "app/jobs/reception_desk.h"
#include "app/jobs/site_settings.h"

namespace rececon::gui {
namespace {

void tell(wxWindow* parent, const wxString& what, const wxString& detail, long icon = wxICON_WARNING) {
  wxMessageBox(what + (detail.empty() ? wxString() : wxS("\n\n") + detail), _("Qualification check"),
               wxOK | icon, parent);
}

}  // namespace

DeskDecision checkPatientAtDesk(wxWindow* parent, PatientRegister& reg, const std::string& dataDir,
                                std::int64_t patientNumber, const std::function<void()>& recorded) {
  linkage::ExchangeConfig config;
  std::string terminal;
  try {
    config = exchangeConfigFromSettings(reg.database(), dataDir);
    terminal = SiteSettings(reg.database()).get("terminal").value;
  } catch (const Error& e) {
    tell(parent,
         _("The linkage folders are not set, so no qualification check can be made. Set the institution code "
           "and the req, res and face folders in File -> Settings."),
         toWx(e.what()));
    return {};
  }
  QualificationService service(reg.database(), config, reg.operatorId(), terminal);
  std::int64_t checkId = 0;
  db::StoredVisit visit;
  try {
    CheckTarget target;
    target.patientNumber = patientNumber;
    checkId = service.startCheck(target);
    visit = ReceptionDesk(reg.database(), reg.operatorId()).checkIn(patientNumber, checkId);
  } catch (const Error& e) {
    tell(parent, _("The qualification check could not be started."), toWx(e.what()));
    return {checkId != 0};
  }

  const Patient patient = reg.patient(patientNumber);
  CheckWaitDialog wait(parent,
                       {reg.database().file(), config, reg.operatorId(), terminal, checkId,
                        wxString::Format(_("Patient number %lld "), static_cast<long long>(patientNumber)) +
                            toWx(patient.name)});
  const int waited = wait.ShowModal();
  const CheckReport report = waited == wxID_OK ? *wait.report() : service.report(checkId);
  try {
    ReceptionDesk(reg.database(), reg.operatorId()).settleCheck(visit.id, report);
  } catch (const Error& e) {
    tell(parent, _("The reception's check state could not be recorded."), toWx(e.what()));
  }
  recorded();
  if (waited == wxID_ABORT) {
    tell(parent,
         _("Could not wait for the answer. The reception stays \"unverified\" and is re-verified when the "
           "linkage is back."),
         wait.error());
    return {true};
  }
  if (waited == wxID_CANCEL) {
    tell(parent,
         _("Stopped waiting for the answer. The reception is \"unverified\". A result arriving late appears "
           "under \"Arrived results\"."),
         wxString(), wxICON_INFORMATION);
    return {true};
  }
  if (!report.resultId) {
    tell(parent,
         _("No answer came from the linkage application. The reception stays \"unverified\" and is "
           "re-verified when the linkage is back. If it is urgent, check the insurance card or eligibility "
           "certificate."),
         toWx(report.requestDetail));
    return {true};
  }
  ResultDialog dialog(parent, service, reg, report);
  dialog.ShowModal();
  return {true, dialog.nextStep(), patientNumber};
}

DeskDecision decideArrivedResult(wxWindow* parent, PatientRegister& reg, std::int64_t resultId,
                                 const std::string& source) {
  // Deciding on a stored result reads and writes the register only; the folders are not needed.
  QualificationService service(reg.database(), linkage::ExchangeConfig{}, reg.operatorId(), "");
  CheckReport report;
  try {
    report = service.reportForResult(resultId);
  } catch (const Error& e) {
    tell(parent, _("The result could not be read."), toWx(e.what()));
    return {};
  }
  ResultDialog dialog(parent, service, reg, report);
  if (dialog.ShowModal() != wxID_OK) return {false, dialog.nextStep(), report.patientNumber};
  const ApplyOutcome& outcome = dialog.outcome();
  try {
    ReceptionDesk desk(reg.database(), reg.operatorId());
    if (source == "face" && outcome.patientNumber && outcome.state != "rejected") {
      desk.checkInFromCardResult(*outcome.patientNumber, resultId, report.outcome);
    } else if (source == "check") {
      desk.settleLateAnswer(report);
    }
  } catch (const Error& e) {
    tell(parent, _("The result was recorded, but the reception could not be."), toWx(e.what()));
  }
  return {true, dialog.nextStep(), outcome.patientNumber ? outcome.patientNumber : report.patientNumber};
}

}  // namespace rececon::gui
