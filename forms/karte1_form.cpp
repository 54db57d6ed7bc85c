#include "forms/karte1_form.h"

#include "forms/form_layout.h"
#include "forms/form_text.h"

namespace rececon::forms {
namespace {

constexpr double kLeftX = kMarginMm, kLeftW = 92;
constexpr double kRightX = 104, kRightW = 96;
constexpr double kTopY = 22;

// 公費負担者番号 (8 digits) and 受給者番号 (7 digits), twice: printed empty for the clerk to fill in,
// since the register does not hold public-expense data yet.
double publicExpenseSlots(Page& page, double y) {
  for (int slot = 1; slot <= 2; ++slot) {
    const std::string n = slot == 1 ? "①" : "②";
    labelledCell(page, Rect{kLeftX, y, 34, 8}, 34, "公費負担者番号" + n, "", "label");
    page.characterBoxes(Rect{kLeftX + 34, y, kLeftW - 34, 8}, 8, "", 11, "public.payer" + std::to_string(slot));
    y += 8;
    labelledCell(page, Rect{kLeftX, y, 34, 8}, 34, "公費負担医療の受給者番号" + n, "", "label");
    page.characterBoxes(Rect{kLeftX + 34, y, (kLeftW - 34) * 7 / 8, 8}, 7, "", 11, "public.recipient" + std::to_string(slot));
    y += 8;
  }
  return y;
}

void patientBlock(Page& page, const Karte1Data& d, double y) {
  const Patient& p = d.patient;
  const double x = kLeftX + 8, w = kLeftW - 8, label = 18;
  const double top = y;
  // Old records hold ｶﾀｶﾅ; the chart is read and filed by its ふりがな, so it prints in full width always.
  labelledCell(page, Rect{x, y, w, 6}, label, "ふりがな", kanaForPrint(p.nameKana), "patient.kana", 9);
  y += 6;
  auto& name = labelledCell(page, Rect{x, y, w, 12}, label, "氏　名", p.name, "patient.name", 16);
  name.minSizePt = 8;
  y += 12;
  labelledCell(page, Rect{x, y, w - 20, 8}, label, "生年月日", birthText(p.birthDate, d.printedOn), "patient.birth", 9);
  labelledCell(page, Rect{x + w - 20, y, 20, 8}, 9, "性別", sexLabel(p.sex), "patient.sex", 11).align = Align::Center;
  y += 8;
  auto& address = labelledCell(page, Rect{x, y, w, 17}, label, "住　所", addressText(p.postalCode, p.address),
                               "patient.address", 10);
  address.wrap = true;
  address.top = true;
  y += 17;
  labelledCell(page, Rect{x, y, w, 6}, label, "電　話", p.phone, "patient.phone", 9.5);
  y += 6;
  labelledCell(page, Rect{x, y, w, 6}, label, "職　業", "", "patient.occupation");
  y += 6;
  const std::string relation =
      d.insurance && d.insurance->relationship ? relationshipLabel(*d.insurance->relationship) : "";
  labelledCell(page, Rect{x, y, w, 10}, label, "被保険者\nとの続柄", relation, "patient.relationship", 10).align =
      Align::Center;
  y += 10;
  page.box(Rect{kLeftX, top, 8, y - top}, 0.3, kLabelGray);
  auto& heading = page.text(Rect{kLeftX, top, 8, y - top}, "受\n診\n者", 9, Align::Center);
  heading.wrap = true;
  heading.field = "label";
}

void insuranceBlock(Page& page, const Karte1Data& d, double y) {
  const InsuranceRecord empty;
  const InsuranceRecord& r = d.insurance ? *d.insurance : empty;
  const double label = 30;
  labelledCell(page, Rect{kRightX, y, label, 8}, label, "保険者番号", "", "label");
  page.characterBoxes(Rect{kRightX + label, y, kRightW - label, 8}, 8, r.insured.insurerNumber, 12, "insurance.insurer_number");
  y += 8;
  labelledCell(page, Rect{kRightX, y, kRightW, 12}, label, "被保険者証\n記号・番号", symbolAndNumber(r.insured),
               "insurance.symbol_number", 12)
      .minSizePt = 7;
  y += 12;
  // The 枝番 in a cell of its own, so that no one misses it when copying the numbers.
  labelledCell(page, Rect{kRightX, y, label + 24, 8}, label, "枝番", r.insured.branch, "insurance.branch", 12).align =
      Align::Center;
  labelledCell(page, Rect{kRightX + label + 24, y, kRightW - label - 24, 8}, 18, "本人・家族",
               r.relationship ? relationshipLabel(*r.relationship) : "", "insurance.relationship", 10)
      .align = Align::Center;
  y += 8;
  labelledCell(page, Rect{kRightX, y, kRightW, 8}, label, "被保険者氏名", r.insuredName, "insurance.insured_name", 11);
  y += 8;
  labelledCell(page, Rect{kRightX, y, kRightW, 7}, label, "資格取得", optionalWareki(r.qualificationDate),
               "insurance.qualification_date", 9.5);
  y += 7;
  labelledCell(page, Rect{kRightX, y, kRightW, 7}, label, "有効期限", validityText(r.validFrom, r.validTo),
               "insurance.validity", 9.5);
  y += 7;
  labelledCell(page, Rect{kRightX, y, kRightW, 7}, label, "一部負担金割合", copayText(r), "insurance.copay", 9);
  y += 7;
  labelledCell(page, Rect{kRightX, y, kRightW, 7}, label, "被保険者証区分", cardClassText(r.cardClassification),
               "insurance.card_class", 9);
  y += 7;
  labelledCell(page, Rect{kRightX, y, kRightW, 12}, label, "事業所\n所在地・名称", "", "insurance.employer");
  y += 12;
  auto& insurer =
      labelledCell(page, Rect{kRightX, y, kRightW, 12}, label, "保険者\n所在地・名称", r.insurerName, "insurance.insurer_name", 10);
  insurer.wrap = true;
}

void handwrittenParts(Page& page, const Karte1Data& d, double y) {
  const double w = page.widthMm - 2 * kMarginMm;
  labelledCell(page, Rect{kMarginMm, y, 60, 7}, 26, "初診年月日", optionalWareki(d.firstVisit), "first_visit", 9.5);
  labelledCell(page, Rect{kMarginMm + 62, y, 56, 7}, 20, "医療機関", d.institutionCode, "institution.code", 9);
  y += 10;
  const std::vector<Column> disease = {{"傷　病　名", 72},   {"職務\n上・外", 18}, {"開始", 25},
                                       {"終了", 25},         {"転帰\n治ゆ・死亡・中止", 26}, {"期間満了\n予定日", 24}};
  const auto offsets = tableHeader(page, Rect{kMarginMm, y, w, 9}, disease, 7.5);
  y += 9;
  for (int i = 0; i < 6; ++i, y += 8) {
    tableRowFrame(page, Rect{kMarginMm, y, w, 8}, offsets);
    page.text(cellOf(Rect{kMarginMm, y, w, 8}, disease, offsets, 1), "上・外", 8, Align::Center).field = "label";
    page.text(cellOf(Rect{kMarginMm, y, w, 8}, disease, offsets, 2), "年　月　日", 7, Align::Right).field = "label";
    page.text(cellOf(Rect{kMarginMm, y, w, 8}, disease, offsets, 3), "年　月　日", 7, Align::Right).field = "label";
    page.text(cellOf(Rect{kMarginMm, y, w, 8}, disease, offsets, 5), "年　月　日", 7, Align::Right).field = "label";
  }
  y += 4;
  const std::vector<Column> opinion = {{"傷病名", 50}, {"労務不能期間", 60}, {"意見書交付", 40}, {"入院期間", 40}};
  page.text(Rect{kMarginMm, y, w, 5}, "労務不能に関する意見", 8).field = "label";
  y += 5;
  const auto opinionOffsets = tableHeader(page, Rect{kMarginMm, y, w, 6}, opinion, 7.5);
  y += 6;
  for (int i = 0; i < 2; ++i, y += 7) tableRowFrame(page, Rect{kMarginMm, y, w, 7}, opinionOffsets);
  y += 3;
  labelledCell(page, Rect{kMarginMm, y, w, 9}, 60, "業務災害又は通勤災害の\n疑いがある場合は、その旨", "", "label");
  y += 12;
  const double bottom = page.heightMm - kMarginMm - 2;
  const std::vector<Column> course = {{"既往症・原因・主要症状・経過等", w / 2}, {"処方・手術・処置等", w / 2}};
  const auto courseOffsets = tableHeader(page, Rect{kMarginMm, y, w, 6}, course, 8);
  tableRowFrame(page, Rect{kMarginMm, y + 6, w, bottom - y - 6}, courseOffsets);
}

}  // namespace

Document karte1Form(const Karte1Data& d) {
  Page page = Page::a4();
  formTitle(page, "診　療　録", kMarginMm, 18);
  labelledCell(page, Rect{150, kMarginMm + 1, 50, 8}, 18, "患者番号", std::to_string(d.patient.number), "patient.number", 11)
      .align = Align::Right;
  const double y = publicExpenseSlots(page, kTopY);
  patientBlock(page, d, y + 2);
  insuranceBlock(page, d, kTopY);
  handwrittenParts(page, d, 124);
  pageFooter(page, d.institutionName, "印刷 " + formatWareki(d.printedOn), 1, 1);
  return Document{"診療録（カルテ1号用紙） 患者番号 " + std::to_string(d.patient.number) + " " + d.patient.name, {page}};
}

}  // namespace rececon::forms
