#include "app/gui/desk_actions.h"

#include <wx/msgdlg.h>

#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "app/gui/check_wait_dialog.h"
#include "app/gui/result_dialog.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/desk_check.h"

namespace rececon::gui {
namespace {

void tell(wxWindow* parent, const wxString& what, const wxString& detail, long icon = wxICON_WARNING) {
  wxMessageBox(what + (detail.empty() ? wxString() : wxS("\n\n") + detail), _("Qualification check"),
               wxOK | icon, parent);
}

// Something was recorded (the lists need refreshing); no next step.
DeskDecision recordedOnly() {
  DeskDecision d;
  d.recorded = true;
  return d;
}

}  // namespace

DeskDecision checkPatientAtDesk(wxWindow* parent, PatientRegister& reg, const std::string& dataDir,
                                std::int64_t patientNumber, const wxString& linkageDown,
                                const std::function<void()>& recorded) {
  StartedDeskCheck started;
  try {
    started = startDeskCheck(reg.database(), dataDir, reg.operatorId(), patientNumber);
  } catch (const ValidationFailed& e) {
    tell(parent,
         _("The linkage folders are not set, so no qualification check can be made. Set the institution code "
           "and the req, res and face folders in File -> Settings."),
         toWx(e.what()));
    return {};
  } catch (const Error& e) {
    tell(parent, _("The qualification check could not be started."), toWx(e.what()));
    return {};
  }

  const Patient patient = reg.patient(patientNumber);
  CheckWaitDialog wait(parent,
                       {started.database, started.exchange, reg.operatorId(), started.terminal, started.checkId,
                        wxString::Format(_("Patient number %lld "), static_cast<long long>(patientNumber)) +
                            toWx(patient.name),
                        linkageDown});
  const int waited = wait.ShowModal();
  CheckReport report;
  try {
    report = settleDeskCheck(reg.database(), reg.operatorId(), started,
                             waited == wxID_OK ? wait.report() : std::optional<CheckReport>());
  } catch (const Error& e) {
    tell(parent, _("The reception's check state could not be recorded."), toWx(e.what()));
    if (wait.report()) report = *wait.report();
  }
  recorded();
  if (waited == wxID_ABORT) {
    tell(parent,
         _("Could not wait for the answer. The reception stays \"unverified\" and is re-verified when the "
           "linkage is back."),
         wait.error());
    return recordedOnly();
  }
  if (waited == wxID_CANCEL) {
    tell(parent,
         _("Stopped waiting for the answer. The reception is \"unverified\". A result arriving late appears "
           "under \"Arrived results\"."),
         wxString(), wxICON_INFORMATION);
    return recordedOnly();
  }
  if (!report.resultId) {
    tell(parent,
         _("No answer came from the linkage application. The reception stays \"unverified\" and is "
           "re-verified when the linkage is back. If it is urgent, check the insurance card or eligibility "
           "certificate."),
         toWx(report.requestDetail));
    return recordedOnly();
  }
  QualificationService service(reg.database(), started.exchange, reg.operatorId(), started.terminal);
  ResultDialog dialog(parent, service, reg, report);
  dialog.ShowModal();
  return {true, dialog.nextStep(), patientNumber};
}

DeskDecision decideArrivedResult(wxWindow* parent, PatientRegister& reg, const std::string& dataDir, std::int64_t resultId) {
  // Reading a stored result needs the register only; the exchange carries the 照会番号 registration after.
  QualificationService service(reg.database(), deskExchangeIfSet(reg.database(), dataDir), reg.operatorId(), "");
  CheckReport report;
  try {
    report = service.reportForResult(resultId);
  } catch (const Error& e) {
    tell(parent, _("The result could not be read."), toWx(e.what()));
    return {};
  }
  ResultDialog dialog(parent, service, reg, report);
  const bool decided = dialog.ShowModal() == wxID_OK;
  const auto patient = decided && dialog.outcome().patientNumber ? dialog.outcome().patientNumber : report.patientNumber;
  return {decided, dialog.nextStep(), patient};
}

}  // namespace rececon::gui
