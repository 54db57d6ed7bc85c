#pragma once
// What the window says of an error: a coded error's sentence from the catalog in the window's language,
// with how to act in the window; any other error's message as it is. UI thread only.

#include <wx/string.h>

#include <exception>

namespace rececon::gui {

wxString errorForPerson(const std::exception& e);

}  // namespace rececon::gui
