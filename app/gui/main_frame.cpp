#include "app/gui/main_frame.h"

#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>

#include "app/core/error.h"
#include <wx/notebook.h>

#include "app/gui/appointment_dialog.h"
#include "app/gui/arrived_results_panel.h"
#include "app/gui/desk_actions.h"
#include "app/gui/patient_editor_dialog.h"
#include "app/gui/reception_list_panel.h"
#include "app/gui/settings_dialog.h"
#include "app/gui/card_face_dialog.h"
#include "app/gui/confirm_dialog.h"
#include "app/gui/worklist_dialog.h"
#include "app/gui/diagnosis_dialog.h"
#include "app/gui/error_text.h"
#include "app/gui/form_preview_dialog.h"
#include "app/gui/linkage_banner.h"
#include "app/gui/text_report_dialog.h"
#include "app/gui/patient_detail_panel.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/linkage_result_store.h"
#include "app/jobs/diagnosis_files.h"
#include "app/jobs/fallback_reception.h"
#include "app/jobs/access_record.h"
#include "app/jobs/form_documents.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/reception_desk.h"
#include "app/jobs/reverification.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/text_export.h"

namespace rececon::gui {
namespace {

// Long enough to skip the intermediate states of a word being typed, short enough to feel immediate.
constexpr int kSearchDelayMs = 150;
constexpr int kSearchLimit = 200;
constexpr int kBrowseLimit = 500;
constexpr int kPassesPerRefresh = 5;  // the watcher passes once a second
constexpr int kReceptionPage = 0, kSearchPage = 1;  // the tabs, in their order

enum Column { kNumber, kName, kKana, kSex, kBirth, kAge };


}  // namespace

MainFrame::MainFrame(PatientRegister& reg, const std::string& dataDir)
    : wxFrame(nullptr, wxID_ANY, _("Rececon - Reception"), wxDefaultPosition, wxSize(1260, 780)),
      reg_(reg),
      dataDir_(dataDir),
      searchDelay_(this),
      lastAutoReverify_(std::chrono::steady_clock::now()) {
  buildMenu();
  buildToolBar();
  banner_ = new LinkageBanner(this, {[this] { enterFallback(); }, [this] { captureCardFace(); },
                                     [this] { startReverify(false); },
                                     [this] { DiagnosisDialog(this, reg_, dataDir_).ShowModal(); }});
  // Top: the lists and the patient; bottom: the results waiting for a person.
  auto* rows = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
  auto* columns = new wxSplitterWindow(rows, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
  tabs_ = new wxNotebook(columns, wxID_ANY);
  reception_ = new ReceptionListPanel(tabs_, reg_, [this](std::optional<std::int64_t> number) {
    if (tabs_->GetSelection() == kReceptionPage) choosePatient(number);
  });
  tabs_->AddPage(reception_, _("Reception list (F2)"), true);
  tabs_->AddPage(buildSearchPage(tabs_), _("Patient search (F3)"));
  detail_ = new PatientDetailPanel(columns, reg_);
  columns->SplitVertically(tabs_, detail_, 660);
  columns->SetMinimumPaneSize(300);
  columns->SetSashGravity(0.5);  // a larger window widens the lists too, not only the patient pane
  arrived_ = new ArrivedResultsPanel(rows, reg_,
                                     [this](std::int64_t id) { openArrivedResult(id); });
  rows->SplitHorizontally(columns, arrived_, -170);
  rows->SetMinimumPaneSize(110);
  rows->SetSashGravity(1.0);
  auto* frameSizer = new wxBoxSizer(wxVERTICAL);
  frameSizer->Add(banner_, 0, wxEXPAND);
  frameSizer->Add(rows, 1, wxEXPAND);
  SetSizer(frameSizer);

  CreateStatusBar(4);
  const int widths[] = {-1, -2, -2, -3};
  SetStatusWidths(4, widths);
  operatorChanged();
  startLinkageWatcher(dataDir);

  search_->Bind(wxEVT_TEXT, &MainFrame::onSearchText, this);
  search_->Bind(wxEVT_TEXT_ENTER, &MainFrame::onSearchEnter, this);
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, &MainFrame::onSelected, this);
  list_->Bind(wxEVT_LIST_ITEM_DESELECTED, &MainFrame::onSelected, this);
  // One selected patient for the whole desk: the highlighted row of the list in front.
  tabs_->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& event) {
    event.Skip();
    choosePatient(event.GetSelection() == kReceptionPage ? reception_->chosenPatient() : searchChoice());
  });
  list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { editSelected(); });
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) { runSearch(); }, searchDelay_.GetId());
  Bind(wxEVT_CHAR_HOOK, &MainFrame::onCharHook, this);

  runSearch();
  refreshDesk();
  reception_->focusList();
  // The desk is the clerk's whole screen: the frame takes the display's work area (a maximise request
  // alone depends on the window manager), so a large screen shows more rows, not a grey margin.
  SetSize(wxGetClientDisplayRect());
  // The split follows the frame's width: the lists take a little over half, the patient pane the rest. A
  // position given at creation is clamped while the frame is still small, leaving the pane at its minimum.
  Layout();
  columns->SetSashPosition(columns->GetClientSize().GetWidth() * 56 / 100);
}

