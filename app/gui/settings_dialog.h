#pragma once
// 設定: what a clinic sets once — 医療機関コード and name, the operator and terminal, the req / res / face
// folders (with 参照 and a フォルダをテスト button that tries each typed folder before anything is stored),
// the request encoding and the time-outs. Saved item by item through the site settings, so every value
// is validated and logged with the operator; a wrong value is named and nothing else is lost. UI thread
// only.

#include <wx/dialog.h>

#include <map>
#include <string>

#include "app/jobs/patient_register.h"

class wxChoice;
class wxTextCtrl;
class wxStaticText;

namespace rececon::gui {

class SettingsDialog : public wxDialog {
 public:
  SettingsDialog(wxWindow* parent, PatientRegister& reg, std::string operatorId);

 private:
  void addText(wxWindow* parent, wxSizer* grid, const std::string& key, bool folder = false);
  void testFolders();
  void save();

  PatientRegister& reg_;
  std::string operatorId_;
  std::map<std::string, wxTextCtrl*> texts_;
  wxChoice* encoding_ = nullptr;
  wxStaticText* status_ = nullptr;
};

}  // namespace rececon::gui
