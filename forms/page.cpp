#include "forms/page.h"

#include <algorithm>

#include "app/core/utf8.h"

namespace rececon::forms {

Page Page::a4(Orientation o) {
  Page p;
  if (o == Orientation::Landscape) p.widthMm = 297, p.heightMm = 210;
  return p;
}

Page Page::a5(Orientation o) {
  Page p;
  p.widthMm = 148, p.heightMm = 210;
  if (o == Orientation::Landscape) p.widthMm = 210, p.heightMm = 148;
  return p;
}

TextRun& Page::text(const Rect& box, std::string text, double sizePt, Align align) {
  TextRun run;
  run.box = box;
  run.text = std::move(text);
  run.sizePt = sizePt;
  run.align = align;
  texts.push_back(std::move(run));
  return texts.back();
}

void Page::box(const Rect& rect, double lineMm, std::optional<double> fillGray) {
  boxes.push_back(Box{rect, lineMm, fillGray});
}

void Page::line(double x1, double y1, double x2, double y2, double widthMm, bool dashed) {
  lines.push_back(Line{x1, y1, x2, y2, widthMm, dashed});
}

void Page::columnLines(const Rect& rect, const std::vector<double>& offsets, double widthMm) {
  for (const double dx : offsets) line(rect.x + dx, rect.y, rect.x + dx, rect.bottom(), widthMm);
}

void Page::characterBoxes(const Rect& rect, int n, const std::string& value, double sizePt, const std::string& field) {
  const std::u32string chars = utf8::decode(value);
  const double cell = rect.w / n;
  box(rect, 0.25);
  for (int i = 1; i < n; ++i) line(rect.x + cell * i, rect.y, rect.x + cell * i, rect.bottom(), 0.15);
  // Right-justified, the last character in the last box, as on the paper forms clerks know: filled from
  // the left, a 6-digit 国保 number such as 997239 reads like an 8-digit one with its last two digits
  // missing.
  const int used = std::min(n, static_cast<int>(chars.size()));
  for (int i = 0; i < used; ++i) {
    const int slot = n - used + i;
    auto& run = text(Rect{rect.x + cell * slot, rect.y, cell, rect.h}, utf8::encode(chars.substr(i, 1)), sizePt,
                     Align::Center);
    run.field = field;
  }
  // More characters than boxes (a value longer than the form allows) must not vanish: the rest goes in
  // one run after the boxes, reported as an overflow when it does not fit.
  if (static_cast<int>(chars.size()) > n) {
    auto& rest = text(Rect{rect.right(), rect.y, cell, rect.h}, utf8::encode(chars.substr(n)), sizePt, Align::Left);
    rest.field = field;
  }
}

}  // namespace rececon::forms
