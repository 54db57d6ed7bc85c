#pragma once
// The selected patient as the desk needs them: basic data, the last valid insured number, the
// 照会番号 registration, the 限度額適用認定証 taken in, and every insurance record (current, history,
// invalid) with 枝番 and the elderly-recipient data; buttons for the check (F5), editing (Ctrl+E) and
// the chart form (Ctrl+P), which the main window handles. UI thread only.

#include <wx/panel.h>

#include <cstdint>

#include "app/jobs/patient_register.h"

class wxButton;
class wxListCtrl;
class wxStaticText;

namespace rececon::gui {

class PatientDetailPanel : public wxPanel {
 public:
  PatientDetailPanel(wxWindow* parent, PatientRegister& reg);

  // Reads the patient and their insurance records and shows them.
  void showPatient(std::int64_t number);
  void showNothing();

 private:
  wxStaticText* addField(const wxString& label);

  PatientRegister& reg_;
  std::int64_t viewed_ = 0;  // the patient shown (0: none), so that a refresh is no new view
  wxStaticText* title_ = nullptr;
  wxButton* printKarte_ = nullptr;
  wxButton* check_ = nullptr;
  wxButton* edit_ = nullptr;
  wxStaticText* reference_ = nullptr;
  wxStaticText* limit_ = nullptr;
  wxStaticText* number_ = nullptr;
  wxStaticText* kana_ = nullptr;
  wxStaticText* sexBirth_ = nullptr;
  wxStaticText* address_ = nullptr;
  wxStaticText* phone_ = nullptr;
  wxStaticText* lastValid_ = nullptr;
  wxListCtrl* insurances_ = nullptr;
  wxWindow* fieldsParent_ = nullptr;
  wxSizer* fields_ = nullptr;
};

}  // namespace rececon::gui
