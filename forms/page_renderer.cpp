#include "forms/page_renderer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <fstream>
#include <memory>

#include "app/core/error.h"

namespace rececon::forms {
namespace {

constexpr double kPointMm = 25.4 / 72.0;
constexpr double kPadXMm = 0.8;
constexpr double kPadYMm = 0.2;
constexpr double kShrinkStepPt = 0.25;

const char* familyOf(FontRole role) { return role == FontRole::Mincho ? "Noto Serif CJK JP" : "Noto Sans CJK JP"; }

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Surface = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_t, cairo_surface_destroy>>;
using Cairo = std::unique_ptr<cairo_t, Deleter<cairo_t, cairo_destroy>>;
using FontOptions = std::unique_ptr<cairo_font_options_t, Deleter<cairo_font_options_t, cairo_font_options_destroy>>;
using FontDescription = std::unique_ptr<PangoFontDescription, Deleter<PangoFontDescription, pango_font_description_free>>;
void unrefObject(void* p) { g_object_unref(p); }
template <typename T>
struct GObjectDeleter {
  void operator()(T* p) const { unrefObject(p); }
};
using Layout = std::unique_ptr<PangoLayout, GObjectDeleter<PangoLayout>>;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Hinting snaps glyphs and advances to device pixels: a form would then break lines differently on
// screen, on paper and on another machine. Off, it lays out the same everywhere.
void configureLayout(PangoLayout* layout) {
  FontOptions options(cairo_font_options_create());
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(options.get(), CAIRO_ANTIALIAS_GRAY);
  PangoContext* context = pango_layout_get_context(layout);
  pango_cairo_context_set_font_options(context, options.get());
  pango_context_set_language(context, pango_language_from_string("ja-jp"));
  pango_layout_context_changed(layout);
}

void setFont(PangoLayout* layout, const TextRun& run, double sizePt) {
  FontDescription desc(pango_font_description_new());
  pango_font_description_set_family(desc.get(), familyOf(run.font));
  pango_font_description_set_weight(desc.get(), run.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  // User space is millimetres, so the size is given in millimetres too.
  pango_font_description_set_absolute_size(desc.get(), sizePt * kPointMm * PANGO_SCALE);
  pango_layout_set_font_description(layout, desc.get());
}

struct Extent {
  double w = 0, h = 0;
  int lines = 1;
};

Extent extentOf(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return Extent{static_cast<double>(logical.width) / PANGO_SCALE, static_cast<double>(logical.height) / PANGO_SCALE,
                pango_layout_get_line_count(layout)};
}

PangoAlignment pangoAlign(Align a) {
  return a == Align::Center ? PANGO_ALIGN_CENTER : a == Align::Right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

// Sets the run's text at the largest size from sizePt down to minSizePt that fits its box (wrapping
// first when allowed); at the smallest size, what is left over is cut off with an ellipsis.
FitNote fitText(PangoLayout* layout, const TextRun& run, double availW, double availH) {
  pango_layout_set_text(layout, run.text.c_str(), static_cast<int>(run.text.size()));
  pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height(layout, -1);
  if (run.wrap) {
    pango_layout_set_width(layout, static_cast<int>(availW * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, pangoAlign(run.align));
  } else {
    pango_layout_set_width(layout, -1);
  }
  FitNote note{0, run.field, run.text, run.sizePt, 1, false};
  for (double size = run.sizePt;; size -= kShrinkStepPt) {
    size = std::max(size, run.minSizePt);
    setFont(layout, run, size);
    const Extent e = extentOf(layout);
    note.sizePt = size;
    note.lines = e.lines;
    if (e.w <= availW + 1e-6 && e.h <= availH + 1e-6) return note;
    if (size <= run.minSizePt) break;
  }
  note.overflow = true;
  pango_layout_set_width(layout, static_cast<int>(availW * PANGO_SCALE));
  pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height(layout, run.wrap ? static_cast<int>(availH * PANGO_SCALE) : -1);
  if (!run.wrap) pango_layout_set_alignment(layout, pangoAlign(run.align));
  return note;
}

void drawText(cairo_t* cr, PangoLayout* layout, const TextRun& run, int pageIndex, RenderReport* report) {
  if (run.text.empty()) return;
  const double availW = std::max(0.0, run.box.w - 2 * kPadXMm);
  const double availH = std::max(0.0, run.box.h - 2 * kPadYMm);
  FitNote note = fitText(layout, run, availW, availH);
  note.page = pageIndex;
  if (report && (note.overflow || note.sizePt < run.sizePt || note.lines > 1)) report->adjusted.push_back(note);

  const Extent e = extentOf(layout);
  double x = run.box.x + kPadXMm;
  // A wrapped or cut layout aligns itself within its width; a single line is placed here.
  if (!run.wrap && !note.overflow) {
    if (run.align == Align::Center) x += (availW - e.w) / 2;
    if (run.align == Align::Right) x += availW - e.w;
  }
  const double y = run.top ? run.box.y + kPadYMm : run.box.y + (run.box.h - std::min(e.h, availH)) / 2;
  cairo_save(cr);
  cairo_rectangle(cr, run.box.x, run.box.y, run.box.w, run.box.h);
  cairo_clip(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
}

void drawPage(cairo_t* cr, const Page& page, int pageIndex, RenderReport* report) {
  for (const auto& b : page.boxes) {
    cairo_rectangle(cr, b.rect.x, b.rect.y, b.rect.w, b.rect.h);
    if (b.fillGray) {
      cairo_set_source_rgb(cr, *b.fillGray, *b.fillGray, *b.fillGray);
      cairo_fill_preserve(cr);
    }
    if (b.lineMm > 0) {
      cairo_set_source_rgb(cr, 0, 0, 0);
      cairo_set_line_width(cr, b.lineMm);
      cairo_stroke(cr);
    } else {
      cairo_new_path(cr);
    }
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (const auto& l : page.lines) {
    const double dash[] = {1.0, 0.8};
    cairo_set_dash(cr, dash, l.dashed ? 2 : 0, 0);
    cairo_set_line_width(cr, l.widthMm);
    cairo_move_to(cr, l.x1, l.y1);
    cairo_line_to(cr, l.x2, l.y2);
    cairo_stroke(cr);
  }
  cairo_set_dash(cr, nullptr, 0, 0);
  Layout layout(pango_cairo_create_layout(cr));
  configureLayout(layout.get());
  for (const auto& t : page.texts) drawText(cr, layout.get(), t, pageIndex, report);
}

void checkSurface(cairo_surface_t* surface, const std::string& what) {
  const cairo_status_t status = cairo_surface_status(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    throw EnvironmentError(what + "（" + cairo_status_to_string(status) + "）。書き込み先の空き容量と権限を確かめてください。");
  }
}

// Copies an RGB24 surface (32-bit pixels in native order) into packed 8-bit RGB.
PageImage imageOf(cairo_surface_t* surface) {
  const int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
  PageImage image{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 3)};
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < w; ++x) {
      const std::size_t o = (static_cast<std::size_t>(y) * w + x) * 3;
      image.rgb[o] = static_cast<std::uint8_t>(row[x] >> 16);
      image.rgb[o + 1] = static_cast<std::uint8_t>(row[x] >> 8);
      image.rgb[o + 2] = static_cast<std::uint8_t>(row[x]);
    }
  }
  return image;
}

}  // namespace

std::vector<FitNote> RenderReport::overflows() const {
  std::vector<FitNote> out;
  std::copy_if(adjusted.begin(), adjusted.end(), std::back_inserter(out), [](const FitNote& n) { return n.overflow; });
  return out;
}

void requireFormFonts() {
  // Fonts are not removed from under a running program: once found, they are not looked up again
  // for every page of every preview.
  static std::atomic<bool> found{false};
  if (found) return;
  PangoFontMap* map = pango_cairo_font_map_get_default();
  std::unique_ptr<PangoContext, GObjectDeleter<PangoContext>> context(pango_font_map_create_context(map));
  for (const FontRole role : {FontRole::Gothic, FontRole::Mincho}) {
    FontDescription wanted(pango_font_description_from_string(familyOf(role)));
    PangoFont* font = pango_font_map_load_font(map, context.get(), wanted.get());
    std::string found;
    if (font) {
      FontDescription got(pango_font_describe(font));
      found = pango_font_description_get_family(got.get()) ? pango_font_description_get_family(got.get()) : "";
      g_object_unref(font);
    }
    if (lower(found) != lower(familyOf(role))) {
      throw EnvironmentError(std::string("帳票用の日本語フォント「") + familyOf(role) + "」が見つかりません" +
                             (found.empty() ? "" : "（代わりに「" + found + "」になります）") +
                             "。fonts-noto-cjk をインストールしてください（setup/install-deps.sh）。");
    }
  }
  found = true;
}

RenderedPdf renderPdf(const Document& document) {
  if (document.pages.empty()) throw InvalidInput("印刷する頁がありません: " + document.title);
  requireFormFonts();
  const Page& first = document.pages.front();
  RenderedPdf out;
  const cairo_write_func_t append = [](void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  };
  Surface surface(cairo_pdf_surface_create_for_stream(append, &out.bytes, first.widthMm / kPointMm, first.heightMm / kPointMm));
  checkSurface(surface.get(), "PDF を作れませんでした: " + document.title);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, document.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "rececon");
  {
    Cairo cr(cairo_create(surface.get()));
    for (std::size_t i = 0; i < document.pages.size(); ++i) {
      const Page& page = document.pages[i];
      cairo_pdf_surface_set_size(surface.get(), page.widthMm / kPointMm, page.heightMm / kPointMm);
      cairo_save(cr.get());
      cairo_scale(cr.get(), 1 / kPointMm, 1 / kPointMm);
      drawPage(cr.get(), page, static_cast<int>(i), &out.report);
      cairo_restore(cr.get());
      cairo_show_page(cr.get());
    }
  }
  cairo_surface_finish(surface.get());
  checkSurface(surface.get(), "PDF を作れませんでした: " + document.title);
  return out;
}

RenderReport writePdf(const Document& document, const std::string& path) {
  RenderedPdf pdf = renderPdf(document);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << pdf.bytes;
  file.close();
  if (!file) throw EnvironmentError("PDF を書き込めませんでした: " + path + "。書き込み先の空き容量と権限を確かめてください。");
  return pdf.report;
}

PageImage renderPageImage(const Page& page, double dpi, RenderReport* report) {
  requireFormFonts();
  const int w = static_cast<int>(page.widthMm / 25.4 * dpi + 0.5);
  const int h = static_cast<int>(page.heightMm / 25.4 * dpi + 0.5);
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  checkSurface(surface.get(), "頁の画像を作れませんでした");
  {
    Cairo cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), dpi / 25.4, dpi / 25.4);
    drawPage(cr.get(), page, 0, report);
  }
  cairo_surface_flush(surface.get());
  return imageOf(surface.get());
}

RenderReport layoutReport(const Document& document) {
  requireFormFonts();
  RenderReport report;
  // Hinting is off, so a one-pixel surface lays text out exactly as the PDF does.
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1));
  Cairo cr(cairo_create(surface.get()));
  for (std::size_t i = 0; i < document.pages.size(); ++i) drawPage(cr.get(), document.pages[i], static_cast<int>(i), &report);
  return report;
}

PageImage loadPng(const std::string& path) {
  Surface surface(cairo_image_surface_create_from_png(path.c_str()));
  checkSurface(surface.get(), "PNG を読めませんでした: " + path);
  Surface rgb(cairo_image_surface_create(CAIRO_FORMAT_RGB24, cairo_image_surface_get_width(surface.get()),
                                         cairo_image_surface_get_height(surface.get())));
  {
    Cairo cr(cairo_create(rgb.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_set_source_surface(cr.get(), surface.get(), 0, 0);
    cairo_paint(cr.get());
  }
  cairo_surface_flush(rgb.get());
  return imageOf(rgb.get());
}

}  // namespace rececon::forms
