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

AppointmentDialog::AppointmentDialog(wxWindow* parent, AppointmentBook& book,
                                     std::optional<std::int64_t> patientNumber)
    : wxDialog(parent, wxID_ANY, _("Add appointment"), wxDefaultPosition, wxSize(560, 440),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      book_(book) {
  const auto field = [this](const wxString& value, const wxString& hint) {
    auto* f = new wxTextCtrl(this, wxID_ANY, value);
    f->SetHint(hint);
    return f;
  };
  patient_ = field(
      patientNumber ? wxString::Format(wxS("%lld"), static_cast<long long>(*patientNumber)) : wxString(),
      _("Patient number"));
  date_ = field(toWx(formatWarekiShort(nextBusinessDay(today()))), _("e.g. R8.11.24 / 2026-11-24"));
  time_ = field(wxS(""), _("e.g. 9:30 (may be empty)"));
  department_ = field(wxS(""), _("e.g. Internal medicine"));
  doctor_ = field(wxS(""), _("May be empty"));
  memo_ = field(wxS(""), _("May be empty"));
  errors_ = new wxStaticText(this, wxID_ANY, wxS(""));
  errors_->SetForegroundColour(wxColour(176, 0, 32));

  auto* grid = new wxFlexGridSizer(2, 6, 10);
  grid->AddGrowableCol(1);
  const auto row = [&](const wxString& label, wxWindow* field) { addLabelledRow(this, grid, label, field); };
  row(_("&Patient number"), patient_);
  row(_("Appointment &date"), date_);
  row(_("&Time"), time_);
  row(_("Dep&artment"), department_);
  row(_("Docto&r"), doctor_);
  row(_("&Memo"), memo_);
  auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
  FindWindow(wxID_OK)->SetLabel(_("Add (&O)"));
  FindWindow(wxID_CANCEL)->SetLabel(_("Cancel"));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(
      new wxStaticText(this, wxID_ANY,
                       _("Patients with an appointment are checked in the bulk pre-check the night before.")),
      0, wxALL, 12);
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
    errors_->SetLabel(validationText(_("Not added. Correct these items:"), e));
  } catch (const Error& e) {
    errors_->SetLabel(_("Not added: ") + toWx(e.what()));
  }
  Layout();
}

}  // namespace rececon::gui
