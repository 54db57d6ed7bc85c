#pragma once
// A supervisor's approval at a clerk's desk: a change of what identifies a registered patient (name,
// kana, birth date, insured numbers) is made by a clerk once a 責任者 types their own ID, password and code
// here. The checks (role, password, code, lockout) are Accounts::approve's. UI thread only.

#include <optional>

#include <wx/dialog.h>

#include "app/core/error.h"
#include "app/jobs/accounts.h"
#include "app/jobs/patient_register.h"

class wxTextCtrl;
class wxStaticText;

namespace rececon::gui {

class ApprovalDialog : public wxDialog {
 public:
  ApprovalDialog(wxWindow* parent, Accounts& accounts);
  // The approval given (after ShowModal() == wxID_OK).
  const std::optional<SupervisorApproval>& approval() const { return approval_; }

 private:
  void onApprove();

  Accounts& accounts_;
  wxTextCtrl* user_ = nullptr;
  wxTextCtrl* password_ = nullptr;
  wxTextCtrl* code_ = nullptr;
  wxStaticText* message_ = nullptr;
  std::optional<SupervisorApproval> approval_;
};

// Whether a refusal is for want of a supervisor's right (ROLE_REQUIRED naming 責任者): one that their
// approval can stand in for.
bool needsSupervisor(const Error& refusal);

// Asks a supervisor for their approval over `parent`; nullopt when nobody gave it.
std::optional<SupervisorApproval> askSupervisorApproval(wxWindow* parent, PatientRegister& reg);

}  // namespace rececon::gui
