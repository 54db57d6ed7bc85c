#include "app/gui/patient_editor_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "app/core/field_errors.h"
#include "app/gui/approval_dialog.h"
#include "app/gui/keyboard_form.h"
#include "app/gui/outcome_style.h"
#include "app/gui/error_text.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {

PatientEditorDialog::PatientEditorDialog(wxWindow* parent, PatientRegister& reg,
                                         std::optional<std::int64_t> number)
    : wxDialog(parent, wxID_ANY, number ? _("Edit patient") : _("Register a new patient"), wxDefaultPosition,
               wxSize(980, 720), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      reg_(reg),
      number_(number) {
  std::optional<Patient> held;
  if (number) held = reg_.patient(*number);
  if (held) seenVersion_ = held->version.number;  // a save on this view is refused once another terminal changed it
  const auto value = [&](const std::string& text) { return held ? toWx(text) : wxString(); };

  auto* columns = new wxBoxSizer(wxHORIZONTAL);
  auto* personBox = new wxStaticBoxSizer(
      wxVERTICAL, this,
      number ? wxString::Format(_("Patient (patient number %lld)"), static_cast<long long>(*number))
             : wxString(_("Patient")));
  auto* person = new wxFlexGridSizer(2, 6, 8);
  person->AddGrowableCol(1);
  wxWindow* pp = personBox->GetStaticBox();
  name_ = addField(pp, person, "name", _("&Name"), _("e.g. Yamada Hanako"), value(held ? held->name : ""));
  kana_ = addField(pp, person, "name_kana", _("Kana (&K)"), _("Hiragana, katakana or half-width kana"),
                   value(held ? held->nameKana : ""));
  sex_ = addField(pp, person, "sex", _("&Sex"), _("1 (male) or 2 (female)"),
                  held ? toWx(sexLabel(held->sex)) : wxString());
  birth_ =
      addField(pp, person, "birth_date", _("Date of &birth"), _("e.g. S50.4.1 / Showa 50-4-1 / 1975-04-01"),
               held ? toWx(formatWarekiShort(held->birthDate)) : wxString());
  postal_ = addField(pp, person, "postal_code", _("Postal code"), _("e.g. 100-8916"),
                     value(held ? held->postalCode : ""));
  address_ = addField(pp, person, "address", _("Address"), wxS(""), value(held ? held->address : ""));
  phone_ = addField(pp, person, "phone", _("Telephone"), wxS(""), value(held ? held->phone : ""));
  notes_ = addField(pp, person, "notes", _("Memo"), wxS(""), value(held ? held->notes : ""));
  personBox->Add(person, 0, wxEXPAND | wxALL, 8);
  auto* echo = new wxStaticText(pp, wxID_ANY, wxS(""));  // right under the items it reads back
  personBox->Add(echo, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
  personBox->AddStretchSpacer();
  echoSexAndBirth(sex_, birth_, echo);

  auto* cardBox = new wxStaticBoxSizer(wxVERTICAL, this,
                                       number ? _("New insurance card (only when it changed)")
                                              : _("Insurance card / eligibility certificate"));
  auto* card = new wxFlexGridSizer(2, 6, 8);
  card->AddGrowableCol(1);
  wxWindow* cp = cardBox->GetStaticBox();
  insurer_ = addField(cp, card, "insurer_number", _("Insurer number (&I)"), _("6 or 8 digits"));
  symbol_ = addField(cp, card, "symbol", _("Symbol"), _("May be empty"));
  insured_ = addField(cp, card, "number", _("Number"), wxS(""));
  branch_ = addField(cp, card, "branch", _("Branch"), _("2 digits (e.g. 01); empty if the card has none"));
  relationship_ = addField(cp, card, "relationship", _("Insured or family"), _("1 (insured) or 2 (family)"));
  insuredName_ = addField(cp, card, "insured_name", _("Insured person's name"), _("For a family member"));
  qualified_ = addField(cp, card, "qualification_date", _("Qualification date"), _("e.g. R2.4.1"));
  validFrom_ = addField(cp, card, "valid_from", _("Valid from"), _("May be empty"));
  validTo_ = addField(cp, card, "valid_to", _("Valid to"), _("May be empty"));
  copay_ = addField(cp, card, "copay_percent", _("Copayment"), _("e.g. 30 (percent)"));
  elderlyCopay_ = addField(cp, card, "elderly_copay_percent", _("Elderly recipient copayment"),
                           _("With an elderly recipient certificate"));
  elderlyFrom_ = addField(cp, card, "elderly_valid_from", _("Elderly recipient valid from"), wxS(""));
  elderlyTo_ = addField(cp, card, "elderly_valid_to", _("Elderly recipient valid to"), wxS(""));
  insurerName_ = addField(cp, card, "insurer_name", _("Insurer name"), wxS(""));
  cardBox->Add(card, 1, wxEXPAND | wxALL, 8);

  columns->Add(personBox, 1, wxEXPAND | wxRIGHT, 8);
  columns->Add(cardBox, 1, wxEXPAND);

  errors_ = new wxStaticText(this, wxID_ANY, wxS(""));
  errors_->SetForegroundColour(kActionColour);
  auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
  FindWindow(wxID_OK)->SetLabel(number ? _("Save (&O)") : _("Add (&O)"));
  FindWindow(wxID_CANCEL)->SetLabel(_("Cancel"));

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(
                 this, wxID_ANY,
                 _("Enter moves to the next item. Enter on the last item (Ctrl+Enter anywhere) saves.")),
             0, wxALL, 10);
  sizer->Add(columns, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
  sizer->Add(errors_, 0, wxEXPAND | wxALL, 10);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 10);
  SetSizer(sizer);

  moveOnEnter(this, order_, [this] { save(); });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); }, wxID_OK);
  name_->SetFocus();
}

