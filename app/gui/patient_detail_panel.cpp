#include "app/gui/patient_detail_panel.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/wrapsizer.h>
#include <wx/stattext.h>

#include "app/core/error.h"
#include "app/gui/outcome_style.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/qualification_service.h"
#include "app/jobs/reference_registrar.h"

namespace rececon::gui {
namespace {

wxString insuredText(const InsuredNumber& n) {
  wxString s = toWx(n.insurerNumber);
  if (!n.symbol.empty()) s += _("  Symbol ") + toWx(n.symbol);
  s += _("  Number ") + toWx(n.number);
  s += _("  Branch ") + (n.branch.empty() ? wxString(_("none")) : toWx(n.branch));
  return s;
}

wxString dateOrDash(const std::optional<Date>& d) { return d ? toWx(formatWarekiShort(*d)) : wxString(wxS("—")); }

}  // namespace

PatientDetailPanel::PatientDetailPanel(wxWindow* parent, PatientRegister& reg) : wxPanel(parent), reg_(reg) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  title_ = new wxStaticText(this, wxID_ANY, wxS(""));
  title_->SetFont(title_->GetFont().Scaled(1.6f).Bold());
  // The name and the buttons share a row; what does not fit wraps onto the next one rather than being
  // cut at the pane's edge.
  auto* head = new wxWrapSizer(wxHORIZONTAL);
  head->Add(title_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT | wxBOTTOM, 12);
  // Handled by the main window (the same action as its Ctrl+P menu item).
  check_ = new wxButton(this, wxID_EXECUTE, _("Check F5"));
  edit_ = new wxButton(this, wxID_EDIT, _("Edit Ctrl+E"));
  printKarte_ = new wxButton(this, wxID_PRINT, _("&Chart form No. 1... Ctrl+P"));
  for (auto* button : {check_, edit_, printKarte_}) {
    button->Disable();
    head->Add(button, 0, wxRIGHT | wxBOTTOM, 6);
  }
  sizer->Add(head, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 10);

  fieldsParent_ = this;
  fields_ = new wxFlexGridSizer(2, wxSize(16, 6));
  number_ = addField(_("Patient number"));
  kana_ = addField(_("Kana"));
  sexBirth_ = addField(_("Sex, date of birth"));
  address_ = addField(_("Address"));
  phone_ = addField(_("Telephone"));
  lastValid_ = addField(_("Last valid insured number"));
  reference_ = addField(_("Reference number registered"));
  limit_ = addField(_("Limit certificate"));
  sizer->Add(fields_, 0, wxLEFT | wxRIGHT, 12);

  sizer->Add(new wxStaticText(this, wxID_ANY, _("Insurance (newest first)")), 0, wxLEFT | wxTOP, 12);
  insurances_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
  insurances_->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, 50);
  insurances_->AppendColumn(_("Insurer number"), wxLIST_FORMAT_LEFT, 90);
  insurances_->AppendColumn(_("Symbol"), wxLIST_FORMAT_LEFT, 60);
  insurances_->AppendColumn(_("Number"), wxLIST_FORMAT_LEFT, 70);
  insurances_->AppendColumn(_("Branch"), wxLIST_FORMAT_CENTER, 44);
  insurances_->AppendColumn(_("Insured / family"), wxLIST_FORMAT_CENTER, 70);
  insurances_->AppendColumn(_("Valid period"), wxLIST_FORMAT_LEFT, 160);
  insurances_->AppendColumn(_("Copayment"), wxLIST_FORMAT_CENTER, 64);
  insurances_->AppendColumn(_("Elderly recipient"), wxLIST_FORMAT_LEFT, 170);
  insurances_->AppendColumn(_("Insurer name"), wxLIST_FORMAT_LEFT, 200);
  sizer->Add(insurances_, 1, wxEXPAND | wxALL, 10);
  SetSizer(sizer);
  showNothing();
}

wxStaticText* PatientDetailPanel::addField(const wxString& label) {
  auto* name = new wxStaticText(fieldsParent_, wxID_ANY, label);
  name->SetForegroundColour(wxColour(90, 90, 90));
  auto* value = new wxStaticText(fieldsParent_, wxID_ANY, wxS(""));
  fields_->Add(name, 0, wxALIGN_RIGHT);
  fields_->Add(value, 0);
  return value;
}

