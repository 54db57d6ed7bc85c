#pragma once
// Sends a form to a printer through wxWidgets' printing: each page is rendered by the forms renderer at
// 300 dpi and scaled to the paper, so paper and PDF show the same layout. UI thread only.

#include <wx/print.h>

#include "forms/page.h"

namespace rececon::gui {

class FormPrintout : public wxPrintout {
 public:
  explicit FormPrintout(const forms::Document& document);

  bool HasPage(int page) override;
  void GetPageInfo(int* minPage, int* maxPage, int* pageFrom, int* pageTo) override;
  bool OnPrintPage(int page) override;

 private:
  const forms::Document& document_;
};

// Paper size and orientation for the document's first page (A4/A5, portrait/landscape).
wxPrintData printDataFor(const forms::Document& document);

}  // namespace rececon::gui
