#include "app/gui/check_wait_dialog.h"

#include <wx/button.h>
#include <wx/gauge.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "app/core/error.h"
#include "app/gui/outcome_style.h"
#include "app/gui/wrapped_label.h"
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

  worker_.start(
      this,
      [request = request_, job = job_] {
        return waitForDeskCheck(request.database, request.config, request.operatorId, request.terminal,
                                request.checkId, *job);
      },
      [this](CheckReport report) {
        report_ = std::move(report);
        finish(wxID_OK);
      },
      [this](std::exception_ptr failure) {
        try {
          std::rethrow_exception(failure);
        } catch (const Cancelled&) {
          finish(wxID_CANCEL);
        } catch (const std::exception& e) {
          error_ = toWx(e.what());
          finish(wxID_ABORT);
        }
      });
  if (!request_.linkageDown.empty()) {
    // Counting towards the time-out in silence while the linkage is known to be stopped wastes the
    // patient's time: say so at once, and what to do instead.
    auto* hint = new wxStaticText(
        this, wxID_ANY,
        _("The linkage seems to be stopped: ") + request_.linkageDown +
            _("\nAn answer may not come. Esc stops waiting; then receive on the insurance card (F6) or switch to "
              "stand-alone mode (F8)."));
    hint->SetForegroundColour(kActionColour);
    wrapLabel(hint, FromDIP(520));
    sizer->Insert(2, hint, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    Fit();
  }
}

CheckWaitDialog::~CheckWaitDialog() {
  job_->requestCancel();
  worker_.join();
}

void CheckWaitDialog::cancel() {
  job_->requestCancel();
  cancel_->Disable();
  cancel_->SetLabel(_("Cancelling..."));
}

void CheckWaitDialog::finish(int code) {
  ticker_.Stop();
  worker_.join();
  EndModal(code);
}

}  // namespace rececon::gui
