#pragma once
// 連携の点検: the environment check (the same as rececon-cli diag) in a window, one row per item with
// its state, what was found and what to do; the first item needing attention is selected and shown
// in full; 再点検 runs it again. UI thread only.

#include <wx/dialog.h>

#include <filesystem>

#include "app/jobs/environment_check.h"
#include "app/jobs/patient_register.h"

class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace rececon::gui {

class DiagnosisDialog : public wxDialog {
 public:
  DiagnosisDialog(wxWindow* parent, PatientRegister& reg, std::filesystem::path dataDir);

 private:
  void runCheck();
  // The selected row in full below the list (the columns cut long text).
  void showItem(long row);

  PatientRegister& reg_;
  std::filesystem::path dataDir_;
  wxStaticText* summary_ = nullptr;
  wxListCtrl* items_ = nullptr;
  wxTextCtrl* full_ = nullptr;
  EnvironmentReport report_;
};

}  // namespace rececon::gui
