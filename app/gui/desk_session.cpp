#include "app/gui/desk_session.h"

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
  std::vector<wxWindow*> hidden;
  for (wxWindow* window : wxTopLevelWindows) {
    if (window->IsShown()) {
      window->Hide();
      hidden.push_back(window);
    }
  }
  LoginDialog dialog(nullptr, accounts_, reg_->operatorId());
  while (dialog.ShowModal() != wxID_OK) {
  }  // it ends only with a login
  if (dialog.userId() != reg_->operatorId()) {
    reg_->actAs(dialog.userId());
    frame_->operatorChanged();
  }
  for (wxWindow* window : hidden) window->Show();
  frame_->Raise();
  locked_ = false;
  noteActivity();
}

}  // namespace rececon::gui
