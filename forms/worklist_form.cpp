#include "forms/worklist_form.h"

#include <algorithm>

#include "forms/form_layout.h"

namespace rececon::forms {
namespace {

constexpr double kRowH = 18;
constexpr double kTableY = 30;

const std::vector<Column>& columns() {
  static const std::vector<Column> c = {{"済", 9, Align::Center}, {"予約", 14, Align::Center},
                                        {"患者番号", 18, Align::Right}, {"氏名（カナ）", 44},
                                        {"保険（照会した番号）", 50},   {"結果", 36},
                                        {"対応・相違する項目・OQS の応答", 106}};
  return c;
}

void row(Page& page, const Rect& r, const std::vector<double>& offsets, const WorklistRow& w) {
  const auto& cols = columns();
  tableRowFrame(page, r, offsets);
  const Rect tick = cellOf(r, cols, offsets, 0);
  page.box(Rect{tick.x + 2, tick.y + 2, tick.w - 4, tick.w - 4}, 0.25);
  if (w.done) page.text(Rect{tick.x + 2, tick.y + 2, tick.w - 4, tick.w - 4}, "済", 9, Align::Center).field = "done";
  if (w.done && !w.doneBy.empty()) {
    auto& by = page.text(Rect{tick.x, tick.y + tick.w, tick.w, r.h - tick.w}, w.doneBy, 5.5, Align::Center);
    by.minSizePt = 4;
    by.wrap = true;
    by.field = "done_by";
  }
  page.text(cellOf(r, cols, offsets, 1), w.appointmentTime, 9, Align::Center).field = "time";
  page.text(cellOf(r, cols, offsets, 2), std::to_string(w.patientNumber), 9, Align::Right).field = "patient_number";
  const Rect nameCell = cellOf(r, cols, offsets, 3);
  page.text(Rect{nameCell.x, nameCell.y + 1, nameCell.w, 6}, w.nameKana, 8).field = "kana";
  page.text(Rect{nameCell.x, nameCell.y + 7, nameCell.w, r.h - 8}, w.name, 12).field = "name";
  auto& insurance = page.text(cellOf(r, cols, offsets, 4), w.insurance, 8);
  insurance.wrap = true;
  insurance.field = "insurance";
  auto& outcome = page.text(cellOf(r, cols, offsets, 5), w.outcomeLabel, 9);
  outcome.wrap = true;
  outcome.bold = true;
  outcome.field = "outcome";
  std::string detail = w.detail;
  if (!w.comparison.empty()) detail += "\n" + w.comparison;
  if (!w.processing.empty()) detail += "\n" + w.processing;
  auto& text = page.text(cellOf(r, cols, offsets, 6), detail, 8);
  text.wrap = true;
  text.minSizePt = 5;
  text.field = "detail";
}

}  // namespace

Document worklistForm(const WorklistSheetData& d) {
  const int rows = static_cast<int>(d.rows.size());
  const int pageCount = std::max(1, (rows + kWorklistRowsPerPage - 1) / kWorklistRowsPerPage);
  const auto open = std::count_if(d.rows.begin(), d.rows.end(), [](const WorklistRow& r) { return !r.done; });
  Document doc{"一括照会 作業リスト " + formatWareki(d.checkDate) + "分", {}};
  for (int p = 0; p < pageCount; ++p) {
    Page page = Page::a4(Orientation::Landscape);
    formTitle(page, "一括照会　作業リスト", kMarginMm, 15);
    const double w = page.widthMm - 2 * kMarginMm;
    page.text(Rect{kMarginMm, 20, w, 7},
              formatWareki(d.checkDate) + " 受診予定分　要対応 " + std::to_string(rows) + " 件（未対応 " +
                  std::to_string(open) + " 件）",
              11)
        .field = "summary";
    const auto offsets = tableHeader(page, Rect{kMarginMm, kTableY, w, 7}, columns(), 8);
    for (int i = 0; i < kWorklistRowsPerPage; ++i) {
      const int index = p * kWorklistRowsPerPage + i;
      if (index >= rows) break;
      row(page, Rect{kMarginMm, kTableY + 7 + i * kRowH, w, kRowH}, offsets, d.rows[static_cast<std::size_t>(index)]);
    }
    if (rows == 0) {
      page.text(Rect{kMarginMm, kTableY + 12, w, 8}, "要対応の患者はいません。", 11, Align::Center).field = "empty";
    }
    pageFooter(page, d.institutionName, "印刷 " + formatWareki(d.printedOn), p + 1, pageCount);
    doc.pages.push_back(std::move(page));
  }
  return doc;
}

}  // namespace rececon::forms
