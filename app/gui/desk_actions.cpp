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
  wxMessageBox(what + (detail.empty() ? wxString() : wxS("\n\n") + detail), wxS("資格確認"), wxOK | icon, parent);
}

}  // namespace

bool checkPatientAtDesk(wxWindow* parent, PatientRegister& reg, const std::string& dataDir, std::int64_t patientNumber,
                        const std::function<void()>& recorded) {
  linkage::ExchangeConfig config;
  std::string terminal;
  try {
    config = exchangeConfigFromSettings(reg.database(), dataDir);
    terminal = SiteSettings(reg.database()).get("terminal").value;
  } catch (const Error& e) {
    tell(parent, wxS("連携フォルダが設定されていないため、資格確認できません。ツール → 設定 で医療機関コードと req・res・face フォルダを設定してください。"),
         toWx(e.what()));
    return false;
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
    tell(parent, wxS("資格確認を始められませんでした。"), toWx(e.what()));
    return checkId != 0;
  }

  const Patient patient = reg.patient(patientNumber);
  CheckWaitDialog wait(parent, {reg.database().file(), config, reg.operatorId(), terminal, checkId,
                                wxString::Format(wxS("患者番号 %lld　"), static_cast<long long>(patientNumber)) + toWx(patient.name)});
  const int waited = wait.ShowModal();
  const CheckReport report = waited == wxID_OK ? *wait.report() : service.report(checkId);
  try {
    ReceptionDesk(reg.database(), reg.operatorId()).settleCheck(visit.id, report);
  } catch (const Error& e) {
    tell(parent, wxS("受付の確認状態を記録できませんでした。"), toWx(e.what()));
  }
  recorded();
  if (waited == wxID_ABORT) {
    tell(parent, wxS("応答を待てませんでした。受付は「未確認」として残し、連携が戻ったら再確認します。"), wait.error());
    return true;
  }
  if (waited == wxID_CANCEL) {
    tell(parent, wxS("応答を待つのをやめました。受付は「未確認」です。遅れて届いた結果は「届いた結果」に出ます。"), wxString(),
         wxICON_INFORMATION);
    return true;
  }
  if (!report.resultId) {
    tell(parent, wxS("連携アプリケーションから応答がありませんでした。受付は「未確認」として残し、連携が戻ったら再確認します。"
                     "急ぐときは保険証・資格確認書で確認してください。"),
         toWx(report.requestDetail));
    return true;
  }
  ResultDialog(parent, service, reg, report).ShowModal();
  return true;
}

bool decideArrivedResult(wxWindow* parent, PatientRegister& reg, std::int64_t resultId,
                         const std::string& source) {
  // Deciding on a stored result reads and writes the register only; the folders are not needed.
  QualificationService service(reg.database(), linkage::ExchangeConfig{}, reg.operatorId(), "");
  CheckReport report;
  try {
    report = service.reportForResult(resultId);
  } catch (const Error& e) {
    tell(parent, wxS("結果を読めませんでした。"), toWx(e.what()));
    return false;
  }
  ResultDialog dialog(parent, service, reg, report);
  if (dialog.ShowModal() != wxID_OK) return false;
  const ApplyOutcome& outcome = dialog.outcome();
  try {
    ReceptionDesk desk(reg.database(), reg.operatorId());
    if (source == "face" && outcome.patientNumber && outcome.state != "rejected") {
      desk.checkInFromCardResult(*outcome.patientNumber, resultId, report.outcome);
    } else if (source == "check") {
      desk.settleLateAnswer(report);
    }
  } catch (const Error& e) {
    tell(parent, wxS("結果は記録しましたが、受付を記録できませんでした。"), toWx(e.what()));
  }
  return true;
}

}  // namespace rececon::gui
