#include "app/gui/reception_list_panel.h"

#include <algorithm>

#include <wx/imaglist.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <map>

#include "app/gui/outcome_style.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {
namespace {

enum Column { kState, kTime, kNumber, kName, kKana, kInsurance, kDetail };

const ReceptionState kStates[] = {ReceptionState::Verified, ReceptionState::Checking, ReceptionState::Unverified,
                                  ReceptionState::NeedsAttention, ReceptionState::Reverified};

wxString insuranceSummary(const std::optional<InsuranceRecord>& r) {
  if (!r) return _("No insurance data");
  const InsuredNumber& n = r->insured;
  wxString s = toWx(n.insurerNumber);
  if (!n.symbol.empty()) s += wxS(" ") + toWx(n.symbol);
  s += wxS("・") + toWx(n.number);
  s += _(" branch ") + (n.branch.empty() ? wxString(_("none")) : toWx(n.branch));
  return s;
}

}  // namespace

ReceptionListPanel::ReceptionListPanel(wxWindow* parent, PatientRegister& reg, ChosenFn chosen)
    : wxPanel(parent), reg_(reg), chosen_(std::move(chosen)) {
  summary_ = new wxStaticText(this, wxID_ANY, wxS(""));
  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
  auto* icons = new wxImageList(16, 16);
  for (const ReceptionState state : kStates) icons->Add(wxArtProvider::GetBitmap(receptionIcon(state), artId(wxART_LIST), wxSize(16, 16)));
  list_->AssignImageList(icons, wxIMAGE_LIST_SMALL);
  list_->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, 84);
  list_->AppendColumn(_("Reception"), wxLIST_FORMAT_LEFT, 48);
  list_->AppendColumn(_("Patient number"), wxLIST_FORMAT_RIGHT, 66);
  list_->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, 100);
  list_->AppendColumn(_("Kana"), wxLIST_FORMAT_LEFT, 110);
  list_->AppendColumn(_("Insurance (branch)"), wxLIST_FORMAT_LEFT, 150);
  list_->AppendColumn(_("Check result"), wxLIST_FORMAT_LEFT, 260);
  // The check result takes whatever width the other columns leave: on a large screen it is read whole.
  list_->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    event.Skip();
    int others = 0;
    for (int c = 0; c < kDetail; ++c) others += list_->GetColumnWidth(c);
    list_->SetColumnWidth(kDetail, std::max(FromDIP(180), list_->GetClientSize().GetWidth() - others - 4));
  });
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(summary_, 0, wxALL, 8);
  sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
  SetSizer(sizer);
  const auto tell = [this](wxListEvent&) {
    if (!rebuilding_) chosen_(chosenPatient());
  };
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, tell);
  list_->Bind(wxEVT_LIST_ITEM_DESELECTED, tell);
  list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, tell);
}

std::optional<std::int64_t> ReceptionListPanel::chosenPatient() const {
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= rows_.size()) return std::nullopt;
  const auto& patient = rows_[static_cast<std::size_t>(row)].patient;
  if (!patient) return std::nullopt;
  return patient->number;
}

void ReceptionListPanel::refresh() {
  const std::optional<std::int64_t> chosenBefore = chosenPatient();
  const long selected = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  const std::int64_t selectedVisit = selected >= 0 && static_cast<std::size_t>(selected) < rows_.size()
                                         ? rows_[static_cast<std::size_t>(selected)].visit.id
                                         : 0;
  auto rows = receptionList(reg_.database(), today());
  std::string key = toIsoString(today());
  for (const auto& r : rows) {
    key += "|" + std::to_string(r.visit.id) + std::string(nameOf(r.visit.verification)) + r.visit.verificationDetail + r.name +
           std::to_string(r.insurance ? r.insurance->id : 0);
  }
  if (key == shownKey_) return;
  shownKey_ = key;
  rows_ = std::move(rows);
  std::map<ReceptionState, int> counts;
  rebuilding_ = true;
  list_->Freeze();
  list_->DeleteAllItems();
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const ReceptionRow& r = rows_[i];
    const long row = static_cast<long>(i);
    int icon = 0;
    for (std::size_t k = 0; k < std::size(kStates); ++k)
      if (kStates[k] == r.state) icon = static_cast<int>(k);
    list_->InsertItem(row, toWx(receptionStateLabel(r.state)), icon);
    list_->SetItem(row, kTime, toWx(r.arrivedTime));
    list_->SetItem(row, kNumber, r.patient ? wxString::Format(wxS("%lld"), static_cast<long long>(r.patient->number)) : wxString(wxS("—")));
    list_->SetItem(row, kName, toWx(r.name));
    list_->SetItem(row, kKana, toWx(r.nameKana));
    list_->SetItem(row, kInsurance, insuranceSummary(r.insurance));
    list_->SetItem(row, kDetail, toWx(r.visit.verificationDetail));
    list_->SetItemTextColour(row, receptionColour(r.state));
    if (r.visit.id == selectedVisit) list_->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    ++counts[r.state];
  }
  list_->Thaw();
  rebuilding_ = false;
  // The highlighted visit left the list (another day began): the desk must not act on it any more.
  if (chosenPatient() != chosenBefore) chosen_(chosenPatient());
  wxString summary = toWx(formatWareki(today())) + wxString::Format(_("  Received: %zu"), rows_.size());
  for (const ReceptionState state : kStates) {
    if (counts[state] > 0) summary += wxString::Format(wxS("　%s %d"), toWx(receptionStateLabel(state)), counts[state]);
  }
  summary_->SetLabel(summary);
  if (selected < 0 && !rows_.empty()) list_->SetItemState(0, wxLIST_STATE_FOCUSED, wxLIST_STATE_FOCUSED);
}

void ReceptionListPanel::focusList() {
  list_->SetFocus();
  if (list_->GetItemCount() > 0 && list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) < 0)
    list_->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
}

}  // namespace rececon::gui
