#include "app/gui/error_text.h"

#include <wx/intl.h>

#include "app/core/error_catalog.h"
#include "app/gui/ui_language.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {
namespace {

// How to act on a coded error in this window (the catalog's sentence names no front-end).
wxString windowHint(const std::string& code) {
  if (code == kResultNeedsPatient || code == kResultMatchesRegistered) return _(" (choose the patient above)");
  if (code == kResultNeedsInsuredNumber) return _(" (tick the insurer number and number rows)");
  if (code == kDataDirUnknown || code == kDataDirUnusable) return _(" (start rececon with --data-dir DIR)");
  if (code == kOperatorUnknown) return _(" (start rececon with --operator ID)");
  return wxString();
}

}  // namespace

wxString errorForPerson(const std::exception& e) {
  const auto* error = dynamic_cast<const Error*>(&e);
  if (!error || error->code().empty()) return toWx(e.what());
  return toWx(errorText(*error, uiLanguage())) + windowHint(error->code());
}

}  // namespace rececon::gui
