#pragma once
// The banner across the top of the reception window: shown at once when the watchdog finds the
// linkage down or degraded, or while reception runs stand-alone, with the plain cause, what was seen,
// the first things to do and buttons for the next step. Hidden while everything is well. UI thread only.

#include <wx/panel.h>

#include <functional>

#include "app/jobs/desk_watch.h"

class wxButton;
class wxStaticText;

namespace rececon::gui {


struct BannerActions {
  std::function<void()> enterFallback;  // 単独モードに切り替える (asks first)
  std::function<void()> capture;        // 4項目を記録
  std::function<void()> reverify;       // 再確認
  std::function<void()> diagnose;       // 連携の点検
};

class LinkageBanner : public wxPanel {
 public:
  LinkageBanner(wxWindow* parent, BannerActions actions);
  // Shows or hides itself for the view; returns whether its visibility changed (the parent re-lays out).
  bool update(const LinkageView& view);

 private:
  void trace(const wxString& shown) const;  // with RECECON_TRACE_BANNER set: "banner: <title>" on stdout

  BannerActions actions_;
  bool traceChanges_ = false;
  wxStaticText* title_ = nullptr;
  wxStaticText* detail_ = nullptr;
  wxStaticText* steps_ = nullptr;
  wxButton* enter_ = nullptr;
  wxButton* capture_ = nullptr;
  wxButton* reverify_ = nullptr;
  wxButton* diagnose_ = nullptr;
};

}  // namespace rececon::gui
