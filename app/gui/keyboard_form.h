#pragma once
// What the keyboard-first forms (patient, 4-item record, appointment) share: Enter moves to the next
// item in reading order and saves on the last (Ctrl+Enter saves anywhere), and a validation failure is
// listed item by item under the form. Tab follows the order the controls were made in, and a label's
// mnemonic leads to the control after it in that order: addLabelledRow keeps each label just before its
// field. The gui_keyboard_order test walks each form with Tab. UI thread only.

#include <wx/dialog.h>
#include <wx/string.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/core/field_errors.h"

namespace rececon::gui {

void moveOnEnter(wxDialog* form, std::vector<wxWindow*> order, std::function<void()> save);

// Adds a row "label | field" to a two-column grid, the label put just before the field in tab order so
// that its mnemonic (Alt+…) leads to the field whatever order they were made in. Returns the label.
wxStaticText* addLabelledRow(wxWindow* parent, wxSizer* grid, const wxString& label, wxWindow* field);
// Such a row with a new text field (wxTE_PASSWORD for a password), which it returns.
wxTextCtrl* addTextRow(wxWindow* parent, wxSizer* grid, const wxString& label, long style = 0);

// What was typed in the field, or nullopt when it is empty or only spaces (half- or full-width): an item
// the clerk left blank.
std::optional<std::string> typedText(const wxTextCtrl* field);

// "<intro>\n・label: message\n…"
wxString validationText(const wxString& intro, const ValidationFailed& e);

// Says back, while they are typed, how the sex and the date of birth are read — 女, 昭和50年4月1日（51歳）
// for 2 and S50.4.1 — so that a clerk sees a wrong era or a swapped digit before saving. Updates echo
// on every change of either field.
void echoSexAndBirth(wxTextCtrl* sex, wxTextCtrl* birth, wxStaticText* echo);

}  // namespace rececon::gui
