#pragma once
// 資格確認中: waits for one check's answer on a worker thread with its own database connection, so the
// window never freezes; shows who is being checked and for how long (and at once when the linkage is
// known to be stopped), and 取消 (Escape too) stops waiting
// — the request stays out and a late answer arrives with the other results. UI thread only; the worker
// reaches the dialog only through CallAfter and is joined before the dialog goes.

#include <wx/dialog.h>
#include <wx/timer.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "app/gui/background_task.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/desk_check.h"
#include "app/jobs/job_context.h"
#include "app/jobs/qualification_service.h"

class wxGauge;
class wxStaticText;
class wxButton;

namespace rececon::gui {

struct CheckWaitRequest {
  DatabaseLocation database;
  DeskExchange config;
  std::string operatorId, terminal;
  std::int64_t checkId = 0;
  wxString who;  // 患者番号 N 氏名
  wxString linkageDown;  // the watchdog's cause when the linkage is known to be stopped; empty when not
};

class CheckWaitDialog : public wxDialog {
 public:
  CheckWaitDialog(wxWindow* parent, CheckWaitRequest request);
  ~CheckWaitDialog() override;

  // After ShowModal: wxID_OK with report(); wxID_CANCEL when the person stopped waiting; wxID_ABORT with
  // error() (the database or the folders failed).
  const std::optional<CheckReport>& report() const { return report_; }
  const wxString& error() const { return error_; }

 private:
  void cancel();
  void finish(int code);

  CheckWaitRequest request_;
  std::shared_ptr<JobContext> job_;
  BackgroundTask worker_;
  wxTimer ticker_;
  std::chrono::steady_clock::time_point started_;
  std::optional<CheckReport> report_;
  wxString error_;
  wxGauge* gauge_ = nullptr;
  wxStaticText* elapsed_ = nullptr;
  wxButton* cancel_ = nullptr;
};

}  // namespace rececon::gui
