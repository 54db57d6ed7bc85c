#include "app/gui/form_printout.h"

#include <wx/dc.h>
#include <wx/image.h>

#include <cstring>

#include "app/gui/wx_convert.h"
#include "forms/page_renderer.h"

namespace rececon::gui {
namespace {
constexpr double kPrintDpi = 300;
}

FormPrintout::FormPrintout(const forms::Document& document) : wxPrintout(toWx(document.title)), document_(document) {}

bool FormPrintout::HasPage(int page) { return page >= 1 && page <= static_cast<int>(document_.pages.size()); }

void FormPrintout::GetPageInfo(int* minPage, int* maxPage, int* pageFrom, int* pageTo) {
  *minPage = *pageFrom = 1;
  *maxPage = *pageTo = static_cast<int>(document_.pages.size());
}

bool FormPrintout::OnPrintPage(int page) {
  wxDC* dc = GetDC();
  if (!dc || !HasPage(page)) return false;
  const forms::PageImage rendered = forms::renderPageImage(document_.pages[static_cast<std::size_t>(page - 1)], kPrintDpi);
  wxImage image(rendered.width, rendered.height, false);
  std::memcpy(image.GetData(), rendered.rgb.data(), rendered.rgb.size());
  // The image has the paper's proportions, so fitting it to the paper keeps every millimetre in place.
  FitThisSizeToPaper(wxSize(rendered.width, rendered.height));
  dc->DrawBitmap(wxBitmap(image), 0, 0);
  return true;
}

wxPrintData printDataFor(const forms::Document& document) {
  wxPrintData data;
  if (document.pages.empty()) return data;
  const auto& p = document.pages.front();
  const bool landscape = p.widthMm > p.heightMm;
  const double shortSide = landscape ? p.heightMm : p.widthMm;
  data.SetPaperId(shortSide < 200 ? wxPAPER_A5 : wxPAPER_A4);
  data.SetOrientation(landscape ? wxLANDSCAPE : wxPORTRAIT);
  return data;
}

}  // namespace rececon::gui
