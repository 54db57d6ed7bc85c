#include "app/gui/linkage_banner.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

#include "app/gui/wx_convert.h"

namespace rececon::gui {
namespace {

// Two steps fit the banner; the rest are in 連携の点検 (F9).
constexpr std::size_t kStepsShown = 2;

const wxColour kDown(248, 215, 218), kWarning(255, 243, 205), kStandAlone(207, 226, 255);

}  // namespace

LinkageBanner::LinkageBanner(wxWindow* parent, BannerActions actions) : wxPanel(parent), actions_(std::move(actions)) {
  title_ = new wxStaticText(this, wxID_ANY, wxS(""));
  title_->SetFont(title_->GetFont().Bold().Larger());
  detail_ = new wxStaticText(this, wxID_ANY, wxS(""));
  steps_ = new wxStaticText(this, wxID_ANY, wxS(""));
  enter_ = new wxButton(this, wxID_ANY, wxS("単独モードに切り替える(F8)"));
  capture_ = new wxButton(this, wxID_ANY, wxS("4項目を記録(F7)"));
  reverify_ = new wxButton(this, wxID_ANY, wxS("再確認(Ctrl+R)"));
  diagnose_ = new wxButton(this, wxID_ANY, wxS("連携の点検(F9)"));
  auto* text = new wxBoxSizer(wxVERTICAL);
  text->Add(title_, 0, wxBOTTOM, 2);
  text->Add(detail_, 0, wxBOTTOM, 2);
  text->Add(steps_, 0);
  auto* buttons = new wxBoxSizer(wxVERTICAL);
  for (wxButton* b : {enter_, capture_, reverify_, diagnose_}) buttons->Add(b, 0, wxEXPAND | wxBOTTOM, 3);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  row->Add(text, 1, wxALL, 10);
  row->Add(buttons, 0, wxALL, 8);
  SetSizer(row);
  enter_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { actions_.enterFallback(); });
  capture_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { actions_.capture(); });
  reverify_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { actions_.reverify(); });
  diagnose_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { actions_.diagnose(); });
  Hide();
}

bool LinkageBanner::update(const LinkageView& view) {
  const WatchdogReport& w = view.watchdog;
  const FallbackStatus& f = view.fallback;
  const std::int64_t unverified = f.unverified + f.checking;
  const bool wanted = !w.findings.empty() || f.active || unverified > 0;
  const bool changed = wanted != IsShown();
  if (!wanted) {
    Hide();
    return changed;
  }
  wxString title, detail, steps;
  if (!w.findings.empty()) {
    const WatchdogFinding& top = w.findings.front();
    title = wxString(top.level == LinkageHealth::Down ? wxS("連携停止: ") : wxS("連携の注意: ")) + toWx(top.title);
    detail = toWx(top.detail);
    for (std::size_t i = 0; i < top.nextSteps.size() && i < kStepsShown; ++i)
      steps += wxString::Format(wxS("%zu. "), i + 1) + toWx(top.nextSteps[i]) + wxS("\n");
    if (top.nextSteps.size() > kStepsShown) steps += wxS("続きは「連携の点検」(F9) にあります。");
  } else {
    title = wxS("連携は正常に戻っています");
    detail = wxS("単独モードで受け付けた方の保険を再確認してください。");
  }
  if (f.active) {
    title = wxS("【単独モードで受付中】 ") + title;
    detail += wxString::Format(wxS("\n未確認の受付 %lld 件、4項目の確認待ち %lld 件（コールセンター %s）"),
                               static_cast<long long>(unverified), static_cast<long long>(f.pendingCaptures),
                               toWx(kCallCenterNumber));
  } else if (unverified > 0) {
    detail += wxString::Format(wxS("\n未確認の受付が %lld 件あります。"), static_cast<long long>(unverified));
  }
  // Long details wrap beside the buttons instead of running off the window.
  const int width = std::max(400, GetParent()->GetClientSize().GetWidth() - 300);
  title_->SetLabel(title);
  detail_->SetLabel(detail);
  detail_->Wrap(width);
  steps_->SetLabel(steps.Strip(wxString::trailing));
  steps_->Wrap(width);
  const bool down = w.health == LinkageHealth::Down;
  SetBackgroundColour(down ? kDown : w.health == LinkageHealth::Warning ? kWarning : kStandAlone);
  enter_->Show(!f.active && down);
  capture_->Show(f.active);
  reverify_->Show(unverified > 0);  // only a request shows whether the linkage is back
  Show();
  Layout();
  Refresh();
  return changed;
}

}  // namespace rececon::gui
