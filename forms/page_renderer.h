#pragma once
// Renders Documents (page.h) to PDF and to page images with cairo + pango — no display needed, so the
// nightly CLI prints the same forms as the window. Text is set in Noto Sans/Serif CJK JP with hinting off,
// so a form lays out identically on every machine; a machine without those fonts gets an
// EnvironmentError naming the package, never a silent substitute.
// Any thread, one call at a time per Document.
#include <cstdint>
#include <string>
#include <vector>

#include "forms/page.h"

namespace rececon::forms {

// A text run that had to be shrunk, wrapped, or did not fit at all.
struct FitNote {
  int page = 0;        // 0-based
  std::string field;   // TextRun::field
  std::string text;
  double sizePt = 0;   // the size it was set in
  int lines = 1;
  bool overflow = false;  // cut off (an ellipsis shows where)
};

struct RenderReport {
  std::vector<FitNote> adjusted;  // shrunk or wrapped (and fitted) or overflowed
  std::vector<FitNote> overflows() const;
};

// 8-bit RGB rows, top to bottom, no padding.
struct PageImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgb;
};

// Checks that the form fonts are installed (looked up once per process). Throws EnvironmentError
// (Japanese, names the package).
void requireFormFonts();

struct RenderedPdf {
  std::string bytes;
  RenderReport report;
};

// The document as PDF bytes. Throws EnvironmentError when the fonts are missing, InvalidInput for a
// document without pages.
RenderedPdf renderPdf(const Document& document);

// Writes the document as a PDF at path (overwriting it, not atomically: saving for people goes through
// app/jobs saveFormPdf). Throws EnvironmentError when the fonts are
// missing or the file cannot be written, InvalidInput for a document without pages.
RenderReport writePdf(const Document& document, const std::string& path);

// Lays the document out without drawing anything, to see what had to be shrunk or cut.
RenderReport layoutReport(const Document& document);

// One page as an image at the given resolution (preview, printing through the GUI's printer).
PageImage renderPageImage(const Page& page, double dpi, RenderReport* report = nullptr);

// A PNG file (the golden images of the form tests). Throws EnvironmentError.
PageImage loadPng(const std::string& path);

}  // namespace rececon::forms
