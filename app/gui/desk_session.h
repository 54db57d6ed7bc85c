#pragma once
// Who is at the desk, on a site with accounts: the login before the window opens, the lock after the
// site's idle minutes (accounts.idle_lock_minutes) — the screen covered until the password is typed
// again —, and switching to another user from the lock (Ctrl+L). No unattended open session: the desk
// is never left showing patients to whoever walks by. UI thread only.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <wx/event.h>
#include <wx/timer.h>

#include "app/jobs/accounts.h"
#include "app/jobs/patient_register.h"

namespace rececon::gui {

class MainFrame;

class DeskSession : public wxEvtHandler {
 public:
  // idleLimit: from the site setting, or shorter for a test (--idle-lock-seconds).
  DeskSession(Accounts accounts, std::chrono::seconds idleLimit);
  ~DeskSession() override;

  // The login dialog; the user ID, or nullopt when the person quit.
  std::optional<std::string> logIn();
  // Starts watching for idleness; the frame's Ctrl+L locks.
  void attach(MainFrame* frame, PatientRegister& reg);
  // A key or mouse press anywhere in the program (the application's event filter).
  void noteActivity() { lastActivity_ = std::chrono::steady_clock::now(); }
  // Covers the screen and asks for the password (or another user's login) to go on.
  void lock();

 private:
  void onTick(wxTimerEvent& event);

  Accounts accounts_;
  std::chrono::seconds idleLimit_;
  std::chrono::steady_clock::time_point lastActivity_ = std::chrono::steady_clock::now();
  MainFrame* frame_ = nullptr;
  PatientRegister* reg_ = nullptr;
  wxTimer timer_;
  bool locked_ = false;
};

}  // namespace rececon::gui
