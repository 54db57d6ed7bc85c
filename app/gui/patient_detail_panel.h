#pragma once
// The selected patient's data, last valid insured number and insurance history. UI thread only.

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
  wxStaticText* title_ = nullptr;
  wxButton* printKarte_ = nullptr;
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