wxTextCtrl* PatientEditorDialog::addField(wxWindow* parent, wxSizer* grid, const std::string& key, const wxString& label,
                                          const wxString& hint, const wxString& value) {
  auto* field = new wxTextCtrl(parent, wxID_ANY, value);
  field->SetHint(hint);
  addLabelledRow(parent, grid, label, field);
  order_.push_back(field);
  byField_[key] = field;
  return field;
}

PatientFields PatientEditorDialog::patientFields() const {
  PatientFields f;
  f.name = typedText(name_);
  f.nameKana = typedText(kana_);
  f.sex = typedText(sex_);
  f.birthDate = typedText(birth_);
  // Optional items are always given, so that clearing one in the editor clears it in the register.
  f.postalCode = fromWx(postal_->GetValue());
  f.address = fromWx(address_->GetValue());
  f.phone = fromWx(phone_->GetValue());
  f.notes = fromWx(notes_->GetValue());
  f.seenVersion = seenVersion_;
  return f;
}

std::optional<InsuranceFields> PatientEditorDialog::insuranceFields() const {
  InsuranceFields f;
  f.insurerNumber = typedText(insurer_);
  f.symbol = typedText(symbol_);
  f.number = typedText(insured_);
  f.branch = typedText(branch_);
  f.relationship = typedText(relationship_);
  f.insuredName = typedText(insuredName_);
  f.qualificationDate = typedText(qualified_);
  f.validFrom = typedText(validFrom_);
  f.validTo = typedText(validTo_);
  f.copayPercent = typedText(copay_);
  f.elderlyCopayPercent = typedText(elderlyCopay_);
  f.elderlyValidFrom = typedText(elderlyFrom_);
  f.elderlyValidTo = typedText(elderlyTo_);
  f.insurerName = typedText(insurerName_);
  if (f.empty()) return std::nullopt;
  return f;
}

void PatientEditorDialog::save() {
  try {
    saveOnce();
  } catch (const InvalidInput& refused) {  // a clerk's change of the patient's identity (saveOnce says the rest)
    const auto approval = askSupervisorApproval(this, reg_);
    if (!approval) {
      errors_->SetLabel(_("Not saved: ") + errorForPerson(refused));
      Layout();
      return;
    }
    // For this save only, whatever becomes of it.
    struct ApprovalForThisSave {
      PatientRegister& reg;
      ~ApprovalForThisSave() { reg.setApproval(std::nullopt); }
    } scope{reg_};
    reg_.setApproval(approval);
    try {
      saveOnce();
    } catch (const InvalidInput& e) {
      errors_->SetLabel(_("Not saved: ") + errorForPerson(e));
      Layout();
    }
  }
}

void PatientEditorDialog::saveOnce() {
  try {
    const auto card = insuranceFields();
    if (number_) {
      saved_ = reg_.updatePatientWithInsurance(
          *number_, patientFields(), card,
          card ? "受付で患者情報と新しい保険証を登録" : "受付で患者情報を変更");
    } else {
      saved_ = reg_.addPatientWithInsurance(patientFields(), card, "受付で新規登録");
    }
    EndModal(wxID_OK);
  } catch (const ValidationFailed& e) {
    errors_->SetLabel(validationText(_("Not saved. Correct these items:"), e));
    const auto wrong = byField_.find(e.errors().front().field);
    if (wrong != byField_.end()) {
      wrong->second->SetFocus();
      wrong->second->SelectAll();
    }
  } catch (const InvalidInput& e) {
    if (number_ && needsSupervisor(e)) throw;  // save() asks for a supervisor's approval
    errors_->SetLabel(_("Not saved: ") + errorForPerson(e));
  } catch (const Error& e) {
    errors_->SetLabel(_("Not saved: ") + errorForPerson(e));
  }
  Layout();
}

}  // namespace rececon::gui
