#pragma once
// The window's login: user ID, password and — for an account that has one — the code from the
// authenticator app; then, when the account asks for it, the change of an initial password and the
// enrolment of the second factor, before the desk opens. The same dialog unlocks the screen after an idle
// period: the same user with their password, or another one with a full login (switching user). Mistakes are said inside the dialog, which
// stays open; the rules (lockout, codes, rights) are Accounts' (app/jobs). UI thread only.

#include <optional>
#include <string>

#include <wx/dialog.h>

#include "app/jobs/accounts.h"

class wxTextCtrl;
class wxStaticText;

namespace rececon::gui {

class LoginDialog : public wxDialog {
 public:
  // lockedUser: the screen is locked for this user (unlock, or switch to another user).
  LoginDialog(wxWindow* parent, Accounts& accounts, std::optional<std::string> lockedUser = std::nullopt);

  // The user who logged in (after ShowModal() == wxID_OK).
  const std::string& userId() const { return userId_; }

 private:
  void onLogin();
  void onSwitchUser();
  void say(const wxString& text);

  Accounts& accounts_;
  std::optional<std::string> lockedUser_;  // the same person may come back with their password alone
  bool lockScreen_ = false;                // a lock: the dialog ends only with a login
  wxTextCtrl* user_ = nullptr;
  wxTextCtrl* password_ = nullptr;
  wxStaticText* codeLabel_ = nullptr;
  wxTextCtrl* code_ = nullptr;
  wxStaticText* message_ = nullptr;
  std::string userId_;
};

}  // namespace rececon::gui
