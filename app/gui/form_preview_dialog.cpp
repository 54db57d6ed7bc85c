#include "app/gui/form_preview_dialog.h"

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/image.h>
#include <wx/msgdlg.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>

#include <algorithm>
#include <cstring>

#include "app/core/error.h"
#include "app/gui/form_printout.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/form_documents.h"
#include "forms/page_renderer.h"

namespace rececon::gui {
namespace {

// Large enough to read a 7 pt label on screen, small enough that a portrait A4 page needs little
// scrolling; landscape pages are made to fit the preview's width instead.
constexpr double kPreviewDpi = 84;
constexpr double kPreviewWidthPx = 880;

double previewDpi(const forms::Page& page) { return std::min(kPreviewDpi, kPreviewWidthPx / (page.widthMm / 25.4)); }

enum { kPreviousId = wxID_HIGHEST + 300, kNextId, kPrintId, kSaveId };

wxBitmap bitmapOf(const forms::PageImage& rendered) {
  wxImage image(rendered.width, rendered.height, false);
  std::memcpy(image.GetData(), rendered.rgb.data(), rendered.rgb.size());
  return wxBitmap(image);
}

wxString overflowWarning(const forms::Document& document) {
  const auto overflows = forms::layoutReport(document).overflows();
  if (overflows.empty()) return wxString();
  wxString text = _("Some text does not fit its box and is cut:");
  for (const auto& n : overflows)
    text += wxString::Format(_(" page %d \""), n.page + 1) + toWx(n.text.substr(0, 60)) + wxS("」");
  return text;
}

}  // namespace

FormPreviewDialog::FormPreviewDialog(wxWindow* parent, forms::Document document,
                                     const wxString& defaultFileName)
    : wxDialog(parent, wxID_ANY, _("Print preview: ") + toWx(document.title), wxDefaultPosition,
               wxSize(940, 760), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      document_(std::move(document)),
      defaultFileName_(defaultFileName) {
  auto* top = new wxBoxSizer(wxVERTICAL);
  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  auto* previous = new wxButton(this, kPreviousId, _("Previous page (PageUp)"));
  pageLabel_ = new wxStaticText(this, wxID_ANY, wxS(""));
  auto* next = new wxButton(this, kNextId, _("Next page (PageDown)"));
  auto* printButton = new wxButton(this, kPrintId, _("&Print... Ctrl+P"));
  auto* saveButton = new wxButton(this, kSaveId, _("&Save as PDF... Ctrl+S"));
  auto* close = new wxButton(this, wxID_CANCEL, _("Close (Esc)"));
  bar->Add(previous, 0, wxRIGHT, 4);
  bar->Add(pageLabel_, 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, 8);
  bar->Add(next, 0, wxRIGHT, 16);
  bar->AddStretchSpacer();
  bar->Add(printButton, 0, wxRIGHT, 4);
  bar->Add(saveButton, 0, wxRIGHT, 4);
  bar->Add(close, 0);
  top->Add(bar, 0, wxEXPAND | wxALL, 6);
  status_ = new wxStaticText(this, wxID_ANY, wxS(""));
  status_->SetForegroundColour(wxColour(170, 0, 0));
  top->Add(status_, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
  scroll_ = new wxScrolledWindow(this, wxID_ANY);
  scroll_->SetBackgroundColour(wxColour(128, 128, 128));
  scroll_->SetScrollRate(20, 20);
  image_ = new wxStaticBitmap(scroll_, wxID_ANY, wxBitmap());
  auto* inner = new wxBoxSizer(wxVERTICAL);
  inner->Add(image_, 0, wxALIGN_CENTER_HORIZONTAL | wxALL, 10);
  scroll_->SetSizer(inner);
  top->Add(scroll_, 1, wxEXPAND | wxALL, 6);
  SetSizer(top);

  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { showPage(page_ - 1); }, kPreviousId);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { showPage(page_ + 1); }, kNextId);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { print(); }, kPrintId);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { savePdf(); }, kSaveId);
  wxAcceleratorEntry keys[] = {{wxACCEL_NORMAL, WXK_PAGEUP, kPreviousId},
                               {wxACCEL_NORMAL, WXK_PAGEDOWN, kNextId},
                               {wxACCEL_CTRL, 'P', kPrintId},
                               {wxACCEL_CTRL, 'S', kSaveId}};
  SetAcceleratorTable(wxAcceleratorTable(4, keys));
  SetEscapeId(wxID_CANCEL);

  showPage(0);
  status_->SetLabel(overflowWarning(document_));
  saveButton->SetFocus();
  CentreOnParent();
}

void FormPreviewDialog::showPage(int index) {
  const int count = static_cast<int>(document_.pages.size());
  if (index < 0 || index >= count) return;
  page_ = index;
  const forms::Page& page = document_.pages[static_cast<std::size_t>(index)];
  image_->SetBitmap(bitmapOf(forms::renderPageImage(page, previewDpi(page))));
  pageLabel_->SetLabel(wxString::Format(_("Page %d / %d"), index + 1, count));
  scroll_->FitInside();
  scroll_->Scroll(0, 0);
  Layout();
}

void FormPreviewDialog::print() {
  wxPrintDialogData data(printDataFor(document_));
  wxPrinter printer(&data);
  FormPrintout printout(document_);
  try {
    if (printer.Print(this, &printout, true)) {
      status_->SetLabel(_("Sent to the printer."));
    } else if (wxPrinter::GetLastError() == wxPRINTER_ERROR) {
      wxMessageBox(_("Could not print. Check the printer's connection and settings. You can also save a PDF "
                     "and print it from another terminal."),
                   _("Print"), wxOK | wxICON_WARNING, this);
    }
  } catch (const Error& e) {
    wxMessageBox(_("Could not print.\n\n") + toWx(e.what()), _("Print"), wxOK | wxICON_WARNING, this);
  }
}

void FormPreviewDialog::savePdf() {
  wxFileDialog dialog(this, _("Save as PDF"), wxS(""), defaultFileName_, wxS("PDF (*.pdf)|*.pdf"),
                      wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (dialog.ShowModal() != wxID_OK) return;
  try {
    const SavedForm saved = saveFormPdf(document_, fromWx(dialog.GetPath()));
    status_->SetLabel(wxString::Format(_("Saved: %s (%d pages)"), dialog.GetPath(), saved.pages));
    status_->SetForegroundColour(wxColour(0, 100, 0));
  } catch (const Error& e) {
    wxMessageBox(_("Could not save the PDF.\n\n") + toWx(e.what()), _("Save as PDF"), wxOK | wxICON_WARNING,
                 this);
  }
}

void showFormPreview(wxWindow* parent, const std::function<forms::Document()>& build, const wxString& defaultFileName) {
  try {
    FormPreviewDialog dialog(parent, build(), defaultFileName);
    dialog.ShowModal();
  } catch (const Error& e) {
    wxMessageBox(_("Could not prepare the form.\n\n") + toWx(e.what()), _("Print"), wxOK | wxICON_WARNING,
                 parent);
  }
}

}  // namespace rececon::gui
