#include "app/gui/totp_enrol_dialog.h"

#include <wx/button.h>
#include <wx/dcmemory.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "app/core/error.h"
#include "app/gui/error_text.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/qr_code.h"

namespace rececon::gui {
namespace {

// The code drawn black on white with its 4-module quiet zone, big enough for a phone's camera.
wxBitmap qrBitmap(const QrCode& code, int moduleSize) {
  constexpr int quiet = 4;
  const int side = (code.width + 2 * quiet) * moduleSize;
  wxBitmap bitmap(side, side);
  wxMemoryDC dc(bitmap);
  dc.SetBackground(*wxWHITE_BRUSH);
  dc.Clear();
  dc.SetPen(*wxTRANSPARENT_PEN);
  dc.SetBrush(*wxBLACK_BRUSH);
  for (int y = 0; y < code.width; ++y) {
    for (int x = 0; x < code.width; ++x) {
      if (code.at(x, y)) dc.DrawRectangle((x + quiet) * moduleSize, (y + quiet) * moduleSize, moduleSize, moduleSize);
    }
  }
  dc.SelectObject(wxNullBitmap);
  return bitmap;
}

// Groups of four, as apps show keys typed by hand.
wxString grouped(const std::string& key) {
  wxString out;
  for (std::size_t i = 0; i < key.size(); ++i) out += (i && i % 4 == 0 ? wxS(" ") : wxString()) + wxString(key[i]);
  return out;
}

}  // namespace

TotpEnrolDialog::TotpEnrolDialog(wxWindow* parent, Accounts& accounts, const std::string& userId)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Enrol your authenticator app (%s)"), toWx(userId))),
      accounts_(accounts),
      userId_(userId) {
  const TotpEnrolment enrolment = accounts_.beginTotp(userId_);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(this, wxID_ANY,
                              _("This account logs in with its password and a 6-digit confirmation code.\n"
                                "First enrol an authenticator app on your phone:\n"
                                "1. Scan this QR code with the app (Google Authenticator, Microsoft Authenticator, ...).\n"
                                "2. Enter the 6 digits the app shows.\n"
                                "3. Press \"Enrol\".\n"
                                "Do not let anyone else see this screen.")),
             0, wxALL, 12);
  sizer->Add(new wxStaticBitmap(this, wxID_ANY, qrBitmap(qrCodeOf(enrolment.uri), FromDIP(6))), 0,
             wxALIGN_CENTER | wxLEFT | wxRIGHT, 12);
  auto* key = new wxStaticText(this, wxID_ANY, _("If the QR code cannot be read, type this key into the app: ") + grouped(enrolment.secretText));
  sizer->Add(key, 0, wxALL, 12);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  row->Add(new wxStaticText(this, wxID_ANY, _("Confirmation code (6 digits)")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  code_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(120, -1));
  code_->SetMaxLength(6);
  row->Add(code_, 0);
  sizer->Add(row, 0, wxLEFT | wxRIGHT, 12);
  message_ = new wxStaticText(this, wxID_ANY, wxString());
  message_->SetForegroundColour(*wxRED);
  sizer->Add(message_, 0, wxALL, 12);
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  auto* ok = new wxButton(this, wxID_OK, _("&Enrol"));
  ok->SetDefault();
  buttons->Add(ok, 0, wxRIGHT, 8);
  buttons->Add(new wxButton(this, wxID_CANCEL, _("Not now (no login) (&C)")), 0);
  sizer->Add(buttons, 0, wxALIGN_RIGHT | wxALL, 12);
  SetSizerAndFit(sizer);
  CentreOnScreen();
  code_->SetFocus();
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onConfirm(); }, wxID_OK);
}

void TotpEnrolDialog::onConfirm() {
  try {
    accounts_.confirmTotp(userId_, fromWx(code_->GetValue().Strip(wxString::both)));
    EndModal(wxID_OK);
  } catch (const Error& e) {
    message_->SetLabel(errorForPerson(e));
    message_->Wrap(FromDIP(380));
    Fit();
    code_->SetFocus();
    code_->SelectAll();
  }
}

}  // namespace rececon::gui
