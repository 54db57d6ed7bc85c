#include "app/gui/arrived_results_panel.h"

#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "app/gui/outcome_style.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {
namespace {

enum Column { kTime, kSource, kOutcome, kName, kBirth, kPatient };

}  // namespace

ArrivedResultsPanel::ArrivedResultsPanel(wxWindow* parent, PatientRegister& reg, OpenFn open)
    : wxPanel(parent), reg_(reg), open_(std::move(open)), tracePaint_(std::getenv("RECECON_TRACE_PANEL") != nullptr) {
  heading_ = new wxStaticText(this, wxID_ANY, wxS(""));
  heading_->SetFont(heading_->GetFont().Bold());
  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
  list_->AppendColumn(_("Arrived"), wxLIST_FORMAT_LEFT, 52);
  list_->AppendColumn(_("Source"), wxLIST_FORMAT_LEFT, 60);
  list_->AppendColumn(_("Result"), wxLIST_FORMAT_LEFT, 130);
  list_->AppendColumn(_("Name (as returned)"), wxLIST_FORMAT_LEFT, 300);
  list_->AppendColumn(_("Date of birth"), wxLIST_FORMAT_LEFT, 130);
  list_->AppendColumn(_("Patient"), wxLIST_FORMAT_LEFT, 300);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(heading_, 0, wxLEFT | wxRIGHT | wxTOP, 8);
  sizer->Add(list_, 1, wxEXPAND | wxALL, 8);
  SetSizer(sizer);
  list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
    const long row = event.GetIndex();
    if (row < 0 || static_cast<std::size_t>(row) >= results_.size()) return;
    const ArrivedResult& r = results_[static_cast<std::size_t>(row)];
    open_(r.resultId);
  });
}

std::size_t ArrivedResultsPanel::refresh(bool onlyNew) {
  if (!onlyNew) read_.clear();
  std::map<std::int64_t, ArrivedResult> read;
  std::vector<ArrivedResult> results;
  for (const std::int64_t id : arrivedResultIds(reg_.database())) {
    const auto known = read_.find(id);
    const ArrivedResult r = known != read_.end() ? known->second : arrivedResult(reg_.database(), id);
    read.emplace(id, r);
    results.push_back(r);
  }
  read_ = std::move(read);
  std::string key;
  for (const auto& r : results) key += "|" + std::to_string(r.resultId) + std::to_string(r.patientNumber.value_or(0)) + r.matchWords;
  if (key == shownKey_ && !key.empty()) return results_.size();
  shownKey_ = key;
  results_ = std::move(results);
  list_->Freeze();
  list_->DeleteAllItems();
  for (std::size_t i = 0; i < results_.size(); ++i) {
    const ArrivedResult& r = results_[i];
    const long row = static_cast<long>(i);
    list_->InsertItem(row, toWx(r.receivedTime));
    list_->SetItem(row, kSource, r.source == ResultSource::Face ? _("Card") : _("Check"));
    list_->SetItem(row, kOutcome, toWx(outcomeWords(r.outcome)));
    list_->SetItem(row, kName, toWx(r.name) + (r.nameKana.empty() ? wxString() : wxS("（") + toWx(r.nameKana) + wxS("）")));
    list_->SetItem(row, kBirth, r.birthDate ? toWx(formatWareki(*r.birthDate)) : wxString(wxS("—")));
    wxString patient =
        r.patientNumber ? wxString::Format(_("Patient number %lld"), static_cast<long long>(*r.patientNumber))
                        : wxString(_("Not registered, not decided"));
    if (!r.matchWords.empty()) patient += wxS("（") + toWx(r.matchWords) + wxS("）");
    list_->SetItem(row, kPatient, patient);
    list_->SetItemTextColour(row, outcomeColour(r.outcome));
  }
  list_->Thaw();
  heading_->SetLabel(
      results_.empty()
          ? wxString(_("Arrived results (0 not handled)"))
          : wxString::Format(_("Arrived results (%zu not handled) - press Enter to open and check (F11)"),
                             results_.size()));
  heading_->SetForegroundColour(results_.empty() ? wxColour(90, 90, 90) : kActionColour);
  if (!results_.empty() && list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) < 0)
    list_->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  Layout();
  if (tracePaint_) {
    // Measurement (face_to_panel_bench): the rebuilt list is painted now, and the moment is printed.
    list_->Update();
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    std::printf("panel: %zu %lld\n", results_.size(),
                static_cast<long long>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()));
    std::fflush(stdout);
  }
  return results_.size();
}

bool ArrivedResultsPanel::openSelectedOrOldest() {
  if (results_.empty()) return false;
  long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= results_.size()) row = 0;
  const ArrivedResult r = results_[static_cast<std::size_t>(row)];
  open_(r.resultId);
  return true;
}

void ArrivedResultsPanel::focusList() { list_->SetFocus(); }

}  // namespace rececon::gui
