#include "app/gui/text_report_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

namespace rececon::gui {

TextReportDialog::TextReportDialog(wxWindow* parent, const wxString& title, const wxString& text)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxSize(900, 520), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
  auto* body = new wxTextCtrl(this, wxID_ANY, text, wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE | wxTE_READONLY);
  auto* close = new wxButton(this, wxID_CLOSE, _("Close"));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(body, 1, wxEXPAND | wxALL, 10);
  sizer->Add(close, 0, wxALIGN_RIGHT | wxRIGHT | wxBOTTOM, 10);
  SetSizer(sizer);
  SetEscapeId(wxID_CLOSE);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
  close->SetFocus();
}

}  // namespace rececon::gui
