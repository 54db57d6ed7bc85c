#include "forms/outage_sheet_form.h"

#include "forms/form_layout.h"
#include "forms/form_text.h"

namespace rececon::forms {
namespace {

constexpr double kRowH = 17;
constexpr double kTableY = 42;

const std::vector<Column>& columns() {
  static const std::vector<Column> c = {{"No", 9, Align::Center},       {"来院日", 24},   {"氏名（カナ）", 50},
                                        {"生年月日", 31},             {"性別", 11, Align::Center}, {"住所", 70},
                                        {"保険者名", 32},             {"患者番号", 18, Align::Right},
                                        {"照会結果・確認者", 32}};
  return c;
}

void heading(Page& page, const OutageSheetData& d) {
  formTitle(page, "障害時 4情報 記録票（コールセンター照会用）", kMarginMm, 15);
  const double w = page.widthMm - 2 * kMarginMm;
  page.text(Rect{kMarginMm, 20, w / 2, 6}, "医療機関　" + institutionText(d.institutionName, d.institutionCode), 10).field =
      "institution";
  page.text(Rect{kMarginMm + w / 2, 20, w / 2, 6}, "オンライン資格確認コールセンター　" + d.callCenterNumber, 10,
            Align::Right)
      .field = "call_center";
  auto& how = page.text(Rect{kMarginMm, 27, w, 11},
                        "マイナンバーカード券面の4情報（氏名・生年月日・性別・住所）を写し、コールセンターに照会して"
                        "結果と確認者を記入してください。照会の結果は受付のシステムにも記録します。",
                        8.5);
  how.wrap = true;
  how.field = "instructions";
}

void row(Page& page, const Rect& r, const std::vector<double>& offsets, int number, const OutageCaptureRow* c,
         Date printedOn) {
  const auto& cols = columns();
  tableRowFrame(page, r, offsets);
  page.text(cellOf(r, cols, offsets, 0), std::to_string(number), 9, Align::Center).field = "no";
  if (!c) return;
  page.text(cellOf(r, cols, offsets, 1), optionalWareki(c->visitDate), 8.5).field = "visit_date";
  const Rect nameCell = cellOf(r, cols, offsets, 2);
  page.text(Rect{nameCell.x, nameCell.y, nameCell.w, 6}, c->nameKana, 8).field = "kana";
  page.text(Rect{nameCell.x, nameCell.y + 6, nameCell.w, r.h - 6}, c->name, 12).field = "name";
  page.text(cellOf(r, cols, offsets, 3), c->birthDate ? birthText(*c->birthDate, printedOn) : "", 8.5).wrap = true;
  page.texts.back().field = "birth_date";
  page.text(cellOf(r, cols, offsets, 4), c->sex ? sexLabel(*c->sex) : "", 11, Align::Center).field = "sex";
  auto& address = page.text(cellOf(r, cols, offsets, 5), c->address, 9);
  address.wrap = true;
  address.field = "address";
  auto& insurer = page.text(cellOf(r, cols, offsets, 6), c->insurerName, 8.5);
  insurer.wrap = true;
  insurer.field = "insurer_name";
  page.text(cellOf(r, cols, offsets, 7), c->patientNumber ? std::to_string(*c->patientNumber) : "", 9, Align::Right)
      .field = "patient_number";
  auto& confirmation = page.text(cellOf(r, cols, offsets, 8), c->confirmation, 8);
  confirmation.wrap = true;
  confirmation.field = "confirmation";
}

}  // namespace

Document outageSheetForm(const OutageSheetData& d) {
  const int rows = static_cast<int>(d.rows.size());
  const int pageCount = std::max(1, (rows + kOutageRowsPerPage - 1) / kOutageRowsPerPage);
  Document doc{"障害時 4情報 記録票 " + formatWareki(d.printedOn), {}};
  for (int p = 0; p < pageCount; ++p) {
    Page page = Page::a4(Orientation::Landscape);
    heading(page, d);
    const double w = page.widthMm - 2 * kMarginMm;
    const auto offsets = tableHeader(page, Rect{kMarginMm, kTableY, w, 7}, columns(), 8);
    for (int i = 0; i < kOutageRowsPerPage; ++i) {
      const int index = p * kOutageRowsPerPage + i;
      const Rect r{kMarginMm, kTableY + 7 + i * kRowH, w, kRowH};
      row(page, r, offsets, index + 1, index < rows ? &d.rows[static_cast<std::size_t>(index)] : nullptr, d.printedOn);
    }
    pageFooter(page, d.institutionName, "印刷 " + formatWareki(d.printedOn), p + 1, pageCount);
    doc.pages.push_back(std::move(page));
  }
  return doc;
}

}  // namespace rececon::forms
