#pragma once
// The window's language: its text is written in English in the code (gettext msgids) and shown in
// Japanese from the catalog resources/locale/ja/rececon.po, compiled to rececon.mo by the build.
// Japanese is the default; "en" shows the msgids as they are. Call once, on the UI thread, before the
// first window is made.

#include <string>

namespace rececon::gui {

// Loads the catalog for language ("ja" or "en"). Returns "" when the window will speak that language,
// else what went wrong (an unknown language, or the Japanese catalog not found and where it was looked
// for): the window then shows the English msgids, and the caller tells the clerk.
std::string useUiLanguage(const std::string& language);

// The language the window speaks: "ja", or "en" (asked for, or the Japanese catalog missing).
const std::string& uiLanguage();

}  // namespace rececon::gui
