#include "app/gui/desk_session.h"

#include <wx/dialog.h>
#include <wx/frame.h>
#include <wx/gdicmn.h>
#include <wx/toplevel.h>

#include <algorithm>
#include <vector>

#include "app/gui/login_dialog.h"
#include "app/gui/main_frame.h"

namespace rececon::gui {

DeskSession::DeskSession(Accounts accounts, std::chrono::seconds idleLimit)
    : accounts_(std::move(accounts)), idleLimit_(idleLimit), timer_(this) {
  Bind(wxEVT_TIMER, &DeskSession::onTick, this);
}

DeskSession::~DeskSession() { timer_.Stop(); }

std::optional<std::string> DeskSession::logIn() {
  LoginDialog dialog(nullptr, accounts_);
  if (dialog.ShowModal() != wxID_OK) return std::nullopt;
  noteActivity();
  return dialog.userId();
}

void DeskSession::attach(MainFrame* frame, PatientRegister& reg) {
  frame_ = frame;
  reg_ = &reg;
  frame->setLockAction([this] { lock(); });
  // Checked a few times within the limit, so the lock comes at most a few seconds late.
  const auto tick = std::clamp<long long>(idleLimit_.count() * 1000 / 4, 250, 15000);
  timer_.Start(static_cast<int>(tick));
}

void DeskSession::onTick(wxTimerEvent&) {
  if (!locked_ && std::chrono::steady_clock::now() - lastActivity_ >= idleLimit_) lock();
}

void DeskSession::lock() {
  if (locked_ || !frame_) return;
  locked_ = true;
  // A cover over the whole screen hides the desk and any dialog open on it. Hiding them instead would
  // end a modal dialog (GTK does) and lose what the person had typed before they stepped away.
  auto* cover = new wxFrame(nullptr, wxID_ANY, _("Rececon - locked"), wxPoint(0, 0), wxGetDisplaySize(),
                            wxSTAY_ON_TOP | wxFRAME_NO_TASKBAR | wxBORDER_NONE);
  cover->SetBackgroundColour(wxColour(48, 48, 48));
  cover->Show();
  cover->Raise();
  std::string userId;
  {
    LoginDialog dialog(cover, accounts_, reg_->operatorId());
    while (dialog.ShowModal() != wxID_OK) {
    }  // it ends only with a login
    userId = dialog.userId();
  }
  cover->Destroy();
  if (userId != reg_->operatorId()) {
    // Someone else took the desk: the previous user's open dialogs go with them, so that nothing of
    // theirs is saved under the new name, and their patient leaves the screen.
    for (wxWindow* window : wxTopLevelWindows) {
      if (auto* dialog = wxDynamicCast(window, wxDialog); dialog && dialog->IsModal()) dialog->EndModal(wxID_CANCEL);
    }
    reg_->actAs(userId);
    frame_->operatorChanged();
  }
  frame_->Raise();
  locked_ = false;
  noteActivity();
}

}  // namespace rececon::gui
