#include "app/gui/approval_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "app/gui/error_text.h"
#include "app/gui/keyboard_form.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {

ApprovalDialog::ApprovalDialog(wxWindow* parent, Accounts& accounts)
    : wxDialog(parent, wxID_ANY, _("Supervisor's approval")), accounts_(accounts) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(this, wxID_ANY,
                              _("Changing a registered patient's name, birth date or insured numbers needs a supervisor.\n"
                                "The supervisor enters their own ID, password and confirmation code here.")),
             0, wxALL, 12);
  auto* grid = new wxFlexGridSizer(2, 8, 8);
  grid->AddGrowableCol(1);
  user_ = addTextRow(this, grid, _("Supervisor's user ID"));
  password_ = addTextRow(this, grid, _("Password"), wxTE_PASSWORD);
  code_ = addTextRow(this, grid, _("Confirmation code (6 digits)"));
  code_->SetMaxLength(6);
  sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
  message_ = new wxStaticText(this, wxID_ANY, wxString());
  message_->SetForegroundColour(*wxRED);
  sizer->Add(message_, 0, wxALL, 12);
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  auto* ok = new wxButton(this, wxID_OK, _("&Approve"));
  ok->SetDefault();
  buttons->Add(ok, 0, wxRIGHT, 8);
  buttons->Add(new wxButton(this, wxID_CANCEL, _("Cancel (&C)")), 0);
  sizer->Add(buttons, 0, wxALIGN_RIGHT | wxALL, 12);
  SetSizerAndFit(sizer);
  CentreOnParent();
  user_->SetFocus();
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onApprove(); }, wxID_OK);
}

void ApprovalDialog::onApprove() {
  const wxString code = code_->GetValue().Strip(wxString::both);
  try {
    approval_ = accounts_.approve(fromWx(user_->GetValue().Strip(wxString::both)), fromWx(password_->GetValue()),
                                  code.empty() ? std::nullopt : std::optional(fromWx(code)));
    EndModal(wxID_OK);
  } catch (const Error& e) {
    password_->Clear();
    code_->Clear();
    message_->SetLabel(errorForPerson(e));
    message_->Wrap(FromDIP(380));
    Fit();
    password_->SetFocus();
  }
}

bool needsSupervisor(const Error& refusal) {
  return refusal.code() == kRoleRequired &&
         std::any_of(refusal.params().begin(), refusal.params().end(),
                     [](const auto& p) { return p.first == "role" && p.second == roleLabel(Role::Supervisor); });
}

std::optional<SupervisorApproval> askSupervisorApproval(wxWindow* parent, PatientRegister& reg) {
  Accounts accounts = Accounts::onThisTerminal(reg.database());
  ApprovalDialog dialog(parent, accounts);
  if (dialog.ShowModal() != wxID_OK) return std::nullopt;
  return dialog.approval();
}

}  // namespace rececon::gui
