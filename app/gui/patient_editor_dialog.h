#pragma once
// 患者の登録・編集: a new patient with the insurance on the card they brought, or an existing patient's
// basic data with, optionally, a new insurance card (the old record stays as history). Keyboard-first:
// the patient's items, then the card's, in reading order; Enter moves on and saves on the last
// (Ctrl+Enter anywhere); every wrong item is listed under the form and nothing is stored until all are
// right. UI thread only.

#include <wx/dialog.h>

#include <cstdint>
#include <map>
#include <string>
#include <optional>
#include <vector>

#include "app/jobs/patient_register.h"

class wxTextCtrl;
class wxStaticText;

namespace rececon::gui {

class PatientEditorDialog : public wxDialog {
 public:
  // number nullopt: a new patient.
  PatientEditorDialog(wxWindow* parent, PatientRegister& reg, std::optional<std::int64_t> number);

  // After wxID_OK: the stored patient.
  const Patient& saved() const { return saved_; }

 private:
  wxTextCtrl* addField(wxWindow* parent, wxSizer* grid, const std::string& key, const wxString& label,
                       const wxString& hint, const wxString& value = wxString());
  PatientFields patientFields() const;
  std::optional<InsuranceFields> insuranceFields() const;  // nullopt when no card item was typed
  // Saves; a change only a supervisor may make is offered for their approval on the spot.
  void save();
  // One attempt; rethrows ROLE_REQUIRED for an existing patient (save() asks for the approval), says the rest.
  void saveOnce();

  PatientRegister& reg_;
  std::optional<std::int64_t> number_;
  std::optional<std::int64_t> seenVersion_;  // the version of the patient this editor was opened on
  Patient saved_;
  std::vector<wxWindow*> order_;
  std::map<std::string, wxTextCtrl*> byField_;  // validation field key -> its input, to put the cursor on the first wrong one
  wxTextCtrl *name_, *kana_, *sex_, *birth_, *postal_, *address_, *phone_, *notes_;
  wxTextCtrl *insurer_, *symbol_, *insured_, *branch_, *relationship_, *insuredName_, *qualified_, *validFrom_,
      *validTo_, *copay_, *elderlyCopay_, *elderlyFrom_, *elderlyTo_, *insurerName_;
  wxStaticText* errors_ = nullptr;
};

}  // namespace rececon::gui
