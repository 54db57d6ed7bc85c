#include "app/gui/confirm_dialog.h"

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>

#include "app/gui/wrapped_label.h"

namespace rececon::gui {

bool confirmAction(wxWindow* parent, const wxString& title, const wxString& message, const wxString& actionLabel,
                   const wxString& backLabel) {
  wxDialog dialog(parent, wxID_ANY, title);
  auto* icon = new wxStaticBitmap(&dialog, wxID_ANY, wxArtProvider::GetBitmap(wxString::FromAscii(wxART_QUESTION), wxString::FromAscii(wxART_MESSAGE_BOX)));
  auto* text = new wxStaticText(&dialog, wxID_ANY, message);
  wrapLabel(text, dialog.FromDIP(520));
  auto* action = new wxButton(&dialog, wxID_YES, actionLabel);
  auto* back = new wxButton(&dialog, wxID_NO, backLabel);
  auto* top = new wxBoxSizer(wxHORIZONTAL);
  top->Add(icon, 0, wxALL, 12);
  top->Add(text, 1, wxTOP | wxRIGHT | wxBOTTOM, 12);
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(action, 0, wxRIGHT, 8);
  buttons->Add(back, 0);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(top, 1, wxEXPAND);
  sizer->Add(buttons, 0, wxALIGN_RIGHT | wxALL, 12);
  dialog.SetSizerAndFit(sizer);
  dialog.SetAffirmativeId(wxID_YES);
  dialog.SetEscapeId(wxID_NO);
  dialog.Bind(wxEVT_BUTTON, [&dialog](wxCommandEvent& e) { dialog.EndModal(e.GetId()); });
  back->SetDefault();
  back->SetFocus();
  dialog.CentreOnParent();
  return dialog.ShowModal() == wxID_YES;
}

}  // namespace rececon::gui
