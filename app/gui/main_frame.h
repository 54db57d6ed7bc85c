#pragma once
// The main window: one search box, the matching patients, and the selected patient's details.
// UI thread only.

#include <wx/frame.h>
#include <wx/timer.h>

#include <memory>
#include <string>
#include <vector>

#include "app/jobs/patient_register.h"

class wxListCtrl;
class wxListEvent;
class wxTextCtrl;
class wxStaticText;

namespace rececon::linkage {
class ExchangeWatcher;
}

namespace rececon::gui {

class PatientDetailPanel;

class MainFrame : public wxFrame {
 public:
  MainFrame(PatientRegister& reg, const std::string& dataDir);
  ~MainFrame() override;

 private:
  void buildMenu();
  void runSearch();
  void showPatients(const std::vector<Patient>& patients, const wxString& summary);
  void onSearchText(wxCommandEvent& event);
  void onSearchEnter(wxCommandEvent& event);
  void onSelected(wxListEvent& event);
  void onCharHook(wxKeyEvent& event);
  // Starts picking up results and card results in the background when the linkage is configured.
  void startLinkageWatcher(const std::string& dataDir);
  void showLinkageStatus(const wxString& text);

  PatientRegister& reg_;
  std::string dataDir_;
  wxTextCtrl* search_ = nullptr;
  wxStaticText* resultSummary_ = nullptr;
  wxListCtrl* list_ = nullptr;
  PatientDetailPanel* detail_ = nullptr;
  wxTimer searchDelay_;
  std::vector<Patient> shown_;
  std::unique_ptr<linkage::ExchangeWatcher> watcher_;
};

}  // namespace rececon::gui
