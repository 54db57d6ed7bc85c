#include "app/gui/login_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "app/gui/error_text.h"
#include "app/gui/keyboard_form.h"
#include "app/gui/totp_enrol_dialog.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {
namespace {

const int kSwitchUserId = wxWindow::NewControlId();

// A new password typed twice; nullopt when the person gave up. The rule is checked by Accounts.
std::optional<std::string> askNewPassword(wxWindow* parent, const wxString& why) {
  wxDialog dialog(parent, wxID_ANY, _("Change your password"));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(&dialog, wxID_ANY, why), 0, wxALL, 12);
  auto* grid = new wxFlexGridSizer(2, 8, 8);
  grid->AddGrowableCol(1);
  auto* first = addTextRow(&dialog, grid, _("New password"), wxTE_PASSWORD);
  auto* second = addTextRow(&dialog, grid, _("Once more"), wxTE_PASSWORD);
  sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
  auto* mismatch = new wxStaticText(&dialog, wxID_ANY, wxString());
  mismatch->SetForegroundColour(*wxRED);
  sizer->Add(mismatch, 0, wxALL, 12);
  sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 12);
  dialog.SetSizerAndFit(sizer);
  dialog.Bind(wxEVT_BUTTON, [&](wxCommandEvent& e) {
    if (first->GetValue() == second->GetValue() && !first->IsEmpty()) return e.Skip();
    mismatch->SetLabel(_("The two passwords differ. Type the same password twice."));
    dialog.Layout();
  }, wxID_OK);
  first->SetFocus();
  if (dialog.ShowModal() != wxID_OK) return std::nullopt;
  return fromWx(first->GetValue());
}

}  // namespace

LoginDialog::LoginDialog(wxWindow* parent, Accounts& accounts, std::optional<std::string> lockedUser)
    : wxDialog(parent, wxID_ANY, lockedUser ? _("Rececon - screen locked") : _("Rececon - log in")),
      accounts_(accounts),
      lockedUser_(std::move(lockedUser)),
      lockScreen_(lockedUser_.has_value()) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  const wxString intro =
      lockedUser_ ? _("The screen was locked because nobody used it for a while. Enter your password to go on.\n"
                      "If someone else takes the desk, press \"Log in as another user\": the screens left open\n"
                      "are closed and what was typed in them and not saved is not kept.")
                  : _("Log in with your user ID and password (half-width letters and digits).\n"
                      "If you have enrolled an authenticator app, also enter the 6-digit code it shows;\n"
                      "if you have not, leave the code empty.\n"
                      "Forgot your password, or lost or changed your phone? Ask an administrator to reset it.");
  sizer->Add(new wxStaticText(this, wxID_ANY, intro), 0, wxALL, 12);
  auto* grid = new wxFlexGridSizer(2, 8, 8);
  grid->AddGrowableCol(1);
  user_ = addTextRow(this, grid, _("User ID"));
  password_ = addTextRow(this, grid, _("Password"), wxTE_PASSWORD);
  code_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(260, -1));
  code_->SetMaxLength(6);
  codeLabel_ = addLabelledRow(this, grid, _("Confirmation code (if enrolled)"), code_);  // hidden with it
  sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
  message_ = new wxStaticText(this, wxID_ANY, wxString());
  message_->SetForegroundColour(*wxRED);
  sizer->Add(message_, 0, wxALL, 12);
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  auto* login = new wxButton(this, wxID_OK, lockedUser_ ? _("&Unlock") : _("&Log in"));
  login->SetDefault();
  buttons->Add(login, 0, wxRIGHT, 8);
  if (lockedUser_) {
    buttons->Add(new wxButton(this, kSwitchUserId, _("Log in as &another user")), 0);
    user_->ChangeValue(toWx(*lockedUser_));
    user_->Disable();
    codeLabel_->Hide();  // the same person comes back with their password; another one logs in fully
    code_->Hide();
    SetEscapeId(wxID_NONE);  // a locked screen is not dismissed with Escape
  } else {
    buttons->Add(new wxButton(this, wxID_CANCEL, _("&Quit")), 0);
  }
  sizer->Add(buttons, 0, wxALIGN_RIGHT | wxALL, 12);
  SetSizerAndFit(sizer);
  CentreOnScreen();
  // Once shown: a dialog over a fresh cover may not hold the focus given before it was on screen.
  CallAfter([this] { (lockedUser_ ? password_ : user_)->SetFocus(); });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onLogin(); }, wxID_OK);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onSwitchUser(); }, kSwitchUserId);
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
    if (lockScreen_ && e.CanVeto()) return e.Veto();  // closing would unlock nothing
    e.Skip();
  });
}

void LoginDialog::say(const wxString& text) {
  message_->SetLabel(text);
  message_->Wrap(FromDIP(380));
  Fit();
}

void LoginDialog::onSwitchUser() {
  lockedUser_.reset();
  codeLabel_->Show();
  code_->Show();
  user_->Enable();
  user_->Clear();
  password_->Clear();
  code_->Clear();
  say(_("Enter the other user's ID and password."));
  user_->SetFocus();
}

void LoginDialog::onLogin() {
  const std::string userId = fromWx(user_->GetValue().Strip(wxString::both));
  const std::string password = fromWx(password_->GetValue());
  const wxString typedCode = code_->GetValue().Strip(wxString::both);
  password_->Clear();
  code_->Clear();
  try {
    if (lockedUser_) {
      accounts_.reauthenticate(userId, password);
      userId_ = userId;
      return EndModal(wxID_OK);
    }
    const LoginResult result =
        accounts_.login(userId, password, typedCode.empty() ? std::nullopt : std::optional(fromWx(typedCode)));
    if (result.mustChangePassword) {
      for (;;) {
        const auto chosen = askNewPassword(this, _("This is an initial password. Choose your own before you go on."));
        if (!chosen) return say(_("The password was not changed: log in again to change it."));
        try {
          accounts_.changePassword(userId, password, *chosen);
          break;
        } catch (const ValidationFailed& e) {
          say(errorForPerson(e));
        }
      }
    }
    if (result.mustEnrolTotp) {
      TotpEnrolDialog enrol(this, accounts_, userId);
      if (enrol.ShowModal() != wxID_OK) {
        say(_("Your role needs a confirmation-code app: log in again to enrol it."));
        user_->SetFocus();  // whoever comes next starts from the ID
        return user_->SelectAll();
      }
    }
    userId_ = userId;
    EndModal(wxID_OK);
  } catch (const Error& e) {
    say(errorForPerson(e));
    password_->SetFocus();
  }
}

}  // namespace rececon::gui
