#include "forms/form_layout.h"

namespace rececon::forms {

TextRun& labelledCell(Page& page, const Rect& rect, double labelW, const std::string& label, const std::string& value,
                      const std::string& field, double valuePt) {
  page.box(Rect{rect.x, rect.y, labelW, rect.h}, 0.2, kLabelGray);
  page.box(rect, 0.2);
  page.line(rect.x + labelW, rect.y, rect.x + labelW, rect.bottom(), 0.2);
  auto& l = page.text(Rect{rect.x, rect.y, labelW, rect.h}, label, kLabelPt, Align::Center);
  l.wrap = true;
  l.field = "label";
  auto& v = page.text(Rect{rect.x + labelW, rect.y, rect.w - labelW, rect.h}, value, valuePt);
  v.field = field;
  return v;
}

std::vector<double> tableHeader(Page& page, const Rect& rect, const std::vector<Column>& columns, double sizePt) {
  std::vector<double> offsets;
  double x = 0;
  page.box(rect, 0.3, kLabelGray);
  for (const auto& c : columns) {
    offsets.push_back(x);
    auto& t = page.text(Rect{rect.x + x, rect.y, c.widthMm, rect.h}, c.heading, sizePt, Align::Center);
    t.wrap = true;
    t.field = "heading";
    x += c.widthMm;
  }
  std::vector<double> borders(offsets.begin() + 1, offsets.end());
  page.columnLines(rect, borders);
  return offsets;
}

void tableRowFrame(Page& page, const Rect& rect, const std::vector<double>& offsets) {
  page.box(rect, 0.2);
  std::vector<double> borders(offsets.begin() + 1, offsets.end());
  page.columnLines(rect, borders, 0.15);
}

Rect cellOf(const Rect& row, const std::vector<Column>& columns, const std::vector<double>& offsets, std::size_t i) {
  return Rect{row.x + offsets.at(i), row.y, columns.at(i).widthMm, row.h};
}

void pageFooter(Page& page, const std::string& institution, const std::string& printed, int pageNumber, int pageCount) {
  const double y = page.heightMm - kMarginMm + 2;
  const double w = page.widthMm - 2 * kMarginMm;
  page.line(kMarginMm, y - 1, page.widthMm - kMarginMm, y - 1, 0.15);
  page.text(Rect{kMarginMm, y, w / 3 - 2, 5}, institution, 7.5).field = "footer.institution";
  page.text(Rect{kMarginMm + w / 3, y, w / 3, 5}, printed, 7.5, Align::Center).field = "footer.printed";
  page.text(Rect{kMarginMm + w * 2 / 3, y, w / 3, 5},
            std::to_string(pageNumber) + " / " + std::to_string(pageCount), 7.5, Align::Right)
      .field = "footer.page";
}

void formTitle(Page& page, const std::string& title, double y, double sizePt) {
  auto& t = page.text(Rect{kMarginMm, y, page.widthMm - 2 * kMarginMm, sizePt * 0.55}, title, sizePt, Align::Center);
  t.font = FontRole::Mincho;
  t.bold = true;
  t.field = "title";
}

}  // namespace rececon::forms
