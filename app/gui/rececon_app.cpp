// rececon: the reception front-end. Opens the data folder (creating it when missing) and shows the
// main window. Without a display it says so and points to rececon-cli. (Demo data is the run
// command's business: a real site's register starts empty.)

#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/msgdlg.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/core/error.h"
#include "app/gui/main_frame.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/operator_identity.h"

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

class RececonApp : public wxApp {
 public:
  void OnInitCmdLine(wxCmdLineParser& parser) override {
    wxApp::OnInitCmdLine(parser);
    parser.AddOption(wxS(""), wxS("data-dir"), wxS("データフォルダ"), wxCMD_LINE_VAL_STRING);
    parser.AddOption(wxS(""), wxS("operator"), wxS("操作者ID"), wxCMD_LINE_VAL_STRING);
    parser.AddSwitch(wxS(""), wxS("startup-report"), wxS("最初の画面が表示されるまでの時間とメモリを出力して終了（計測用）"));
  }

  bool OnCmdLineParsed(wxCmdLineParser& parser) override {
    wxString value;
    if (parser.Found(wxS("data-dir"), &value)) dataDir_ = fromWx(value);
    if (parser.Found(wxS("operator"), &value)) operator_ = fromWx(value);
    startupReport_ = parser.Found(wxS("startup-report"));
    return wxApp::OnCmdLineParsed(parser);
  }

  bool OnInit() override {
    if (!wxApp::OnInit()) return false;
    try {
      folder_ = std::make_unique<DataFolder>(dataDir_);
      reg_ = std::make_unique<PatientRegister>(folder_->database(), resolveOperator(folder_->database(), operator_));
    } catch (const Error& e) {
      wxMessageBox(toWx(e.what()), wxS("レセコン — 起動できません"), wxOK | wxICON_ERROR);
      return false;
    }
    auto* frame = new MainFrame(*reg_, folder_->dir().string());
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

  bool OnExceptionInMainLoop() override {
    try {
      throw;
    } catch (const InternalError& e) {
      wxMessageBox(wxS("内部エラーのため終了します。開発元に連絡してください。\n") + toWx(e.what()), wxS("レセコン"),
                   wxOK | wxICON_ERROR);
      return false;
    } catch (const Error& e) {
      wxMessageBox(toWx(e.what()), wxS("レセコン"), wxOK | wxICON_ERROR);
      return true;  // the clerk read the message; the window stays usable
    } catch (const std::exception& e) {
      wxMessageBox(wxS("内部エラーのため終了します。開発元に連絡してください。\n") + toWx(e.what()), wxS("レセコン"),
                   wxOK | wxICON_ERROR);
      return false;
    }
  }

 private:
  std::optional<std::filesystem::path> dataDir_;
  std::optional<std::string> operator_;
  std::unique_ptr<DataFolder> folder_;
  std::unique_ptr<PatientRegister> reg_;
  bool startupReport_ = false;
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
