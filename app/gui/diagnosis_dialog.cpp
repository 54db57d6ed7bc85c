#include "app/core/front_end_words.h"
#include "app/gui/diagnosis_dialog.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <chrono>

#include "app/core/error.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {
namespace {

enum Column { kLevel, kLabel, kDetail, kNextStep };

wxColour backgroundOf(CheckLevel level) {
  switch (level) {
    case CheckLevel::Ok: return wxColour(255, 255, 255);
    case CheckLevel::Warning: return wxColour(255, 243, 205);
    case CheckLevel::Failure: return wxColour(248, 215, 218);
  }
  return wxColour(255, 255, 255);
}

}  // namespace

DiagnosisDialog::DiagnosisDialog(wxWindow* parent, PatientRegister& reg, std::filesystem::path dataDir)
    : wxDialog(parent, wxID_ANY, _("Linkage diagnosis"), wxDefaultPosition, wxSize(1100, 520),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      reg_(reg),
      dataDir_(std::move(dataDir)) {
  summary_ = new wxStaticText(this, wxID_ANY, wxS(""));
  items_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
  items_->AppendColumn(_("State"), wxLIST_FORMAT_CENTER, 56);
  items_->AppendColumn(_("Item"), wxLIST_FORMAT_LEFT, 230);
  items_->AppendColumn(_("What was checked"), wxLIST_FORMAT_LEFT, 380);
  items_->AppendColumn(_("What to do next"), wxLIST_FORMAT_LEFT, 420);
  full_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxSize(-1, 90), wxTE_MULTILINE | wxTE_READONLY);
  auto* again = new wxButton(this, wxID_REFRESH, _("Check again (&R)"));
  auto* close = new wxButton(this, wxID_CLOSE, _("Close"));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(again, 0, wxRIGHT, 8);
  buttons->AddStretchSpacer();
  buttons->Add(close);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(summary_, 0, wxALL, 10);
  sizer->Add(items_, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
  sizer->Add(full_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 10);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 10);
  SetSizer(sizer);
  SetEscapeId(wxID_CLOSE);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { runCheck(); }, wxID_REFRESH);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
  items_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) { showItem(e.GetIndex()); });
  runCheck();
  close->SetFocus();
}

void DiagnosisDialog::runCheck() {
  items_->DeleteAllItems();
  full_->Clear();
  try {
    report_ = checkEnvironment(reg_.database(), dataDir_, std::chrono::system_clock::now());
  } catch (const Error& e) {
    report_ = {};
    summary_->SetLabel(_("Could not diagnose: ") + toWx(e.what()));
    return;
  }
  long firstNeedingAttention = -1;
  for (const auto& item : report_.items) {
    const long row = items_->InsertItem(items_->GetItemCount(), toWx(checkLevelLabel(item.level)));
    items_->SetItem(row, kLabel, toWx(item.label));
    items_->SetItem(row, kDetail, toWx(inFrontEndWords(item.detail, FrontEnd::Window)));
    items_->SetItem(row, kNextStep, toWx(inFrontEndWords(item.nextStep, FrontEnd::Window)));
    items_->SetItemBackgroundColour(row, backgroundOf(item.level));
    if (item.level != CheckLevel::Ok && firstNeedingAttention < 0) firstNeedingAttention = row;
  }
  if (firstNeedingAttention >= 0) items_->SetItemState(firstNeedingAttention, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  const CheckLevel worst = report_.worst();
  summary_->SetLabel(worst == CheckLevel::Ok ? _("Everything is normal.")
                     : worst == CheckLevel::Warning
                         ? _("Some items need attention (reception can go on).")
                         : _("Something is wrong. Do the \"What to do next\" steps from the top."));
}

void DiagnosisDialog::showItem(long row) {
  if (row < 0 || static_cast<std::size_t>(row) >= report_.items.size()) return;
  const EnvironmentItem& item = report_.items[static_cast<std::size_t>(row)];
  wxString text = wxS("【") + toWx(checkLevelLabel(item.level)) + wxS("】") + toWx(item.label) +
                  _("\nWhat was checked: ") + toWx(inFrontEndWords(item.detail, FrontEnd::Window));
  if (!item.nextStep.empty()) text += _("\nWhat to do next: ") + toWx(inFrontEndWords(item.nextStep, FrontEnd::Window));
  full_->ChangeValue(text);
}

}  // namespace rececon::gui
