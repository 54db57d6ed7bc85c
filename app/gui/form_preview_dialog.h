#pragma once
// 印刷プレビュー: a form (forms::Document) page by page as it will print, with 印刷 (Ctrl+P, through the
// system's print dialog), PDF に保存 (Ctrl+S) and a warning when some text did not fit its box.
// PageUp/PageDown turn pages, Escape closes. UI thread only.

#include <wx/dialog.h>

#include <functional>

#include "forms/page.h"

class wxScrolledWindow;
class wxStaticBitmap;
class wxStaticText;

namespace rececon::gui {

class FormPreviewDialog : public wxDialog {
 public:
  FormPreviewDialog(wxWindow* parent, forms::Document document, const wxString& defaultFileName);

 private:
  void showPage(int index);
  void print();
  void savePdf();

  forms::Document document_;
  wxString defaultFileName_;
  int page_ = 0;
  wxScrolledWindow* scroll_ = nullptr;
  wxStaticBitmap* image_ = nullptr;
  wxStaticText* pageLabel_ = nullptr;
  wxStaticText* status_ = nullptr;
};

// Builds the document and shows it in a preview; a failure to build or render (patient not found,
// fonts missing) becomes a message box naming what to do.
void showFormPreview(wxWindow* parent, const std::function<forms::Document()>& build, const wxString& defaultFileName);

}  // namespace rececon::gui