void PatientDetailPanel::showNothing() {
  viewed_ = 0;
  title_->SetLabel(_("Choose a patient"));
  for (auto* field : {number_, kana_, sexBirth_, address_, phone_, lastValid_, reference_, limit_}) field->SetLabel(wxS(""));
  insurances_->DeleteAllItems();
  for (auto* button : {check_, edit_, printKarte_}) button->Disable();
  Layout();
}

void PatientDetailPanel::showPatient(std::int64_t number) {
  // A patient newly put in front of the clerk is a view for the access log; the desk's refreshes of
  // the same patient are not.
  const Patient p = number == viewed_ ? reg_.patient(number) : reg_.openPatient(number, "受付画面");
  viewed_ = number;
  title_->SetLabel(toWx(p.name));
  for (auto* button : {check_, edit_, printKarte_}) button->Enable();
  number_->SetLabel(wxString::Format(wxS("%lld"), static_cast<long long>(p.number)));
  kana_->SetLabel(toWx(p.nameKana));
  sexBirth_->SetLabel(wxString::Format(_("%s  %s (age %d)"), toWx(sexLabel(p.sex)),
                                       toWx(formatWareki(p.birthDate)), ageOn(p.birthDate, today())));
  address_->SetLabel(toWx((p.postalCode.empty() ? std::string() : "〒" + p.postalCode + "　") + p.address));
  phone_->SetLabel(toWx(p.phone));
  lastValid_->SetLabel(p.lastValid ? insuredText(*p.lastValid) : wxString(_("none")));
  const ReferenceState reference = referenceStateOf(reg_.database(), number);
  switch (reference) {
    case ReferenceState::Registered: reference_->SetLabel(_("Registered (with the current insurance)")); break;
    case ReferenceState::Sending: reference_->SetLabel(_("Sent, waiting for the answer")); break;
    case ReferenceState::Failed: reference_->SetLabel(_("Registration failed - tried again automatically up to 3 times")); break;
    case ReferenceState::NotRegistered: reference_->SetLabel(_("Not registered, or not since the insurance changed")); break;
  }
  reference_->SetForegroundColour(reference == ReferenceState::Registered ? kFineColour : kLookColour);
  if (const auto c = limitCertificateOf(reg_.database(), number)) {
    limit_->SetLabel(wxString::Format(_("Class %s %s  valid %s to %s"), toWx(c->classification),
                                      toWx(c->classificationLabel), toWx(c->validStart), toWx(c->validEnd)));
  } else {
    limit_->SetLabel(_("none"));
  }

  insurances_->Freeze();
  insurances_->DeleteAllItems();
  long row = 0;
  for (const auto& r : reg_.insurances(number)) {
    insurances_->InsertItem(row, toWx(insuranceStateLabel(r.state)));
    insurances_->SetItem(row, 1, toWx(r.insured.insurerNumber));
    insurances_->SetItem(row, 2, toWx(r.insured.symbol));
    insurances_->SetItem(row, 3, toWx(r.insured.number));
    insurances_->SetItem(row, 4, toWx(r.insured.branch));
    insurances_->SetItem(row, 5, r.relationship ? toWx(relationshipLabel(*r.relationship)) : wxString(wxS("—")));
    insurances_->SetItem(row, 6, dateOrDash(r.validFrom) + wxS(" 〜 ") + dateOrDash(r.validTo));
    insurances_->SetItem(
        row, 7, r.copayPercent ? wxString::Format(_("%d0%%"), *r.copayPercent / 10) : wxString(wxS("—")));
    insurances_->SetItem(row, 8,
                         r.elderlyCopayPercent
                             ? wxString::Format(_("%d0%%  "), *r.elderlyCopayPercent / 10) +
                                   dateOrDash(r.elderlyValidFrom) + wxS("〜") + dateOrDash(r.elderlyValidTo)
                             : wxString(wxS("—")));
    insurances_->SetItem(row, 9, toWx(r.insurerName));
    if (r.state == InsuranceState::Invalid) insurances_->SetItemTextColour(row, *wxRED);
    if (r.state == InsuranceState::Superseded) insurances_->SetItemTextColour(row, wxColour(120, 120, 120));
    ++row;
  }
  insurances_->Thaw();
  Layout();
}

}  // namespace rececon::gui
