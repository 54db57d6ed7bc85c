#include "app/gui/wrapped_label.h"

#include <wx/dcclient.h>
#include <wx/stattext.h>

#include <unordered_map>

#include "app/core/line_wrap.h"
#include "app/gui/wx_convert.h"

namespace rececon::gui {

void wrapLabel(wxStaticText* label, int width) {
  wxClientDC dc(label);
  dc.SetFont(label->GetFont());
  std::unordered_map<char32_t, std::size_t> widths;  // a label repeats few characters: measure each once
  const auto widthOf = [&](char32_t c) {
    const auto known = widths.find(c);
    if (known != widths.end()) return known->second;
    wxCoord w = 0, h = 0;
    dc.GetTextExtent(wxString(wxUniChar(static_cast<wxUint32>(c))), &w, &h);
    return widths[c] = static_cast<std::size_t>(std::max<wxCoord>(w, 0));
  };
  // Mnemonic ampersands are not used in wrapped labels: the text is taken and set as it reads.
  const std::string text = fromWx(label->GetLabelText());
  label->SetLabelText(toWx(wrapText(text, static_cast<std::size_t>(std::max(width, 1)), 0, widthOf)));
}

}  // namespace rececon::gui
