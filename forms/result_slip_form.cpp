#include "forms/result_slip_form.h"

#include "forms/form_layout.h"
#include "forms/form_text.h"

namespace rececon::forms {
namespace {

constexpr double kRowH = 6.5;
constexpr double kLabelW = 28;

struct Cursor {
  Document* doc;
  double y = 0;
  Page* page() { return &doc->pages.back(); }
  double width() const { return 148 - 2 * kMarginMm; }
  double bottom() const { return 210 - kMarginMm - 2; }
  void newPage() {
    doc->pages.push_back(Page::a5());
    formTitle(*page(), doc->pages.size() == 1 ? "資格確認結果票" : "資格確認結果票（続き）", kMarginMm, 14);
    y = kMarginMm + 10;
  }
  void ensure(double h) {
    if (y + h > bottom()) newPage();
  }
  TextRun& cell(const std::string& label, const std::string& value, const std::string& field, double h = kRowH) {
    ensure(h);
    auto& run = labelledCell(*page(), Rect{kMarginMm, y, width(), h}, kLabelW, label, value, field, 9);
    y += h;
    return run;
  }
  void section(const std::string& title) {
    ensure(kRowH + 6);
    y += 2;
    page()->text(Rect{kMarginMm, y, width(), 5}, title, 9).bold = true;
    page()->texts.back().field = "section";
    y += 5;
  }
};

void returnedSection(Cursor& c, const ReturnedQualification& r, Date printedOn) {
  c.section("保険者から返された資格");
  c.cell("氏名（カナ）", r.name + (r.nameKana.empty() ? "" : "（" + r.nameKana + "）"), "returned.name");
  c.cell("生年月日・性別",
         (r.birthDate ? birthText(*r.birthDate, printedOn) : "") + (r.sex ? std::string("　") + sexLabel(*r.sex) : ""),
         "returned.birth");
  c.cell("被保険者番号等", insuredNumberLine(r.insurance.insured), "returned.insured").wrap = true;
  c.cell("保険者名", r.insurance.insurerName, "returned.insurer_name");
  c.cell("本人・家族", r.insurance.relationship ? relationshipLabel(*r.insurance.relationship) : "", "returned.relationship");
  c.cell("有効期間", validityText(r.insurance.validFrom, r.insurance.validTo), "returned.validity");
  c.cell("一部負担金割合", copayText(r.insurance), "returned.copay");
}

void comparisonSection(Cursor& c, const std::vector<FieldComparison>& comparison) {
  c.section("登録内容との比較（＊ は相違する項目）");
  const std::vector<Column> cols = {{"", 5, Align::Center}, {"項目", 30}, {"登録内容", 46.5}, {"返された内容", 46.5}};
  auto header = [&] {
    const auto offsets = tableHeader(*c.page(), Rect{kMarginMm, c.y, c.width(), 6}, cols, 7.5);
    c.y += 6;
    return offsets;
  };
  auto offsets = header();
  for (const auto& f : comparison) {
    if (c.y + kRowH > c.bottom()) {
      c.newPage();
      offsets = header();
    }
    const Rect r{kMarginMm, c.y, c.width(), kRowH};
    tableRowFrame(*c.page(), r, offsets);
    if (f.differs()) {
      c.page()->box(cellOf(r, cols, offsets, 0), 0, 0.82);
      c.page()->text(cellOf(r, cols, offsets, 0), "＊", 8, Align::Center).field = "differs";
    }
    c.page()->text(cellOf(r, cols, offsets, 1), f.label, 8).field = "compare.label";
    c.page()->text(cellOf(r, cols, offsets, 2), f.heldShown, 8).field = "compare.held." + f.field;
    c.page()->text(cellOf(r, cols, offsets, 3), f.returnedShown, 8).field =
        "compare.returned." + f.field;
    c.y += kRowH;
  }
}

}  // namespace

Document resultSlipForm(const ResultSlipData& d) {
  Document doc{"資格確認結果票" + (d.patientNumber ? " 患者番号 " + std::to_string(*d.patientNumber) : std::string()), {}};
  Cursor c{&doc};
  c.newPage();
  c.cell("患者", (d.patientNumber ? std::to_string(*d.patientNumber) + "　" : "") + d.patientName, "patient");
  c.cell("確認の種類・受信", d.source + "　" + d.receivedAt, "received");
  auto& outcome = c.cell("結果", outcomeWords(d.outcome), "outcome", 9);
  outcome.sizePt = 13;
  outcome.bold = true;
  auto& advice = c.cell("対応", outcomeAdvice(d.outcome), "advice", 13);
  advice.wrap = true;
  advice.sizePt = 8.5;
  if (!d.processingCode.empty() || !d.processingMessage.empty()) {
    c.cell("処理結果（原文）", d.processingCode + "　" + d.processingMessage, "processing", 10).wrap = true;
  }
  if (!d.errorCode.empty() || !d.errorMessage.empty()) {
    c.cell("エラー（原文）", d.errorCode + "　" + d.errorMessage, "error", 10).wrap = true;
  }
  if (!d.findings.empty()) {
    c.section("要確認（この結果は反映できません）");
    for (std::size_t i = 0; i < d.findings.size(); ++i) {
      c.cell(std::to_string(i + 1), d.findings[i], "finding", 10).wrap = true;
    }
  }
  if (d.returned) returnedSection(c, *d.returned, d.printedOn);
  if (!d.publicAssistance.empty()) {
    c.section("医療扶助");
    for (const auto& [label, value] : d.publicAssistance) c.cell(label, value, "assistance");
  }
  if (!d.limitCertificate.empty()) {
    c.section("限度額適用認定証");
    for (const auto& [label, value] : d.limitCertificate) c.cell(label, value, "limit");
  }
  if (!d.comparison.empty()) comparisonSection(c, d.comparison);
  const int count = static_cast<int>(doc.pages.size());
  for (int i = 0; i < count; ++i) {
    pageFooter(doc.pages[static_cast<std::size_t>(i)], d.institutionName, "印刷 " + formatWareki(d.printedOn), i + 1, count);
  }
  return doc;
}

}  // namespace rececon::forms
