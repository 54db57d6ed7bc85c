#include "app/gui/card_face_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>


#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "app/gui/keyboard_form.h"
#include "app/gui/wrapped_label.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {

CardFaceDialog::CardFaceDialog(wxWindow* parent, FallbackReception& reception,
                               std::optional<std::int64_t> patientNumber)
    : wxDialog(parent, wxID_ANY, _("Recording the 4 items (My Number card)"), wxDefaultPosition,
               wxSize(640, 520), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      reception_(reception) {
  auto* intro = new wxStaticText(this, wxID_ANY,
                                 _("Type what the front of the card says. What you save is used for the "
                                   "confirmation by the online qualification call center (") +
                                     toWx(kCallCenterNumber) + _(")."));
  wrapLabel(intro, 600);
  name_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  name_->SetHint(_("e.g. Yamada Hanako"));
  kana_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  kana_->SetHint(_("If known (e.g. Yamada Hanako in kana)"));
  // Typed like on paper forms: 1 or 男, 2 or 女 (the same rule as everywhere in the register).
  sex_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  sex_->SetHint(_("1 (male) or 2 (female)"));
  birth_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  birth_->SetHint(_("e.g. S50.4.1 / Showa 50-4-1 / 1975-04-01"));
  address_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  insurer_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  insurer_->SetHint(_("If known (e.g. Japan Health Insurance Association)"));
  patient_ = new wxTextCtrl(this, wxID_ANY, patientNumber ? wxString::Format(wxS("%lld"), static_cast<long long>(*patientNumber)) : wxS(""),
                            wxDefaultPosition, wxDefaultSize, 0);
  patient_->SetHint(_("Patient number if registered (empty for a first visit)"));
  errors_ = new wxStaticText(this, wxID_ANY, wxS(""));
  errors_->SetForegroundColour(wxColour(176, 0, 32));

  auto* grid = new wxFlexGridSizer(2, 6, 10);
  grid->AddGrowableCol(1);
  const auto row = [&](const wxString& label, wxWindow* field) { addLabelledRow(this, grid, label, field); };
  row(_("&Name"), name_);
  row(_("Name in &kana"), kana_);
  row(_("&Sex"), sex_);
  row(_("Date of &birth"), birth_);
  row(_("&Address"), address_);
  row(_("&Insurer name"), insurer_);
  row(_("&Patient number"), patient_);

  auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
  FindWindow(wxID_OK)->SetLabel(_("Save (&O)"));
  FindWindow(wxID_CANCEL)->SetLabel(_("Cancel"));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(intro, 0, wxALL, 12);
  sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
  auto* echo = new wxStaticText(this, wxID_ANY, wxS(""));
  sizer->Add(echo, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
  echoSexAndBirth(sex_, birth_, echo);
  sizer->Add(errors_, 1, wxEXPAND | wxALL, 12);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
  SetSizer(sizer);

  moveOnEnter(this, {name_, kana_, sex_, birth_, address_, insurer_, patient_}, [this] { save(); });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); }, wxID_OK);
  name_->SetFocus();
}

void CardFaceDialog::save() {
  CardFaceFields fields;
  fields.name = typedText(name_);
  fields.nameKana = typedText(kana_);
  fields.sex = typedText(sex_);
  fields.birthDate = typedText(birth_);
  fields.address = typedText(address_);
  fields.insurerName = typedText(insurer_);
  try {
    std::optional<std::int64_t> patient;
    if (const auto typed = typedText(patient_)) {
      long long number = 0;
      if (!wxString(toWx(*typed)).ToLongLong(&number) || number <= 0)
        throw InvalidInput(fromWx(_("Type the patient number in digits (empty for a first visit).")));
      patient = number;
    }
    outcome_ = reception_.capture(fields, patient);
    EndModal(wxID_OK);
  } catch (const ValidationFailed& e) {
    errors_->SetLabel(validationText(_("Not saved. Correct these items:"), e));
  } catch (const Error& e) {
    errors_->SetLabel(_("Not saved: ") + toWx(e.what()));
  }
  Layout();
}

}  // namespace rececon::gui
