#pragma once
// What the keyboard-first forms (patient, 4-item record, appointment) share: Enter moves to the next
// item in reading order and saves on the last (Ctrl+Enter saves anywhere), and a validation failure is
// listed item by item under the form. Tab follows the order the controls were made in, so the forms make
// each label just before its field (its mnemonic leads to the next control in tab order); the
// gui_keyboard_order test walks each form with Tab. UI thread only.

#include <wx/dialog.h>
#include <wx/string.h>

#include <functional>
#include <vector>

#include "app/core/field_errors.h"

namespace rececon::gui {

void moveOnEnter(wxDialog* form, std::vector<wxWindow*> order, std::function<void()> save);

// "<intro>\n・label: message\n…"
wxString validationText(const wxString& intro, const ValidationFailed& e);

}  // namespace rececon::gui
