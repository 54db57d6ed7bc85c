#pragma once
// 4項目の記録: the items on the face of a My Number card (name, sex, birth date, address) and the
// insurer's name if known, for a patient who brought only that card while the online check is down.
// Saved with a new visit through app/jobs; a wrong entry is named under the form and nothing is saved
// until every item is right. Keyboard first: Enter moves to the next item and saves on the last; Ctrl+Enter saves. UI thread only.

#include <wx/dialog.h>

#include <cstdint>
#include <optional>

#include "app/jobs/fallback_reception.h"

class wxStaticText;
class wxTextCtrl;

namespace rececon::gui {

class CardFaceDialog : public wxDialog {
 public:
  // patientNumber: the patient selected in the window, offered (and checked against the card) if given.
  CardFaceDialog(wxWindow* parent, FallbackReception& reception, std::optional<std::int64_t> patientNumber);
  // After OK: what was stored.
  const CaptureOutcome& outcome() const { return outcome_; }

 private:
  void save();

  FallbackReception& reception_;
  wxTextCtrl* name_ = nullptr;
  wxTextCtrl* kana_ = nullptr;
  wxTextCtrl* sex_ = nullptr;
  wxTextCtrl* birth_ = nullptr;
  wxTextCtrl* address_ = nullptr;
  wxTextCtrl* insurer_ = nullptr;
  wxTextCtrl* patient_ = nullptr;
  wxStaticText* errors_ = nullptr;
  CaptureOutcome outcome_;
};

}  // namespace rececon::gui
