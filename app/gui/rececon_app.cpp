// rececon: the reception front-end. Opens the data folder (creating it when missing) and shows the
// main window, in Japanese unless --language en. Without a display it says so and points to
// rececon-cli. (Demo data is the run command's business: a real site's register starts empty.)

#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/msgdlg.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/core/error.h"
#include "app/gui/desk_session.h"
#include "app/gui/error_text.h"
#include "app/gui/main_frame.h"
#include "app/gui/ui_language.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/operator_identity.h"
#include "app/jobs/rights.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/terminal_identity.h"

namespace rececon::gui {
namespace {

// Set while the program loads, before main(): the start-up report counts from here.
const auto processStart = std::chrono::steady_clock::now();

// Resident memory now and at its peak (Linux /proc; elsewhere not reported).
std::string memoryInUse() {
  std::ifstream status("/proc/self/status");
  std::string line, out;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0 || line.rfind("VmHWM:", 0) == 0) out += (out.empty() ? "" : ", ") + line;
  }
  return out.empty() ? "memory not reported on this system" : out;
}

// What the clerk reads for a control: its own label (buttons, check boxes), else the text before it in
// tab order (the label of a field, whose mnemonic leads to it), else its window name.
wxString focusLabel(wxWindow* control) {
  wxString own = wxStripMenuCodes(control->GetLabel(), wxStrip_Menu);
  if (!own.empty() && !wxDynamicCast(control, wxTextCtrl)) return own;
  const wxWindowList& siblings = control->GetParent()->GetChildren();
  wxWindow* before = nullptr;
  for (wxWindow* sibling : siblings) {
    if (sibling == control) break;
    before = sibling;
  }
  if (auto* text = wxDynamicCast(before, wxStaticText))
    return wxStripMenuCodes(text->GetLabel(), wxStrip_Menu);
  return control->GetName();
}

class RececonApp : public wxApp {
 public:
  void OnInitCmdLine(wxCmdLineParser& parser) override {
    wxApp::OnInitCmdLine(parser);
    parser.AddOption(wxS(""), wxS("data-dir"), _("Data folder"), wxCMD_LINE_VAL_STRING);
    parser.AddOption(wxS(""), wxS("database"), _("Register database: a file or a postgresql:// URL"), wxCMD_LINE_VAL_STRING);
    parser.AddOption(wxS(""), wxS("operator"), _("Operator ID"), wxCMD_LINE_VAL_STRING);
    parser.AddOption(wxS(""), wxS("language"), _("Language of the window: ja (default) or en"),
                     wxCMD_LINE_VAL_STRING);
    parser.AddOption(wxS(""), wxS("idle-lock-seconds"),
                     _("Lock the screen after this many idle seconds instead of the site's minutes (for tests)"),
                     wxCMD_LINE_VAL_NUMBER);
    parser.AddSwitch(wxS(""), wxS("trace-focus"),
                     _("Print each control that takes the keyboard focus (for tests)"));
    parser.AddSwitch(
        wxS(""), wxS("startup-report"),
        _("Print the time to the first window and the memory in use, then exit (for measurement)"));
  }

  bool OnCmdLineParsed(wxCmdLineParser& parser) override {
    wxString value;
    if (parser.Found(wxS("data-dir"), &value)) dataDir_ = fromWx(value);
    if (parser.Found(wxS("database"), &value)) database_ = fromWx(value);
    if (parser.Found(wxS("operator"), &value)) operator_ = fromWx(value);
    if (long seconds = 0; parser.Found(wxS("idle-lock-seconds"), &seconds) && seconds > 0) idleSeconds_ = seconds;
    startupReport_ = parser.Found(wxS("startup-report"));
    traceFocus_ = parser.Found(wxS("trace-focus"));
    if (parser.Found(wxS("language"), &value)) languageProblem_ = useUiLanguage(fromWx(value));
    return wxApp::OnCmdLineParsed(parser);
  }

