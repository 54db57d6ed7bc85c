#include "app/gui/patient_editor_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "app/gui/keyboard_form.h"
#include "app/gui/outcome_style.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {
namespace {

std::optional<std::string> typed(const wxTextCtrl* field) {
  const std::string text = fromWx(field->GetValue());
  if (text.find_first_not_of(" \t　") == std::string::npos) return std::nullopt;
  return text;
}

}  // namespace

PatientEditorDialog::PatientEditorDialog(wxWindow* parent, PatientRegister& reg, std::optional<std::int64_t> number)
    : wxDialog(parent, wxID_ANY, number ? wxS("患者情報の編集") : wxS("新しい患者の登録"), wxDefaultPosition,
               wxSize(980, 720), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      reg_(reg), number_(number) {
  std::optional<Patient> held;
  if (number) held = reg_.patient(*number);
  const auto value = [&](const std::string& text) { return held ? toWx(text) : wxString(); };

  auto* columns = new wxBoxSizer(wxHORIZONTAL);
  auto* personBox = new wxStaticBoxSizer(wxVERTICAL, this, number ? wxString::Format(wxS("患者（患者番号 %lld）"), static_cast<long long>(*number))
                                                                    : wxString(wxS("患者")));
  auto* person = new wxFlexGridSizer(2, 6, 8);
  person->AddGrowableCol(1);
  wxWindow* pp = personBox->GetStaticBox();
  name_ = addField(pp, person, "name", wxS("氏名(&N)"), wxS("例: 山田　花子"), value(held ? held->name : ""));
  kana_ = addField(pp, person, "name_kana", wxS("カナ(&K)"), wxS("ひらがな・カタカナ・半角カナ"), value(held ? held->nameKana : ""));
  sex_ = addField(pp, person, "sex", wxS("性別(&S)"), wxS("1（男）または 2（女）"), held ? toWx(sexLabel(held->sex)) : wxString());
  birth_ = addField(pp, person, "birth_date", wxS("生年月日(&B)"), wxS("例: S50.4.1 / 昭和50年4月1日 / 1975-04-01"),
                    held ? toWx(formatWarekiShort(held->birthDate)) : wxString());
  postal_ = addField(pp, person, "postal_code", wxS("郵便番号"), wxS("例: 100-8916"), value(held ? held->postalCode : ""));
  address_ = addField(pp, person, "address", wxS("住所"), wxS(""), value(held ? held->address : ""));
  phone_ = addField(pp, person, "phone", wxS("電話番号"), wxS(""), value(held ? held->phone : ""));
  notes_ = addField(pp, person, "notes", wxS("メモ"), wxS(""), value(held ? held->notes : ""));
  personBox->Add(person, 1, wxEXPAND | wxALL, 8);

  auto* cardBox = new wxStaticBoxSizer(wxVERTICAL, this, number ? wxS("新しい保険証（変わったときだけ入力）") : wxS("保険証・資格確認書"));
  auto* card = new wxFlexGridSizer(2, 6, 8);
  card->AddGrowableCol(1);
  wxWindow* cp = cardBox->GetStaticBox();
  insurer_ = addField(cp, card, "insurer_number", wxS("保険者番号(&I)"), wxS("6桁または8桁"));
  symbol_ = addField(cp, card, "symbol", wxS("記号"), wxS("空欄可"));
  insured_ = addField(cp, card, "number", wxS("番号"), wxS(""));
  branch_ = addField(cp, card, "branch", wxS("枝番"), wxS("2桁（例: 01）。カードになければ空欄"));
  relationship_ = addField(cp, card, "relationship", wxS("本人・家族"), wxS("1（本人）または 2（家族）"));
  insuredName_ = addField(cp, card, "insured_name", wxS("被保険者氏名"), wxS("家族のとき"));
  qualified_ = addField(cp, card, "qualification_date", wxS("資格取得日"), wxS("例: R2.4.1"));
  validFrom_ = addField(cp, card, "valid_from", wxS("有効開始日"), wxS("空欄可"));
  validTo_ = addField(cp, card, "valid_to", wxS("有効終了日"), wxS("空欄可"));
  copay_ = addField(cp, card, "copay_percent", wxS("負担割合"), wxS("例: 3割 / 30"));
  elderlyCopay_ = addField(cp, card, "elderly_copay_percent", wxS("高齢受給者 負担割合"), wxS("高齢受給者証のとき"));
  elderlyFrom_ = addField(cp, card, "elderly_valid_from", wxS("高齢受給者 有効開始"), wxS(""));
  elderlyTo_ = addField(cp, card, "elderly_valid_to", wxS("高齢受給者 有効終了"), wxS(""));
  insurerName_ = addField(cp, card, "insurer_name", wxS("保険者名称"), wxS(""));
  cardBox->Add(card, 1, wxEXPAND | wxALL, 8);

  columns->Add(personBox, 1, wxEXPAND | wxRIGHT, 8);
  columns->Add(cardBox, 1, wxEXPAND);

  errors_ = new wxStaticText(this, wxID_ANY, wxS(""));
  errors_->SetForegroundColour(kActionColour);
  auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
  FindWindow(wxID_OK)->SetLabel(number ? wxS("保存(&O)") : wxS("登録(&O)"));
  FindWindow(wxID_CANCEL)->SetLabel(wxS("取消"));

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(this, wxID_ANY, wxS("Enter で次の項目へ。最後の項目の Enter（どこでも Ctrl+Enter）で保存します。")), 0, wxALL, 10);
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
  grid->Add(new wxStaticText(parent, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
  grid->Add(field, 1, wxEXPAND);
  order_.push_back(field);
  byField_[key] = field;
  return field;
}

PatientFields PatientEditorDialog::patientFields() const {
  PatientFields f;
  f.name = typed(name_);
  f.nameKana = typed(kana_);
  f.sex = typed(sex_);
  f.birthDate = typed(birth_);
  // Optional items are always given, so that clearing one in the editor clears it in the register.
  f.postalCode = fromWx(postal_->GetValue());
  f.address = fromWx(address_->GetValue());
  f.phone = fromWx(phone_->GetValue());
  f.notes = fromWx(notes_->GetValue());
  return f;
}

std::optional<InsuranceFields> PatientEditorDialog::insuranceFields() const {
  InsuranceFields f;
  f.insurerNumber = typed(insurer_);
  f.symbol = typed(symbol_);
  f.number = typed(insured_);
  f.branch = typed(branch_);
  f.relationship = typed(relationship_);
  f.insuredName = typed(insuredName_);
  f.qualificationDate = typed(qualified_);
  f.validFrom = typed(validFrom_);
  f.validTo = typed(validTo_);
  f.copayPercent = typed(copay_);
  f.elderlyCopayPercent = typed(elderlyCopay_);
  f.elderlyValidFrom = typed(elderlyFrom_);
  f.elderlyValidTo = typed(elderlyTo_);
  f.insurerName = typed(insurerName_);
  if (f.empty()) return std::nullopt;
  return f;
}

void PatientEditorDialog::save() {
  try {
    const auto card = insuranceFields();
    if (number_) {
      if (card) makeInsurance(*card);  // a wrong card stops the whole save, before anything is written
      saved_ = reg_.updatePatient(*number_, patientFields(), "受付で患者情報を変更");
      if (card) reg_.addInsurance(*number_, *card, "受付で新しい保険証を登録");
    } else {
      saved_ = reg_.addPatientWithInsurance(patientFields(), card, "受付で新規登録");
    }
    EndModal(wxID_OK);
  } catch (const ValidationFailed& e) {
    errors_->SetLabel(validationText(wxS("保存していません。次の項目を直してください:"), e));
    const auto wrong = byField_.find(e.errors().front().field);
    if (wrong != byField_.end()) {
      wrong->second->SetFocus();
      wrong->second->SelectAll();
    }
  } catch (const Error& e) {
    errors_->SetLabel(wxS("保存していません: ") + toWx(e.what()));
  }
  Layout();
}

}  // namespace rececon::gui
