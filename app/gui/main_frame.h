#pragma once
// The main window of the reception desk: today's reception list (受付一覧) and the patient search on
// two tabs, the selected patient's details beside them, the results that arrived and wait for a
// person below, the linkage banner above, and a status bar with the linkage's health, the requests
// still out and stand-alone mode. Menus, toolbar and F-keys reach every action. UI thread only.

#include <wx/frame.h>
#include <wx/timer.h>

#include <chrono>
#include <memory>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/background_task.h"
#include "app/gui/desk_actions.h"
#include "app/jobs/desk_watch.h"
#include "app/jobs/job_context.h"
#include "app/jobs/patient_register.h"

class wxListCtrl;
class wxNotebook;
class wxListEvent;
class wxTextCtrl;
class wxStaticText;

namespace rececon::gui {

class PatientDetailPanel;
class LinkageBanner;
class ReceptionListPanel;
class ArrivedResultsPanel;

class MainFrame : public wxFrame {
 public:
  MainFrame(PatientRegister& reg, const std::string& dataDir);
  ~MainFrame() override;

  // What 「ロック・利用者の切り替え」 (Ctrl+L) does: given by the application when the site has accounts.
  void setLockAction(std::function<void()> lock);
  // The register acts for another person now (switched user): the status bar says who.
  void operatorChanged();

 private:
  std::function<void()> lockAction_;
  void buildMenu();     // main_frame_menu.cpp
  void buildToolBar();  // main_frame_menu.cpp
  wxWindow* buildSearchPage(wxWindow* parent);
  void runSearch();
  void showPatients(const std::vector<Patient>& patients, const wxString& summary);
  void onSearchText(wxCommandEvent& event);
  void onSearchEnter(wxCommandEvent& event);
  void onSelected(wxListEvent& event);
  void onCharHook(wxKeyEvent& event);
  // The desk's one selected patient (nullopt: none): the patient pane, F5, F6, F7, Ctrl+E and Ctrl+P act
  // on it. Always the highlighted row of the list in front.
  void choosePatient(std::optional<std::int64_t> number);
  std::optional<std::int64_t> searchChoice() const;  // the search list's highlighted patient
  void showInSearch(std::int64_t number);  // the search tab in front with this patient highlighted
  // Re-reads the reception list and the arrived results, and — after the clerk did something, not on
  // the watcher's periodic pass, which must not reset what the clerk is looking at — the selected patient.
  // onlyNewResults: a result just arrived; the arrived results already shown are not read again.
  void refreshDesk(bool includePatient = true, bool onlyNewResults = false);

  // The desk's actions (F5, F11, Ctrl+N, Ctrl+E, 設定).
  void checkSelected();
  void openArrivedResult(std::int64_t resultId);
  void takeNextStep(const DeskDecision& decision);  // what the person chose in a result: edit, receive, stand-alone
  void registerNewPatient();
  void editSelected();
  void editSettings();
  bool requireSelected(const wxString& action);
  // Starts picking up results and card results in the background when the linkage is configured.
  void startLinkageWatcher(const std::string& dataDir);
  void restartLinkageWatcher();
  void showLinkageStatus(const wxString& text);
  // The watchdog's and the stand-alone mode's state: banner and status bar; starts re-verification
  // by itself once the linkage may be back.
  void showLinkageView(const LinkageView& view);

  // Stand-alone mode (domain.md §4).
  void enterFallback();  // asks first, with the watchdog's cause as the reason
  void toggleFallback();
  void captureCardFace();
  void registerVisitForSelected();
  void savePendingCaptures();
  void printKarteForSelected();  // カルテ1号用紙 of the selected patient, in a print preview
  // Re-verification on a worker thread with its own connection; automatic runs report only when checks
  // work again.
  void startReverify(bool automatic);
  void showError(const wxString& what, const std::exception& e);

  PatientRegister& reg_;
  std::string dataDir_;
  wxNotebook* tabs_ = nullptr;
  ReceptionListPanel* reception_ = nullptr;
  ArrivedResultsPanel* arrived_ = nullptr;
  std::int64_t lastRegisterChanges_ = -1;  // the register's change counter at the last pulse
  std::int64_t lastWaiting_ = -1;  // results waiting as of the last refresh (what the panel lists)
  int waitingRequests_ = 0;        // requests out, as of the watcher's last pass
  void showCounts();               // the status bar's counts
  int pollsSinceRefresh_ = 0;
  wxTextCtrl* search_ = nullptr;
  wxStaticText* resultSummary_ = nullptr;
  wxListCtrl* list_ = nullptr;
  PatientDetailPanel* detail_ = nullptr;
  wxTimer searchDelay_;
  std::vector<Patient> shown_;
  std::unique_ptr<DeskWatch> watch_;
  LinkageBanner* banner_ = nullptr;
  std::optional<std::int64_t> selectedPatient_;
  bool fallbackActive_ = false;
  std::string fallbackCause_;  // the watchdog's plain cause, offered as the reason for stand-alone mode
  std::string linkageDownCause_;  // the same while the linkage is known to be down; "" otherwise
  BackgroundTask reverifier_;
  bool reverifying_ = false;  // UI thread only
  std::shared_ptr<JobContext> reverifyJob_;
  std::chrono::steady_clock::time_point lastAutoReverify_;
};

}  // namespace rececon::gui
