#include "app/gui/worklist_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

#include "app/core/error.h"
#include "app/gui/form_preview_dialog.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/access_record.h"
#include "app/jobs/form_documents.h"
#include "app/jobs/bulk_precheck.h"
#include "app/jobs/bulk_reconciliation.h"
#include "app/jobs/text_export.h"

namespace rececon::gui {
namespace {

// Filter choices: 0 open only, 1 all, then one per outcome.
const std::vector<std::string> kOutcomes = {bulk_outcome::kChanged,  bulk_outcome::kLimitChanged, bulk_outcome::kInvalid,
                                            bulk_outcome::kInvalidNewer, bulk_outcome::kNotFound, bulk_outcome::kSeveral,
                                            bulk_outcome::kError,    bulk_outcome::kNoInsurance};

// Red: the patient cannot be treated on the insurance held; amber: held data to update; grey: done.
wxColour colourOf(const WorklistItem& i) {
  if (i.done) return wxColour(128, 128, 128);
  if (i.outcome == bulk_outcome::kChanged || i.outcome == bulk_outcome::kLimitChanged) return wxColour(150, 90, 0);
  return wxColour(176, 0, 32);
}

std::string sortKey(const WorklistItem& i, int column) {
  switch (column) {
    case 1: return std::string(10 - std::min<std::size_t>(10, std::to_string(i.patientNumber).size()), '0') + std::to_string(i.patientNumber);
    case 2: return i.nameKana;
    case 3: return i.outcomeLabel;
    case 4: return i.done ? "1" : "0";
    default: return i.appointmentTime.empty() ? "99:99" : i.appointmentTime;
  }
}

}  // namespace

WorklistDialog::WorklistDialog(wxWindow* parent, PatientRegister& reg, std::string operatorId,
                               std::function<void(std::int64_t)> openPatient)
    : wxDialog(parent, wxID_ANY, _("Bulk pre-check worklist"), wxDefaultPosition, wxSize(980, 640),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      reg_(reg),
      operatorId_(std::move(operatorId)),
      openPatient_(std::move(openPatient)) {
  // Each label is made just before its control: tab order is creation order, and a label's mnemonic
  // leads to the control after it.
  auto* dateLabel = new wxStaticText(this, wxID_ANY, _("Check &date"));
  // The day the last night checked: today's list in the morning.
  date_ = new wxTextCtrl(this, wxID_ANY, toWx(formatWarekiShort(today())), wxDefaultPosition, wxSize(140, -1),
                         wxTE_PROCESS_ENTER);
  auto* filterLabel = new wxStaticText(this, wxID_ANY, _("Show (&F)"));
  filter_ = new wxChoice(this, wxID_ANY);
  filter_->Append(_("Not handled only"));
  filter_->Append(_("All"));
  for (const auto& o : kOutcomes) filter_->Append(toWx(bulkOutcomeLabel(o)));
  filter_->SetSelection(0);
  auto* show = new wxButton(this, wxID_REFRESH, _("Show (&R)"));
  summary_ = new wxStaticText(this, wxID_ANY, wxS(""));
  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
  list_->AppendColumn(_("Appointment time"), wxLIST_FORMAT_LEFT, 80);
  list_->AppendColumn(_("Patient number"), wxLIST_FORMAT_RIGHT, 90);
  list_->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, 160);
  list_->AppendColumn(_("Result"), wxLIST_FORMAT_LEFT, 200);
  list_->AppendColumn(_("Handled"), wxLIST_FORMAT_LEFT, 60);
  list_->AppendColumn(_("Insurance (as checked)"), wxLIST_FORMAT_LEFT, 340);
  detail_ = new wxTextCtrl(this, wxID_ANY, wxS(""), wxDefaultPosition, wxSize(-1, 130), wxTE_MULTILINE | wxTE_READONLY);
  auto* open = new wxButton(this, wxID_OPEN, _("Open the patient (Enter)"));
  auto* done = new wxButton(this, wxID_APPLY, _("Handled / not handled (Space)"));
  auto* csv = new wxButton(this, wxID_SAVEAS, _("&Save as CSV..."));
  auto* print = new wxButton(this, wxID_PRINT, _("Print / &PDF..."));
  auto* close = new wxButton(this, wxID_CLOSE, _("Close"));

  auto* top = new wxBoxSizer(wxHORIZONTAL);
  top->Add(dateLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
  top->Add(date_, 0, wxRIGHT, 12);
  top->Add(filterLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
  top->Add(filter_, 0, wxRIGHT, 12);
  top->Add(show, 0, wxRIGHT, 12);
  top->Add(summary_, 1, wxALIGN_CENTER_VERTICAL);
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(open, 0, wxRIGHT, 8);
  buttons->Add(done, 0, wxRIGHT, 8);
  buttons->Add(csv, 0, wxRIGHT, 8);
  buttons->Add(print, 0, wxRIGHT, 8);
  buttons->AddStretchSpacer();
  buttons->Add(close);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(top, 0, wxEXPAND | wxALL, 10);
  sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
  sizer->Add(detail_, 0, wxEXPAND | wxALL, 10);
  sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
  SetSizer(sizer);
  SetEscapeId(wxID_CLOSE);

  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); }, wxID_REFRESH);
  date_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { reload(); });
  filter_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fill(); });
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { showDetail(); });
  list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { openSelected(); });
  list_->Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& e) {
    sortAscending_ = e.GetColumn() == sortColumn_ ? !sortAscending_ : true;
    sortColumn_ = e.GetColumn();
    fill();
  });
  list_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == WXK_SPACE) toggleDone();
    else e.Skip();
  });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { openSelected(); }, wxID_OPEN);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { toggleDone(); }, wxID_APPLY);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { saveCsv(); }, wxID_SAVEAS);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { printShown(); }, wxID_PRINT);
  wxAcceleratorEntry printKey(wxACCEL_CTRL, 'P', wxID_PRINT);
  SetAcceleratorTable(wxAcceleratorTable(1, &printKey));
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
  reload();
  list_->SetFocus();
}

