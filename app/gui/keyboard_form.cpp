#include "app/gui/keyboard_form.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

#include "app/core/japanese_date.h"
#include "app/core/patient.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {

void moveOnEnter(wxDialog* form, std::vector<wxWindow*> order, std::function<void()> save) {
  form->Bind(wxEVT_CHAR_HOOK, [order = std::move(order), save = std::move(save)](wxKeyEvent& event) {
    const int key = event.GetKeyCode();
    if (key != WXK_RETURN && key != WXK_NUMPAD_ENTER) {
      event.Skip();
      return;
    }
    const auto it = std::find(order.begin(), order.end(), wxWindow::FindFocus());
    if (event.ControlDown() || it == order.end() || it + 1 == order.end()) save();
    else (*(it + 1))->SetFocus();
  });
}

wxStaticText* addLabelledRow(wxWindow* parent, wxSizer* grid, const wxString& label, wxWindow* field) {
  auto* text = new wxStaticText(parent, wxID_ANY, label);
  text->MoveBeforeInTabOrder(field);
  grid->Add(text, 0, wxALIGN_CENTER_VERTICAL);
  grid->Add(field, 1, wxEXPAND);
  return text;
}

wxTextCtrl* addTextRow(wxWindow* parent, wxSizer* grid, const wxString& label, long style) {
  auto* field = new wxTextCtrl(parent, wxID_ANY, wxString(), wxDefaultPosition, wxSize(260, -1), style);
  addLabelledRow(parent, grid, label, field);
  return field;
}

std::optional<std::string> typedText(const wxTextCtrl* field) {
  const std::string text = fromWx(field->GetValue());
  if (text.find_first_not_of(" \t　") == std::string::npos) return std::nullopt;
  return text;
}

void echoSexAndBirth(wxTextCtrl* sex, wxTextCtrl* birth, wxStaticText* echo) {
  const auto update = [sex, birth, echo](wxCommandEvent& event) {
    event.Skip();
    wxString text;
    if (const auto typed = typedText(sex)) {
      const auto parsed = parseSex(*typed);
      text += _("Sex: ") + (parsed ? toWx(sexLabel(*parsed)) : _("(1 or 2)"));
    }
    if (const auto typed = typedText(birth)) {
      const DateParseResult d = parseDate(*typed);
      text += (text.empty() ? wxString() : wxString(wxS("　"))) + _("Date of birth: ") +
              (d.date ? toWx(formatWareki(*d.date)) + wxString::Format(_(" (age %d)"), ageOn(*d.date, today()))
                      : _("(not a date yet)"));
    }
    echo->SetLabel(text);
  };
  sex->Bind(wxEVT_TEXT, update);
  birth->Bind(wxEVT_TEXT, update);
}

wxString validationText(const wxString& intro, const ValidationFailed& e) {
  wxString text = intro + wxS("\n");
  for (const auto& err : e.errors()) text += wxS("・") + toWx(err.label) + wxS(": ") + toWx(err.message) + wxS("\n");
  return text;
}

}  // namespace rececon::gui
