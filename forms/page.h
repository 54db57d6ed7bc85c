#pragma once
// The page model every form is built on: text runs, boxes and lines placed in millimetres from the
// top-left corner of the paper. A form is a pure function from domain data to a Document; the renderer
// (page_renderer.h) turns a Document into PDF or page images. Plain values; any thread.
#include <optional>
#include <string>
#include <vector>

namespace rececon::forms {

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;  // mm
  double right() const { return x + w; }
  double bottom() const { return y + h; }
};

// Gothic (Noto Sans CJK JP) for labels and data; Mincho (Noto Serif CJK JP) for form titles, as printed
// forms traditionally are.
enum class FontRole { Gothic, Mincho };
enum class Align { Left, Center, Right };

// Text placed in a box. It is shrunk (down to minSizePt) and, when wrap is set, wrapped so that it stays
// inside the box; what still does not fit is cut off and reported by the renderer as an overflow.
struct TextRun {
  Rect box;
  std::string text;
  double sizePt = 10;
  FontRole font = FontRole::Gothic;
  bool bold = false;
  Align align = Align::Left;
  bool wrap = false;
  bool top = false;      // align to the top of the box instead of centring vertically
  double minSizePt = 6;  // the smallest size the text may be shrunk to
  std::string field;     // what the text is (for overflow reports and tests): "patient.address"
};

struct Box {
  Rect rect;
  double lineMm = 0.25;              // 0 = no outline
  std::optional<double> fillGray;    // 0 black .. 1 white; nullopt = not filled
};

struct Line {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;  // mm
  double widthMm = 0.2;
  bool dashed = false;
};

enum class Orientation { Portrait, Landscape };

struct Page {
  double widthMm = 210, heightMm = 297;  // A4 portrait
  std::vector<Box> boxes;                // drawn first (fills under everything)
  std::vector<Line> lines;
  std::vector<TextRun> texts;            // drawn last

  static Page a4(Orientation o = Orientation::Portrait);
  static Page a5(Orientation o = Orientation::Portrait);

  TextRun& text(const Rect& box, std::string text, double sizePt = 10, Align align = Align::Left);
  void box(const Rect& rect, double lineMm = 0.25, std::optional<double> fillGray = std::nullopt);
  void line(double x1, double y1, double x2, double y2, double widthMm = 0.2, bool dashed = false);
  // Vertical lines inside rect at the given offsets from its left edge (column borders).
  void columnLines(const Rect& rect, const std::vector<double>& offsets, double widthMm = 0.2);
  // A row of n equal boxes for one character each (the digit boxes of 保険者番号, 公費負担者番号 and
  // 受給者番号). A value shorter than the row is right-justified, as numbers are on the printed forms: a
  // 6-digit 国民健康保険 number leaves the two leftmost of eight boxes empty. A longer value fills every box
  // and the rest follows the row (see page.cpp).
  void characterBoxes(const Rect& rect, int n, const std::string& value, double sizePt, const std::string& field);
};

struct Document {
  std::string title;  // PDF metadata and the GUI preview's caption
  std::vector<Page> pages;
};

}  // namespace rececon::forms
