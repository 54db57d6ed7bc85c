#pragma once
// A question before an action that changes how the desk works. Asked the way a Japanese clerk expects:
// the buttons say what they do (never a bare Yes/No, which GTK would show in English), the action first
// and the way back after it, and Enter or Escape take the way back — a stray Enter changes nothing.
// UI thread only.

#include <wx/string.h>

class wxWindow;

namespace rececon::gui {

// True when the person chose `actionLabel` (its mnemonic, a click, or Tab to it and Enter).
bool confirmAction(wxWindow* parent, const wxString& title, const wxString& message, const wxString& actionLabel,
                   const wxString& backLabel);

}  // namespace rececon::gui