void WorklistDialog::reload() {
  const DateParseResult d = parseDate(fromWx(date_->GetValue()));
  if (!d.date) {
    summary_->SetLabel(_("Check date: ") + toWx(d.error));
    return;
  }
  try {
    items_ = bulkWorklist(reg_.database(), *d.date);
    const auto run = bulkRunForDate(reg_.database(), *d.date);
    summary_->SetLabel(run ? wxString::Format(_("Bulk pre-check of %s: %zu need attention"),
                                              toWx(formatWareki(*d.date)), items_.size())
                           : toWx(formatWareki(*d.date)) +
                                 _(": no bulk pre-check has run for this date yet."));
  } catch (const Error& e) {
    items_.clear();
    summary_->SetLabel(_("Cannot read: ") + toWx(e.what()));
  }
  fill();
}

void WorklistDialog::fill() {
  const int filter = filter_->GetSelection();
  shown_.clear();
  for (std::size_t i = 0; i < items_.size(); ++i) {
    const WorklistItem& item = items_[i];
    if (filter == 0 && item.done) continue;
    if (filter >= 2 && item.outcome != kOutcomes[static_cast<std::size_t>(filter - 2)]) continue;
    shown_.push_back(i);
  }
  std::stable_sort(shown_.begin(), shown_.end(), [this](std::size_t a, std::size_t b) {
    const std::string ka = sortKey(items_[a], sortColumn_), kb = sortKey(items_[b], sortColumn_);
    return sortAscending_ ? ka < kb : kb < ka;
  });
  list_->DeleteAllItems();
  for (std::size_t row = 0; row < shown_.size(); ++row) {
    const WorklistItem& item = items_[shown_[row]];
    const long at = list_->InsertItem(static_cast<long>(row), item.appointmentTime.empty() ? wxS("--:--") : toWx(item.appointmentTime));
    list_->SetItem(at, 1, wxString::Format(wxS("%lld"), static_cast<long long>(item.patientNumber)));
    list_->SetItem(at, 2, toWx(item.name));
    list_->SetItem(at, 3, toWx(item.outcomeLabel));
    list_->SetItem(at, 4, item.done ? _("Done") : wxS(""));
    list_->SetItem(at, 5, toWx(item.insurance));
    list_->SetItemTextColour(at, colourOf(item));
  }
  if (!shown_.empty()) list_->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  showDetail();
}