  bool OnInit() override {
    languageProblem_ = useUiLanguage("ja");  // before the command line, so that --help is in Japanese too
    if (!wxApp::OnInit()) return false;
    if (!languageProblem_.empty()) {
      std::cerr << "rececon: " << languageProblem_ << "\n";
      wxMessageBox(toWx(languageProblem_), wxS("Rececon"), wxOK | wxICON_WARNING);
    }
    try {
      folder_ = std::make_unique<DataFolder>(dataDir_, database_);
      auto& database = folder_->database();
      std::string operatorId;
      if (siteHasAccounts(database)) {
        // Nobody names themselves on a site with accounts: the desk opens for whoever logs in.
        if (operator_) std::cerr << "rececon: --operator is ignored: this site's users log in\n";
        const long minutes = std::stol(SiteSettings(database).get("accounts.idle_lock_minutes").value);
        session_ = std::make_unique<DeskSession>(Accounts::onThisTerminal(database),
                                                 std::chrono::seconds(idleSeconds_.value_or(minutes * 60)));
        const auto user = session_->logIn();
        if (!user) return false;
        operatorId = *user;
      } else {
        operatorId = resolveOperator(database, {operator_, std::nullopt, std::nullopt});
      }
      reg_ = std::make_unique<PatientRegister>(database, operatorId);
    } catch (const Error& e) {
      wxMessageBox(errorForPerson(e), _("Rececon - cannot start"), wxOK | wxICON_ERROR);
      return false;
    }
    auto* frame = new MainFrame(*reg_, folder_->dir().string());
    if (session_) session_->attach(frame, *reg_);
    frame->Show();
    if (startupReport_) reportFirstPaint(frame);
    return true;
  }

  // For the start-up benchmark: once the window is on screen and has painted what it shows, prints the
  // time since the program started and the memory in use, then closes.
  void reportFirstPaint(wxFrame* frame) {
    frame->Bind(wxEVT_IDLE, [frame, reported = false](wxIdleEvent& e) mutable {
      if (reported) return;
      if (!frame->IsShownOnScreen()) {
        e.RequestMore();
        return;
      }
      reported = true;
      frame->Update();  // paints anything still pending before the clock is read
      const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - processStart).count();
      std::printf("startup: first window painted after %.0f ms; %s\n", ms, memoryInUse().c_str());
      std::fflush(stdout);
      frame->Close();
    });
  }

  // With --trace-focus, each control that takes the focus is printed as "focus: <window title> | <label>",
  // so that a test can walk a screen with Tab and compare the order with the reading order.
  // The focus is read after every event rather than from focus events, which some native controls (a
  // GTK choice) do not send.
  int FilterEvent(wxEvent& event) override {
    if (session_) {
      const wxEventType type = event.GetEventType();
      if (type == wxEVT_KEY_DOWN || type == wxEVT_LEFT_DOWN || type == wxEVT_RIGHT_DOWN || type == wxEVT_MOUSEWHEEL) {
        session_->noteActivity();
      }
    }
    if (traceFocus_) {
      wxWindow* control = wxWindow::FindFocus();
      if (control && control != lastFocus_) {
        lastFocus_ = control;
        std::printf("focus: %s | %s\n", fromWx(wxGetTopLevelParent(control)->GetLabel()).c_str(),
                    fromWx(focusLabel(control)).c_str());
        std::fflush(stdout);
      }
    }
    return wxApp::FilterEvent(event);
  }

  bool OnExceptionInMainLoop() override {
    try {
      throw;
    } catch (const InternalError& e) {
      wxMessageBox(_("Rececon stops because of an internal error. Contact the developer.\n") + toWx(e.what()),
                   _("Rececon"), wxOK | wxICON_ERROR);
      return false;
    } catch (const Error& e) {
      wxMessageBox(errorForPerson(e), _("Rececon"), wxOK | wxICON_ERROR);
      return true;  // the clerk read the message; the window stays usable
    } catch (const std::exception& e) {
      wxMessageBox(_("Rececon stops because of an internal error. Contact the developer.\n") + toWx(e.what()),
                   _("Rececon"), wxOK | wxICON_ERROR);
      return false;
    }
  }

 private:
  std::optional<std::filesystem::path> dataDir_;
  std::optional<std::string> database_;  // --database: a file or a postgresql:// URL
  std::optional<std::string> operator_;
  std::unique_ptr<DataFolder> folder_;
  std::unique_ptr<PatientRegister> reg_;
  std::unique_ptr<DeskSession> session_;  // a site with accounts: login, idle lock, switching user
  std::optional<long> idleSeconds_;       // --idle-lock-seconds
  bool startupReport_ = false;
  bool traceFocus_ = false;
  wxWindow* lastFocus_ = nullptr;  // compared only, never used: it may be gone
  std::string languageProblem_;
};

bool hasDisplay() {
  const char* x = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (wayland && *wayland);
}

}  // namespace
}  // namespace rececon::gui

wxIMPLEMENT_APP_NO_MAIN(rececon::gui::RececonApp);

int main(int argc, char** argv) {
  if (!rececon::gui::hasDisplay()) {
    std::cerr << "rececon: 画面（ディスプレイ）が見つからないため、受付画面を開けません。\n"
                 "  画面のある端末で実行するか、コマンドラインの rececon-cli を使ってください。例:\n"
                 "    rececon-cli patient search --kana ﾐﾎﾝ\n"
                 "    rececon-cli patient show 1\n"
                 "    rececon-cli --help\n";
    return 69;  // EX_UNAVAILABLE
  }
  return wxEntry(argc, argv);
}
