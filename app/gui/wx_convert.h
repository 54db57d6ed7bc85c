#pragma once
// The one seam between the project's UTF-8 std::string and wxString.

#include <wx/string.h>

#include <string>

namespace rececon::gui {

inline wxString toWx(const std::string& text) { return wxString::FromUTF8(text.data(), text.size()); }

inline std::string fromWx(const wxString& text) {
  const wxScopedCharBuffer utf8 = text.utf8_str();
  return std::string(utf8.data(), utf8.length());
}

}  // namespace rececon::gui
