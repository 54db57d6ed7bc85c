#include "app/gui/card_face_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>


#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "app/gui/keyboard_form.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {
namespace {

std::optional<std::string> given(const wxTextCtrl* field) {
  const std::string text = fromWx(field->GetValue());
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace

CardFaceDialog::CardFaceDialog(wxWindow* parent, FallbackReception& reception, std::optional<std::int64_t> patientNumber)
    : wxDialog(parent, wxID_ANY, wxS("4項目の記録（マイナンバーカード）"), wxDefaultPosition, wxSize(640, 520),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      reception_(reception) {
  auto* intro = new wxStaticText(this, wxID_ANY,
                                 wxS("カードの表面の記載どおりに入力してください。保存した内容は、オンライン資格確認等コールセンター（") +
                                     toWx(kCallCenterNumber) + wxS("）への確認に使います。"));
  intro->Wrap(600);
  name_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  name_->SetHint(wxS("例: 山田　花子"));
  kana_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  kana_->SetHint(wxS("分かれば（例: ヤマダ ハナコ）"));
  // Typed like on paper forms: 1 or 男, 2 or 女 (the same rule as everywhere in the register).
  sex_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  sex_->SetHint(wxS("1（男）または 2（女）"));
  birth_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  birth_->SetHint(wxS("例: S50.4.1 / 昭和50年4月1日 / 1975-04-01"));
  address_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  insurer_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, 0);
  insurer_->SetHint(wxS("分かれば（例: 全国健康保険協会）"));
  patient_ = new wxTextCtrl(this, wxID_ANY, patientNumber ? wxString::Format(wxS("%lld"), static_cast<long long>(*patientNumber)) : wxS(""),
                            wxDefaultPosition, wxDefaultSize, 0);
  patient_->SetHint(wxS("登録済みの方なら患者番号（初めての方は空欄）"));
  errors_ = new wxStaticText(this, wxID_ANY, wxS(""));
  errors_->SetForegroundColour(wxColour(176, 0, 32));

  auto* grid = new wxFlexGridSizer(2, 6, 10);
  grid->AddGrowableCol(1);
  const auto row = [&](const wxString& label, wxWindow* field) {
    grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(field, 1, wxEXPAND);
  };
  row(wxS("氏名(&N)"), name_);
  row(wxS("氏名カナ(&K)"), kana_);
  row(wxS("性別(&S)"), sex_);
  row(wxS("生年月日(&B)"), birth_);
  row(wxS("住所(&A)"), address_);
  row(wxS("保険者名(&I)"), insurer_);
  row(wxS("患者番号(&P)"), patient_);

  auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
  FindWindow(wxID_OK)->SetLabel(wxS("保存(&O)"));
  FindWindow(wxID_CANCEL)->SetLabel(wxS("取消"));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(intro, 0, wxALL, 12);
  sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
  sizer->Add(errors_, 1, wxEXPAND | wxALL, 12);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
  SetSizer(sizer);

  moveOnEnter(this, {name_, kana_, sex_, birth_, address_, insurer_, patient_}, [this] { save(); });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); }, wxID_OK);
  name_->SetFocus();
}

void CardFaceDialog::save() {
  CardFaceFields fields;
  fields.name = given(name_);
  fields.nameKana = given(kana_);
  fields.sex = given(sex_);
  fields.birthDate = given(birth_);
  fields.address = given(address_);
  fields.insurerName = given(insurer_);
  try {
    std::optional<std::int64_t> patient;
    if (const auto typed = given(patient_)) {
      long long number = 0;
      if (!wxString(toWx(*typed)).ToLongLong(&number) || number <= 0)
        throw InvalidInput("患者番号は数字で入力してください（初めての方は空欄）。");
      patient = number;
    }
    outcome_ = reception_.capture(fields, patient);
    EndModal(wxID_OK);
  } catch (const ValidationFailed& e) {
    errors_->SetLabel(validationText(wxS("保存していません。次の項目を直してください:"), e));
  } catch (const Error& e) {
    errors_->SetLabel(wxS("保存していません: ") + toWx(e.what()));
  }
  Layout();
}

}  // namespace rececon::gui
