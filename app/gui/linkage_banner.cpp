#include "app/core/front_end_words.h"
#include "app/gui/linkage_banner.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "app/gui/wrapped_label.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {
namespace {

// Two steps fit the banner; the rest are in 連携の点検 (F9).
constexpr std::size_t kStepsShown = 2;

const wxColour kDown(248, 215, 218), kWarning(255, 243, 205), kStandAlone(207, 226, 255);

}  // namespace

LinkageBanner::LinkageBanner(wxWindow* parent, BannerActions actions) : wxPanel(parent), actions_(std::move(actions)), traceChanges_(std::getenv("RECECON_TRACE_BANNER") != nullptr) {
  title_ = new wxStaticText(this, wxID_ANY, wxS(""));
  title_->SetFont(title_->GetFont().Bold().Larger());
  detail_ = new wxStaticText(this, wxID_ANY, wxS(""));
  steps_ = new wxStaticText(this, wxID_ANY, wxS(""));
  enter_ = new wxButton(this, wxID_ANY, _("Switch to stand-alone mode (F8)"));
  capture_ = new wxButton(this, wxID_ANY, _("Record the 4 items (F7)"));
  reverify_ = new wxButton(this, wxID_ANY, _("Re-verify (Ctrl+R)"));
  diagnose_ = new wxButton(this, wxID_ANY, _("Linkage diagnosis (F9)"));
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

void LinkageBanner::trace(const wxString& shown) const {
  if (!traceChanges_) return;
  // For the window tests: what the banner says, each time it changes, as one line on standard output.
  std::printf("banner: %s\n", fromWx(shown).c_str());
  std::fflush(stdout);
}

bool LinkageBanner::update(const LinkageView& view) {
  const WatchdogReport& w = view.watchdog;
  const FallbackStatus& f = view.fallback;
  const std::int64_t unverified = f.unverified + f.checking;
  const bool wanted = !w.findings.empty() || f.active || unverified > 0;
  const bool changed = wanted != IsShown();
  if (!wanted) {
    if (changed) trace(wxS("(hidden)"));
    Hide();
    return changed;
  }
  wxString title, detail, steps;
  if (!w.findings.empty()) {
    const WatchdogFinding& top = w.findings.front();
    title = wxString(top.level == LinkageHealth::Down ? _("Linkage stopped: ") : _("Linkage warning: ")) +
            toWx(top.title);
    detail = toWx(top.detail);
    for (std::size_t i = 0; i < top.nextSteps.size() && i < kStepsShown; ++i)
      steps += wxString::Format(wxS("%zu. "), i + 1) + toWx(inFrontEndWords(top.nextSteps[i], FrontEnd::Window)) + wxS("\n");
    if (top.nextSteps.size() > kStepsShown) steps += _("More under \"Linkage diagnosis\" (F9).");
  } else {
    title = _("The linkage is back to normal");
    detail = _("Re-verify the insurance of the patients received in stand-alone mode.");
  }
  if (f.active) {
    title = _("[Receiving in stand-alone mode] ") + title;
    detail += wxString::Format(
        _("\nUnverified receptions: %lld, 4 items awaiting confirmation: %lld (call center %s)"),
        static_cast<long long>(unverified), static_cast<long long>(f.pendingCaptures),
        toWx(kCallCenterNumber));
  } else if (unverified > 0) {
    detail +=
        wxString::Format(_("\nThere are %lld unverified receptions."), static_cast<long long>(unverified));
  }
  // Long details wrap beside the buttons instead of running off the window.
  const int width = std::max(400, GetParent()->GetClientSize().GetWidth() - 300);
  if (title != title_->GetLabel() || changed) trace(title);
  title_->SetLabel(title);
  detail_->SetLabel(detail);
  wrapLabel(detail_, width);
  steps_->SetLabel(steps.Strip(wxString::trailing));
  wrapLabel(steps_, width);
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
