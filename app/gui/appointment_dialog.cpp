#include "app/gui/appointment_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>


#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "app/gui/keyboard_form.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/bulk_settings.h"

namespace rececon::gui {

AppointmentDialog::AppointmentDialog(wxWindow* parent, AppointmentBook& book, std::optional<std::int64_t> patientNumber)
    : wxDialog(parent, wxID_ANY, wxS("予約の登録"), wxDefaultPosition, wxSize(560, 440), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      book_(book) {
  const auto field = [this](const wxString& value, const wxString& hint) {
    auto* f = new wxTextCtrl(this, wxID_ANY, value);
    f->SetHint(hint);
    return f;
  };
  patient_ = field(patientNumber ? wxString::Format(wxS("%lld"), static_cast<long long>(*patientNumber)) : wxString(),
                   wxS("患者番号"));
  date_ = field(toWx(formatWarekiShort(nextBusinessDay(today()))), wxS("例: R8.11.24 / 2026-11-24"));
  time_ = field(wxS(""), wxS("例: 9:30（空欄可）"));
  department_ = field(wxS(""), wxS("例: 内科"));
  doctor_ = field(wxS(""), wxS("空欄可"));
  memo_ = field(wxS(""), wxS("空欄可"));
  errors_ = new wxStaticText(this, wxID_ANY, wxS(""));
  errors_->SetForegroundColour(wxColour(176, 0, 32));

  auto* grid = new wxFlexGridSizer(2, 6, 10);
  grid->AddGrowableCol(1);
  const auto row = [&](const wxString& label, wxWindow* f) {
    grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(f, 1, wxEXPAND);
  };
  row(wxS("患者番号(&P)"), patient_);
  row(wxS("予約日(&D)"), date_);
  row(wxS("時刻(&T)"), time_);
  row(wxS("診療科(&K)"), department_);
  row(wxS("医師(&R)"), doctor_);
  row(wxS("メモ(&M)"), memo_);
  auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
  FindWindow(wxID_OK)->SetLabel(wxS("登録(&O)"));
  FindWindow(wxID_CANCEL)->SetLabel(wxS("取消"));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(this, wxID_ANY, wxS("予約した患者は、前日の夜の一括照会で資格を確認します。")), 0, wxALL, 12);
  sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
  sizer->Add(errors_, 1, wxEXPAND | wxALL, 12);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
  SetSizer(sizer);

  moveOnEnter(this, {patient_, date_, time_, department_, doctor_, memo_}, [this] { save(); });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); }, wxID_OK);
  (patientNumber ? time_ : patient_)->SetFocus();
}

void AppointmentDialog::save() {
  try {
    stored_ = book_.add({fromWx(date_->GetValue()), fromWx(time_->GetValue()), fromWx(patient_->GetValue()),
                         fromWx(department_->GetValue()), fromWx(doctor_->GetValue()), fromWx(memo_->GetValue())});
    EndModal(wxID_OK);
  } catch (const ValidationFailed& e) {
    errors_->SetLabel(validationText(wxS("登録していません。次の項目を直してください:"), e));
  } catch (const Error& e) {
    errors_->SetLabel(wxS("登録していません: ") + toWx(e.what()));
  }
  Layout();
}

}  // namespace rececon::gui
