#include "app/gui/check_wait_dialog.h"

#include <wx/button.h>
#include <wx/gauge.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "app/core/error.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {
namespace {
constexpr int kTickMs = 100;
}

CheckWaitDialog::CheckWaitDialog(wxWindow* parent, CheckWaitRequest request)
    : wxDialog(parent, wxID_ANY, _("Checking qualification"), wxDefaultPosition, wxSize(460, 220)),
      request_(std::move(request)),
      job_(std::make_shared<JobContext>()),
      ticker_(this),
      started_(std::chrono::steady_clock::now()) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* who = new wxStaticText(this, wxID_ANY, request_.who);
  who->SetFont(who->GetFont().Scaled(1.3f).Bold());
  sizer->Add(who, 0, wxALL, 12);
  sizer->Add(new wxStaticText(this, wxID_ANY, _("Waiting for the linkage application's answer.")), 0,
             wxLEFT | wxRIGHT, 12);
  gauge_ = new wxGauge(this, wxID_ANY, 100);
  sizer->Add(gauge_, 0, wxEXPAND | wxALL, 12);
  elapsed_ = new wxStaticText(this, wxID_ANY, wxS(""));
  sizer->Add(elapsed_, 0, wxLEFT | wxRIGHT, 12);
  cancel_ = new wxButton(this, wxID_CANCEL, _("Cancel (Esc)"));
  sizer->Add(cancel_, 0, wxALIGN_RIGHT | wxALL, 12);
  SetSizer(sizer);

  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel(); }, wxID_CANCEL);
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { cancel(); });
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
    gauge_->Pulse();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
    elapsed_->SetLabel(wxString::Format(_("%lld s elapsed"), static_cast<long long>(seconds.count())));
  });
  ticker_.Start(kTickMs);

  worker_ = std::thread([this, request = request_, job = job_] {
    try {
      db::Database connection(request.databaseFile);
      QualificationService service(connection, request.config, request.operatorId, request.terminal);
      CheckReport report = service.waitForCheck(request.checkId, *job);
      CallAfter([this, report] {
        report_ = report;
        finish(wxID_OK);
      });
    } catch (const Cancelled&) {
      CallAfter([this] { finish(wxID_CANCEL); });
    } catch (const std::exception& e) {  // a worker thread must never take the window down
      const wxString message = toWx(e.what());
      CallAfter([this, message] {
        error_ = message;
        finish(wxID_ABORT);
      });
    }
  });
}

CheckWaitDialog::~CheckWaitDialog() {
  job_->requestCancel();
  if (worker_.joinable()) worker_.join();
}

void CheckWaitDialog::cancel() {
  job_->requestCancel();
  cancel_->Disable();
  cancel_->SetLabel(_("Cancelling..."));
}

void CheckWaitDialog::finish(int code) {
  ticker_.Stop();
  if (worker_.joinable()) worker_.join();
  EndModal(code);
}

}  // namespace rececon::gui