wxWindow* MainFrame::buildSearchPage(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* searchRow = new wxBoxSizer(wxHORIZONTAL);
  searchRow->Add(new wxStaticText(page, wxID_ANY, _("Patient &search")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
                 8);
  search_ = new wxTextCtrl(page, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
  search_->SetHint(_("Kana, patient number or date of birth (e.g. MIHON in kana / 123 / S22.3.10)"));
  searchRow->Add(search_, 1, wxEXPAND);

  resultSummary_ = new wxStaticText(page, wxID_ANY, wxS(""));
  list_ = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
  list_->AppendColumn(_("Patient number"), wxLIST_FORMAT_RIGHT, 80);
  list_->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, 120);
  list_->AppendColumn(_("Kana"), wxLIST_FORMAT_LEFT, 140);
  list_->AppendColumn(_("Sex"), wxLIST_FORMAT_CENTER, 44);
  list_->AppendColumn(_("Date of birth"), wxLIST_FORMAT_LEFT, 130);
  list_->AppendColumn(_("Age"), wxLIST_FORMAT_RIGHT, 44);

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(searchRow, 0, wxEXPAND | wxALL, 8);
  sizer->Add(resultSummary_, 0, wxLEFT | wxRIGHT | wxBOTTOM, 8);
  sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
  page->SetSizer(sizer);
  return page;
}

MainFrame::~MainFrame() {
  watch_.reset();  // stops and joins: no pass can call back into a destroyed window
  if (reverifyJob_) reverifyJob_->requestCancel();
  reverifier_.join();
}

void MainFrame::startLinkageWatcher(const std::string& dataDir) {
  watch_ = std::make_unique<DeskWatch>(
      reg_.database().location(), dataDir,
      // On the watcher's thread: only copies cross to the window, through CallAfter.
      [this](const DeskPulse& pulse) {
        CallAfter([this, pulse] {
          waitingRequests_ = pulse.view.watchdog.waitingRequests;
          showCounts();
          // Other terminals and the background watcher change the lists too: re-read them when the
          // register changed (any terminal's commit), when the waiting results change, and every few
          // passes anyway.
          // A result arriving is shown at once, reading only what is new; the periodic pass reads all again.
          const bool changedElsewhere = pulse.registerChanges != lastRegisterChanges_;
          lastRegisterChanges_ = pulse.registerChanges;
          if (++pollsSinceRefresh_ >= kPassesPerRefresh || changedElsewhere) refreshDesk(false);
          else if (pulse.waitingResults != lastWaiting_ || pulse.newestWaiting != arrived_->newestShown())
            refreshDesk(false, true);
          showLinkageView(pulse.view);
        });
      },
      [this](const std::string& error) {
        const wxString text = toWx(error);
        CallAfter([this, text] { showLinkageStatus(_("Linkage: ") + text); });
      });
  if (!watch_->start(reg_.database())) {
    showLinkageStatus(_("Linkage: not set"));
    showLinkageView(DeskWatch::view(reg_.database(), dataDir));
  }
}

void MainFrame::restartLinkageWatcher() {
  watch_.reset();  // stops and joins
  startLinkageWatcher(dataDir_);
}

void MainFrame::showLinkageStatus(const wxString& text) { SetStatusText(text, 3); }

void MainFrame::setLockAction(std::function<void()> lock) { lockAction_ = std::move(lock); }

void MainFrame::operatorChanged() {
  SetStatusText(_("Operator: ") + toWx(reg_.operatorId()), 0);
  if (selectedPatient_) choosePatient(std::nullopt);  // the previous user's patient leaves the screen
}

void MainFrame::showLinkageView(const LinkageView& view) {
  fallbackActive_ = view.fallback.active;
  fallbackCause_ = view.watchdog.findings.empty() ? "" : view.watchdog.findings.front().title;
  linkageDownCause_ = view.watchdog.health == LinkageHealth::Down ? fallbackCause_ : "";
  wxString status = toWx(view.watchdog.summary());
  if (view.fallback.active) status = _("[Stand-alone mode] ") + status;
  const std::int64_t unverified = view.fallback.unverified + view.fallback.checking;
  if (unverified > 0) status += wxString::Format(_("  Unverified: %lld"), static_cast<long long>(unverified));
  showLinkageStatus(status);
  if (banner_->update(view)) Layout();
  if (!reverifying_ && shouldProbeLinkage(view, std::chrono::steady_clock::now() - lastAutoReverify_)) {
    lastAutoReverify_ = std::chrono::steady_clock::now();
    startReverify(true);
  }
}

void MainFrame::showError(const wxString& what, const std::exception& e) {
  wxMessageBox(what + wxS("\n\n") + errorForPerson(e), _("Rececon"), wxOK | wxICON_WARNING, this);
}

void MainFrame::enterFallback() {
  if (fallbackActive_) return;
  // The cause is written to the register's fallback log, which is kept in Japanese whatever the window's
  // language (as the audit reasons are), so it is not translated.
  const wxString cause = fallbackCause_.empty() ? toWx("手動で切り替え") : toWx(fallbackCause_);
  if (!confirmAction(this, _("Stand-alone mode"),
                     _("Switch to stand-alone mode?\n\nReason: ") + cause +
                         _("\n\nReception can go on. Receive patients on their insurance card or eligibility certificate, "
                           "and record the 4 items for patients with only a My Number card. When the linkage is back, the "
                           "insurance of the patients received is re-verified automatically."),
                     _("&Switch to stand-alone mode"), _("&Do not switch")))
    return;
  try {
    FallbackReception(reg_.database(), reg_.operatorId()).enter(fromWx(cause));
    fallbackActive_ = true;
    lastAutoReverify_ = std::chrono::steady_clock::now();  // the first probe after a while, not at once
    if (watch_) watch_->wake();
  } catch (const Error& e) {
    showError(_("Could not switch to stand-alone mode."), e);
  }
}

void MainFrame::toggleFallback() {
  if (!fallbackActive_) {
    enterFallback();
    return;
  }
  if (!confirmAction(this, _("Stand-alone mode"),
                     _("Leave stand-alone mode? (Unverified receptions are confirmed by re-verification)"),
                     _("&Leave stand-alone mode"), _("&Stay in stand-alone mode")))
    return;
  try {
    FallbackReception(reg_.database(), reg_.operatorId()).leave("手動で終了");
    fallbackActive_ = false;
    if (watch_) watch_->wake();
  } catch (const Error& e) {
    showError(_("Could not leave stand-alone mode."), e);
  }
}

void MainFrame::captureCardFace() {
  FallbackReception reception(reg_.database(), reg_.operatorId());
  CardFaceDialog dialog(this, reception, selectedPatient_);
  if (dialog.ShowModal() != wxID_OK) return;
  SetStatusText(wxString::Format(_("Recorded the 4 items (reception %lld)"),
                                 static_cast<long long>(dialog.outcome().visitId)),
                1);
  refreshDesk();
  if (watch_) watch_->wake();
}

void MainFrame::registerVisitForSelected() {
  if (!selectedPatient_) {
    wxMessageBox(_("Choose a patient first (F3 to search)."), _("Reception"), wxOK | wxICON_INFORMATION,
                 this);
    return;
  }
  try {
    const auto v = FallbackReception(reg_.database(), reg_.operatorId()).registerVisit({*selectedPatient_, std::nullopt, std::nullopt});
    SetStatusText(wxString::Format(_("Recorded reception %lld (patient number %lld, unverified)"),
                                   static_cast<long long>(v.id), static_cast<long long>(*selectedPatient_)),
                  1);
    refreshDesk();
    if (watch_) watch_->wake();
  } catch (const Error& e) {
    showError(_("Could not record the reception."), e);
  }
}

void MainFrame::printKarteForSelected() {
  if (!selectedPatient_) {
    wxMessageBox(_("Choose a patient first (F3 to search)."), _("Chart form No. 1"),
                 wxOK | wxICON_INFORMATION, this);
    return;
  }
  const std::int64_t number = *selectedPatient_;
  showFormPreview(
      this, [this, number] {
        recordAccess(reg_.database(), reg_.operatorId(), AccessAction::Print, number, "カルテ1号用紙（印刷・PDFの画面）");
        return karte1Document(reg_.database(), number, today());
      },
      wxString::Format(_("chart_form_1_%lld.pdf"), static_cast<long long>(number)));
}

void MainFrame::savePendingCaptures() {
  wxFileDialog save(this, _("Save the list of 4-item records awaiting confirmation"), wxS(""),
                    _("4_items_awaiting_confirmation.txt"), _("Text (*.txt)|*.txt"),
                    wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (save.ShowModal() != wxID_OK) return;
  try {
    SiteSettings settings(reg_.database());
    const auto pending = pendingCaptures(reg_.database());
    writeTextFileAtomically(fromWx(save.GetPath()),
                            pendingCapturesSheet(pending, settings.get("institution_name").value,
                                                 settings.get("institution_code").value, today()));
    recordAccess(reg_.database(), reg_.operatorId(), AccessAction::Export, std::nullopt,
                 "障害時の4情報 " + std::to_string(pending.size()) + "件 → " + fromWx(save.GetPath()));
  } catch (const Error& e) {
    showError(_("Could not save the list."), e);
  }
}

void MainFrame::startReverify(bool automatic) {
  if (reverifying_) return;
  reverifying_ = true;
  showLinkageStatus(_("Re-verifying..."));
  reverifyJob_ =
      std::make_shared<JobContext>([this](std::int64_t done, std::int64_t total, const std::string&) {
        CallAfter([this, done, total] {
          showLinkageStatus(wxString::Format(_("Re-verifying... %lld / %lld"), static_cast<long long>(done),
                                             static_cast<long long>(total)));
        });
      });
  reverifier_.start(
      this,
      [job = reverifyJob_, database = reg_.database().location(), dataDir = dataDir_, operatorId = reg_.operatorId(),
       automatic]() -> std::optional<ReverifyReport> {
        // Started by the window itself: once per site. Asked for by the clerk: done here and now.
        if (automatic) return reverifyOncePerSite(database, dataDir, operatorId, *job);
        return reverifyWithSettings(database, dataDir, operatorId, *job);
      },
      [this, automatic](std::optional<ReverifyReport> done) {
        reverifying_ = false;
        if (watch_) watch_->wake();
        refreshDesk();
        if (!done) return;  // another terminal is re-verifying; its results arrive through the register
        const ReverifyReport& report = *done;
        // An automatic probe speaks only when checks work again; otherwise the banner says enough.
        if (automatic && !report.linkageWorking) return;
        TextReportDialog(this, _("Re-verification result"), toWx(formatReverifyReport(report))).ShowModal();
      },
      [this, automatic](std::exception_ptr failure) {
        reverifying_ = false;
        try {
          std::rethrow_exception(failure);
        } catch (const Cancelled&) {
        } catch (const std::exception& e) {
          if (!automatic)
            wxMessageBox(_("Could not complete the re-verification.\n\n") + toWx(e.what()), _("Re-verification"),
                         wxOK | wxICON_WARNING, this);
        }
      });
}

void MainFrame::runSearch() {
  const std::string text = fromWx(search_->GetValue());
  const PatientSearch query = interpretSearchText(text, kSearchLimit);
  const bool browsing = query.kana.empty() && query.number.empty() && query.birth.empty();
  try {
    if (browsing) {
      const auto total = reg_.count();
      const auto patients = reg_.list(0, kBrowseLimit);
      wxString summary = wxString::Format(_("Registered patients: %lld"), static_cast<long long>(total));
      if (total > kBrowseLimit)
        summary += wxString::Format(_(" (showing the first %d by patient number)"), kBrowseLimit);
      showPatients(patients, summary);
    } else {
      const auto patients = reg_.search(query);
      wxString summary = patients.empty() ? wxString(_("No patient matches"))
                                          : wxString::Format(_("%zu patients match"), patients.size());
      if (static_cast<int>(patients.size()) == kSearchLimit)
        summary += _(" (only the first are shown; narrow the search)");
      showPatients(patients, summary);
    }
  } catch (const InvalidInput& e) {
    showPatients({}, toWx(e.what()));
  }
}

void MainFrame::showPatients(const std::vector<Patient>& patients, const wxString& summary) {
  shown_ = patients;
  resultSummary_->SetLabel(summary);
  list_->Freeze();
  list_->DeleteAllItems();
  const Date now = today();
  for (std::size_t i = 0; i < patients.size(); ++i) {
    const Patient& p = patients[i];
    const long row = list_->InsertItem(static_cast<long>(i), wxString::Format(wxS("%lld"), static_cast<long long>(p.number)));
    list_->SetItem(row, kName, toWx(p.name));
    list_->SetItem(row, kKana, toWx(p.nameKana));
    list_->SetItem(row, kSex, toWx(sexLabel(p.sex)));
    list_->SetItem(row, kBirth, toWx(formatWareki(p.birthDate)));
    list_->SetItem(row, kAge, wxString::Format(wxS("%d"), ageOn(p.birthDate, now)));
  }
  list_->Thaw();
  // The first hit only gets the keyboard focus: nobody chose it yet, so F5 must not check it. Enter in
  // the search box (or a click, or the arrow keys in the list) chooses.
  if (!patients.empty()) list_->SetItemState(0, wxLIST_STATE_FOCUSED, wxLIST_STATE_FOCUSED);
  if (tabs_->GetSelection() == kSearchPage) choosePatient(std::nullopt);
}

std::optional<std::int64_t> MainFrame::searchChoice() const {
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= shown_.size()) return std::nullopt;
  return shown_[static_cast<std::size_t>(row)].number;
}

void MainFrame::showInSearch(std::int64_t number) {
  tabs_->SetSelection(kSearchPage);
  search_->ChangeValue(wxString::Format(wxS("%lld"), static_cast<long long>(number)));
  searchDelay_.Stop();
  runSearch();
  for (std::size_t i = 0; i < shown_.size(); ++i) {
    if (shown_[i].number != number) continue;
    const long row = static_cast<long>(i);
    list_->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    list_->EnsureVisible(row);
  }
  list_->SetFocus();
}

void MainFrame::onSearchText(wxCommandEvent&) { searchDelay_.StartOnce(kSearchDelayMs); }

void MainFrame::onSearchEnter(wxCommandEvent&) {
  searchDelay_.Stop();
  runSearch();
  if (list_->GetItemCount() > 0) {
    list_->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    list_->SetFocus();
  }
}

void MainFrame::onSelected(wxListEvent&) {
  if (tabs_->GetSelection() == kSearchPage) choosePatient(searchChoice());
}

void MainFrame::choosePatient(std::optional<std::int64_t> number) {
  if (number == selectedPatient_ && number) return;  // the same row again: keep what the pane shows
  selectedPatient_ = number;
  if (!number) {
    detail_->showNothing();
    return;
  }
  try {
    detail_->showPatient(*number);
  } catch (const Error& e) {
    selectedPatient_.reset();
    detail_->showNothing();
    SetStatusText(toWx(e.what()), 1);
  }
}

// The status bar counts what the arrived-results panel lists, so the two never disagree.
void MainFrame::showCounts() {
  SetStatusText(wxString::Format(_("Arrived results: %lld  Requests waiting for an answer: %d"),
                                 static_cast<long long>(std::max<std::int64_t>(lastWaiting_, 0)), waitingRequests_),
                2);
}

void MainFrame::refreshDesk(bool includePatient, bool onlyNewResults) {
  if (!onlyNewResults) pollsSinceRefresh_ = 0;
  try {
    reception_->refresh();
    lastWaiting_ = static_cast<std::int64_t>(arrived_->refresh(onlyNewResults));
    showCounts();
    if (includePatient && selectedPatient_) detail_->showPatient(*selectedPatient_);
  } catch (const Error& e) {  // a locked or unreadable database: say so, try again at the next pass
    SetStatusText(_("Could not read the list: ") + toWx(e.what()), 1);
  }
}

bool MainFrame::requireSelected(const wxString& action) {
  if (selectedPatient_) return true;
  wxMessageBox(_("Choose a patient first (F2 reception list / F3 patient search)."), action,
               wxOK | wxICON_INFORMATION, this);
  return false;
}

void MainFrame::checkSelected() {
  if (!requireSelected(_("Qualification check"))) return;
  if (fallbackActive_) {
    wxMessageBox(_("No qualification check is sent in stand-alone mode. Check the insurance card or "
                   "eligibility certificate and receive with F6 (re-verified when the linkage is back)."),
                 _("Qualification check"), wxOK | wxICON_INFORMATION, this);
    return;
  }
  const DeskDecision decision =
      checkPatientAtDesk(this, reg_, dataDir_, *selectedPatient_, toWx(linkageDownCause_), [this] { refreshDesk(); });
  if (decision.recorded) refreshDesk();
  if (watch_) watch_->wake();
  takeNextStep(decision);
}

void MainFrame::openArrivedResult(std::int64_t resultId) {
  const DeskDecision decision = decideArrivedResult(this, reg_, dataDir_, resultId);
  if (decision.recorded) {
    refreshDesk();
    runSearch();  // a patient registered from the result appears in the search too
  }
  takeNextStep(decision);
}

void MainFrame::takeNextStep(const DeskDecision& decision) {
  if (decision.next == ResultNextStep::None) return;
  if (decision.next == ResultNextStep::StandAlone) {
    enterFallback();
    return;
  }
  if (!decision.patientNumber) return;
  if (selectedPatient_ != decision.patientNumber) showInSearch(*decision.patientNumber);
  if (decision.next == ResultNextStep::EditInsurance) {
    editSelected();
    return;
  }
  try {
    const auto visit = ReceptionDesk(reg_.database(), reg_.operatorId()).receiveOnCard(*decision.patientNumber);
    SetStatusText(wxString::Format(_("Recorded reception %lld (patient number %lld, unverified)"),
                                   static_cast<long long>(visit.id), static_cast<long long>(*decision.patientNumber)),
                  1);
    refreshDesk();
  } catch (const Error& e) {
    showError(_("Could not record the reception."), e);
  }
}

void MainFrame::registerNewPatient() {
  PatientEditorDialog dialog(this, reg_, std::nullopt);
  if (dialog.ShowModal() != wxID_OK) return;
  const Patient& p = dialog.saved();
  SetStatusText(wxString::Format(_("Registered as patient number %lld: "), static_cast<long long>(p.number)) +
                    toWx(p.name),
                1);
  showInSearch(p.number);
}

void MainFrame::editSelected() {
  if (!requireSelected(_("Edit patient"))) return;
  PatientEditorDialog dialog(this, reg_, *selectedPatient_);
  if (dialog.ShowModal() != wxID_OK) return;
  SetStatusText(wxString::Format(_("Saved patient number %lld"), static_cast<long long>(*selectedPatient_)),
                1);
  runSearch();
  refreshDesk();
}

void MainFrame::editSettings() {
  SettingsDialog dialog(this, reg_, reg_.operatorId());
  if (dialog.ShowModal() != wxID_OK) return;
  SetStatusText(_("Settings saved. The linkage folders are read again."), 1);
  restartLinkageWatcher();
}

void MainFrame::onCharHook(wxKeyEvent& event) {
  if (event.GetKeyCode() == WXK_ESCAPE && !search_->GetValue().empty()) {
    search_->Clear();
    search_->SetFocus();
    return;
  }
  event.Skip();
}

}  // namespace rececon::gui
