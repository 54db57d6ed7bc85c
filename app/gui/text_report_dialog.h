#pragma once
// A report a clerk reads (and may copy): a title and plain text in a read-only box. UI thread only.

#include <wx/dialog.h>

namespace rececon::gui {

class TextReportDialog : public wxDialog {
 public:
  TextReportDialog(wxWindow* parent, const wxString& title, const wxString& text);
};

}  // namespace rececon::gui
