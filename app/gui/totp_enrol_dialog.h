#pragma once
// Enrolment of the second factor: the QR code for the person's authenticator app, the key as text for
// typing by hand, and the first code the app shows, which confirms it. UI thread only.

#include <string>

#include <wx/dialog.h>

#include "app/jobs/accounts.h"

class wxTextCtrl;
class wxStaticText;

namespace rececon::gui {

class TotpEnrolDialog : public wxDialog {
 public:
  TotpEnrolDialog(wxWindow* parent, Accounts& accounts, const std::string& userId);

 private:
  void onConfirm();

  Accounts& accounts_;
  std::string userId_;
  wxTextCtrl* code_ = nullptr;
  wxStaticText* message_ = nullptr;
};

}  // namespace rececon::gui