void WorklistDialog::openSelected() {
  const WorklistItem* i = selected();
  if (!i) return;
  const std::int64_t patient = i->patientNumber;
  EndModal(wxID_OPEN);  // the patient is shown in the main window, which the list would cover
  openPatient_(patient);
}

const WorklistItem* WorklistDialog::selected() const {
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= shown_.size()) return nullptr;
  return &items_[shown_[static_cast<std::size_t>(row)]];
}

void WorklistDialog::showDetail() {
  const WorklistItem* i = selected();
  if (!i) {
    detail_->SetValue(wxS(""));
    return;
  }
  wxString text = toWx(i->name + "（" + i->nameKana + "）  " + i->outcomeLabel + "\n" + i->detail + "\n");
  if (!i->processingCode.empty())
    text += wxString::Format(_("Processing result: %s %s\n"), toWx(i->processingCode),
                             toWx(i->processingMessage));
  if (!i->comparison.empty()) text += _("Differences (held -> returned):\n") + toWx(i->comparison);
  if (i->done) text += wxString::Format(_("Handled by %s at %s\n"), toWx(i->doneBy), toWx(i->doneAt));
  detail_->SetValue(text);
}

void WorklistDialog::toggleDone() {
  const WorklistItem* i = selected();
  if (!i) return;
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  try {
    setWorklistItemDone(reg_.database(), i->entryId, !i->done, operatorId_);
  } catch (const Error& e) {
    wxMessageBox(_("Could not record: ") + toWx(e.what()), _("Worklist"), wxOK | wxICON_ERROR, this);
    return;
  }
  const auto keep = list_->GetItemCount();
  reload();
  const long next = std::min<long>(row, static_cast<long>(shown_.size()) - 1);
  if (next >= 0 && keep > 0) {
    list_->SetItemState(next, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    list_->EnsureVisible(next);
  }
}

void WorklistDialog::printShown() {
  const DateParseResult d = parseDate(fromWx(date_->GetValue()));
  if (!d.date) return;
  std::vector<WorklistItem> rows;
  for (const std::size_t i : shown_) rows.push_back(items_[i]);
  showFormPreview(
      this, [&] { return worklistDocument(reg_.database(), *d.date, rows, today()); },
      _("worklist_") + toWx(toIsoString(*d.date)) + wxS(".pdf"));
}

void WorklistDialog::saveCsv() {
  wxFileDialog ask(this, _("Save the worklist as CSV"), wxS(""), _("worklist.csv"), wxS("CSV (*.csv)|*.csv"),
                   wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (ask.ShowModal() != wxID_OK) return;
  std::vector<WorklistItem> rows;
  for (const std::size_t i : shown_) rows.push_back(items_[i]);
  try {
    writeTextFileAtomically(std::filesystem::path(fromWx(ask.GetPath())), worklistCsv(rows));
    recordAccess(reg_.database(), reg_.operatorId(), AccessAction::Export, std::nullopt,
                 "一括照会の作業リスト " + std::to_string(rows.size()) + "件 → " + fromWx(ask.GetPath()));
  } catch (const Error& e) {
    wxMessageBox(_("Could not save: ") + toWx(e.what()), _("Worklist"), wxOK | wxICON_ERROR, this);
  }
}

}  // namespace rececon::gui
