#pragma once
// Layout pieces the forms share: labelled cells, table headers and the page footer. They add to a
// Page; nothing here knows a form. Any thread.
#include <string>
#include <vector>

#include "forms/page.h"

namespace rececon::forms {

inline constexpr double kMarginMm = 10;
inline constexpr double kLabelGray = 0.9;  // background of label cells
inline constexpr double kLabelPt = 7.5;

// A grey label cell of width labelW at the left of rect and the value in the rest, both outlined.
// Returns the value's run so a form can make it larger, wrap it, etc.
TextRun& labelledCell(Page& page, const Rect& rect, double labelW, const std::string& label, const std::string& value,
                      const std::string& field, double valuePt = 10);

struct Column {
  std::string heading;
  double widthMm = 0;
  Align align = Align::Left;
};

// A header row of column headings on grey; returns the x offset of each column from rect.x.
std::vector<double> tableHeader(Page& page, const Rect& rect, const std::vector<Column>& columns, double sizePt = 8);

// Outlined row with column borders at the offsets tableHeader returned.
void tableRowFrame(Page& page, const Rect& rect, const std::vector<double>& offsets);

// The cell of column i in a row.
Rect cellOf(const Rect& row, const std::vector<Column>& columns, const std::vector<double>& offsets, std::size_t i);

// Footer: the institution at the left, "印刷 令和…" in the middle, "1 / 3" at the right.
void pageFooter(Page& page, const std::string& institution, const std::string& printed, int pageNumber, int pageCount);

// The title of a form, centred at the top in Mincho.
void formTitle(Page& page, const std::string& title, double y = kMarginMm, double sizePt = 16);

}  // namespace rececon::forms
