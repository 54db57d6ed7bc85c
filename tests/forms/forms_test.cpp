// Each form rendered from fixture data to a real PDF: pdftotext finds every field, pdftoppm's page
// image matches the golden image, and the longest values of the simulator's dataset fit their boxes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "app/core/error.h"
#include "app/core/utf8.h"
#include "forms/form_text.h"
#include "forms/page_renderer.h"
#include "tests/forms/form_fixtures.h"
#include "tests/forms/pdf_inspection.h"
#include "tests/support/temp_dir.h"

using namespace rececon;
using rececon::test::squeeze;

namespace {

std::filesystem::path actualDir() { return std::filesystem::path(RECECON_FORMS_ACTUAL); }

void requireTexts(const std::string& pdfText, const std::vector<std::string>& expected) {
  for (const auto& e : expected) {
    INFO("expected in the PDF text: " << e);
    CHECK(pdfText.find(squeeze(e)) != std::string::npos);
  }
}

void requireGolden(const std::filesystem::path& pdf, int page, const std::string& name) {
  const auto d = test::compareWithGolden(pdf, page, name, actualDir());
  INFO(name << ": differing pixels " << d.differingFraction * 100 << " %, mean difference " << d.meanDifference
            << " (page image kept in " << (actualDir() / (name + ".png")).string() << ")");
  REQUIRE(d.sameSize);
  CHECK(d.differingFraction < 0.003);
  CHECK(d.meanDifference < 2.0);
}

// The simulator's people, as the CSV holds them (no quoted fields in that file).
std::vector<std::map<std::string, std::string>> simPersons() {
  std::ifstream in(RECECON_SIM_PERSONS);
  REQUIRE(in);
  std::string line;
  std::getline(in, line);
  auto split = [](const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string cell;
    while (std::getline(ss, cell, ',')) out.push_back(cell);
    if (!s.empty() && s.back() == ',') out.emplace_back();
    return out;
  };
  const auto header = split(line);
  std::vector<std::map<std::string, std::string>> people;
  while (std::getline(in, line)) {
    const auto cells = split(line);
    std::map<std::string, std::string> p;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) p[header[i]] = cells[i];
    people.push_back(p);
  }
  return people;
}

std::string longest(const std::vector<std::map<std::string, std::string>>& people, const std::string& column) {
  std::string best;
  for (const auto& p : people) {
    const auto& v = p.at(column);
    if (utf8::length(v) > utf8::length(best)) best = v;
  }
  return best;
}

// The runs a form laid out for one field, left to right.
std::vector<forms::TextRun> runsOf(const forms::Page& page, const std::string& field) {
  std::vector<forms::TextRun> runs;
  for (const auto& t : page.texts)
    if (t.field == field) runs.push_back(t);
  std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.box.x < b.box.x; });
  return runs;
}

std::string joined(const std::vector<forms::TextRun>& runs) {
  std::string s;
  for (const auto& r : runs) s += r.text;
  return s;
}

}  // namespace

TEST_CASE("karte1: every field in the PDF text, 枝番 and 和暦 dates included; page image matches", "[forms]") {
  test::TempDir dir;
  const auto pdf = dir / "カルテ1号.pdf";
  const auto report = forms::writePdf(forms::karte1Form(test::karte1Fixture()), pdf.string());
  CHECK(report.overflows().empty());
  CHECK(test::pdfPageCount(pdf) == 1);
  const auto text = test::pdfTextSqueezed(pdf);
  requireTexts(text, {"診療録", "4321", "見本　太郎", "ミホン タロウ", "昭和23年3月10日生（78歳）", "男",
                      "〒999-1890", "見本県見本市東見本", "6-12-20", "見本ハイツ101号室", "099-123-4567",
                      // insurer number in its eight boxes, then 記号・番号 and the 枝番 in its own cell
                      "06993877", "記号見本・番号47393", "枝番07", "家族", "見本　花子",
                      "令和元年5月1日", "令和元年5月1日から令和9年3月31日まで", "3割", "被保険者証（一般）（01）",
                      "㈱架空製作所健康保険組合", "公費負担者番号①", "公費負担者番号②", "公費負担医療の受給者",
                      "初診年月日令和2年1月15日", "1312345678", "傷病名", "転帰", "労務不能に関する意見",
                      "既往症・原因・主要症状・経過等", "処方・手術・処置等", "見本内科クリニック", "印刷令和8年11月21日"});
  requireGolden(pdf, 1, "karte1");
}

TEST_CASE("karte1 without insurance leaves the insurance slots empty", "[forms]") {
  auto data = test::karte1Fixture();
  data.insurance.reset();
  data.firstVisit.reset();
  test::TempDir dir;
  const auto pdf = dir / "karte.pdf";
  forms::writePdf(forms::karte1Form(data), pdf.string());
  const auto text = test::pdfTextSqueezed(pdf);
  CHECK(text.find("06993877") == std::string::npos);
  CHECK(text.find(squeeze("見本　太郎")) != std::string::npos);
}

TEST_CASE("karte1: a 6-digit 国保 insurer number is right-justified in the eight boxes, an 8-digit one fills them",
          "[forms]") {
  // The eight boxes as an 8-digit number occupies them; the 6-digit number must sit in the last six.
  auto data = test::karte1Fixture();
  const auto full = runsOf(forms::karte1Form(data).pages.at(0), "insurance.insurer_number");
  REQUIRE(full.size() == 8);
  CHECK(joined(full) == "06993877");
  for (std::size_t i = 1; i < full.size(); ++i) CHECK(full[i].box.x == Approx(full[i - 1].box.right()));

  data.insurance->insured.insurerNumber = "997239";
  const auto page = forms::karte1Form(data).pages.at(0);
  const auto six = runsOf(page, "insurance.insurer_number");
  REQUIRE(six.size() == 6);
  CHECK(joined(six) == "997239");
  for (std::size_t i = 0; i < six.size(); ++i) {
    INFO("digit " << i + 1 << " of 997239");
    CHECK(six[i].box.x == Approx(full[i + 2].box.x));
    CHECK(six[i].box.w == Approx(full[i + 2].box.w));
  }
  CHECK(six.back().box.right() == Approx(full.back().box.right()));  // the last digit in the last box

  test::TempDir dir;
  const auto pdf = dir / "国保.pdf";
  CHECK(forms::writePdf(forms::karte1Form(data), pdf.string()).overflows().empty());
  CHECK(test::pdfTextSqueezed(pdf).find("997239") != std::string::npos);
}

TEST_CASE("character boxes right-justify any value shorter than the row (公費負担者番号, 受給者番号)", "[forms]") {
  forms::Page page = forms::Page::a4();
  page.characterBoxes(forms::Rect{10, 10, 70, 8}, 7, "12345", 11, "public.recipient1");  // 7 boxes of 10 mm
  const auto runs = runsOf(page, "public.recipient1");
  REQUIRE(runs.size() == 5);
  CHECK(joined(runs) == "12345");
  CHECK(runs.front().box.x == Approx(30));  // boxes 1 and 2 empty
  CHECK(runs.back().box.right() == Approx(80));

  // Longer than the row: every box filled from the left, the rest after the row (an overflow, never lost).
  forms::Page longer = forms::Page::a4();
  longer.characterBoxes(forms::Rect{10, 10, 80, 8}, 8, "0699387712", 11, "insurance.insurer_number");
  const auto all = runsOf(longer, "insurance.insurer_number");
  REQUIRE(all.size() == 9);
  CHECK(all.front().text == "0");
  CHECK(all.front().box.x == Approx(10));
  CHECK(all.back().text == "12");
  CHECK(all.back().box.x == Approx(90));
}

TEST_CASE("karte1: a half-width ふりがな from an old record prints in full-width katakana", "[forms]") {
  auto data = test::karte1Fixture();
  data.patient.nameKana = "ﾖｼﾀﾞ ｱｲ";
  const auto kana = runsOf(forms::karte1Form(data).pages.at(0), "patient.kana");
  REQUIRE(kana.size() == 1);
  CHECK(kana[0].text == "ヨシダ　アイ");

  test::TempDir dir;
  const auto pdf = dir / "半角カナ.pdf";
  forms::writePdf(forms::karte1Form(data), pdf.string());
  const auto text = test::pdfTextSqueezed(pdf);
  CHECK(text.find("ヨシダアイ") != std::string::npos);
  CHECK(text.find("ﾖｼ") == std::string::npos);
}

TEST_CASE("kana for print: full-width katakana always, and a value the register would refuse still prints",
          "[forms]") {
  CHECK(forms::kanaForPrint("ﾐﾎﾝ ﾊﾟﾝﾀﾞ") == "ミホン　パンダ");
  CHECK(forms::kanaForPrint("みほん　たろう") == "ミホン　タロウ");
  CHECK(forms::kanaForPrint("ミホン タロウ") == "ミホン　タロウ");
  // Not a reading (digit, kanji): only the half-width katakana are widened, the rest kept as it is.
  CHECK(forms::kanaForPrint("ﾀﾞｲｺﾞ 2世") == "ダイゴ 2世");
  CHECK(forms::kanaForPrint("ｱ ﾞ") == "ア ﾞ");  // a stray mark: kept rather than lost
  CHECK(forms::kanaForPrint("") == "");
  CHECK(forms::kanaForPrint("\xff\xfe") == "\xff\xfe");  // malformed UTF-8: no exception
}

TEST_CASE("outage sheet: captures in rows, blank rows for writing by hand, continued on a second page", "[forms]") {
  test::TempDir dir;
  const auto pdf = dir / "障害時.pdf";
  const auto data = test::outageSheetFixture(10);
  const auto report = forms::writePdf(forms::outageSheetForm(data), pdf.string());
  CHECK(report.overflows().empty());
  REQUIRE(test::pdfPageCount(pdf) == 2);
  const auto text = test::pdfTextSqueezed(pdf);
  requireTexts(text, {"障害時4情報記録票", "見本内科クリニック（1312345678）", "0800-080-4583", "障害　太郎1",
                      "障害　太郎10", "ショウガイタロウ", "平成元年1月8日生", "（37歳）", "見本県見本市試験台2-8-10",
                      "見本市国民健康保険", "77", "有効（コールセンター", "佐藤）", "1/2", "2/2"});
  requireGolden(pdf, 1, "outage_sheet");

  const auto empty = dir / "空.pdf";
  forms::writePdf(forms::outageSheetForm(test::outageSheetFixture(0)), empty.string());
  CHECK(test::pdfPageCount(empty) == 1);
  const auto emptyText = test::pdfTextSqueezed(empty);
  CHECK(emptyText.find("照会結果・確認者12345678") != std::string::npos);  // the numbered empty rows, nothing in them
  CHECK(emptyText.find(squeeze("障害　太郎")) == std::string::npos);
}

TEST_CASE("worklist: rows with outcome, what to do, the comparison and OQS's answer; done marked", "[forms]") {
  test::TempDir dir;
  const auto pdf = dir / "作業リスト.pdf";
  const auto report = forms::writePdf(forms::worklistForm(test::worklistFixture(11)), pdf.string());
  CHECK(report.overflows().empty());
  REQUIRE(test::pdfPageCount(pdf) == 2);
  const auto text = test::pdfTextSqueezed(pdf);
  requireTexts(text, {"一括照会作業リスト", "令和8年11月24日受診予定分", "要対応11件（未対応10件）", "09:10", "500",
                      "作業　一覧1", "サギョウイチラン", "枝番00", "保険情報に変更あり", "無効（新しい資格あり）",
                      "枝番:00→01", "保険者名:旧組合→新組合", "OQS:0正常終了", "済", "uketsuke1", "作業　一覧11",
                      "2/2"});
  requireGolden(pdf, 1, "worklist");

  const auto none = dir / "none.pdf";
  forms::writePdf(forms::worklistForm(test::worklistFixture(0)), none.string());
  CHECK(test::pdfTextSqueezed(none).find(squeeze("要対応の患者はいません。")) != std::string::npos);
}

TEST_CASE("result slip: outcome, verbatim message, returned data and the comparison", "[forms]") {
  test::TempDir dir;
  const auto pdf = dir / "結果票.pdf";
  const auto report = forms::writePdf(forms::resultSlipForm(test::resultSlipFixture()), pdf.string());
  CHECK(report.overflows().empty());
  const auto text = test::pdfTextSqueezed(pdf);
  requireTexts(text, {"資格確認結果票", "4321", "見本　太郎", "令和8年11月21日09:30:12", "有効", "0正常終了",
                      "ﾐﾎﾝﾀﾛｳ", "昭和23年3月10日生（78歳）", "保険者番号06993877", "枝番08", "令和元年5月1日から",
                      "限度額適用認定証", "A01区分ア", "登録内容との比較", "＊枝番0708", "一部負担金割合—3割"});
  requireGolden(pdf, 1, "result_slip");

  auto many = test::resultSlipFixture();
  for (int i = 0; i < 30; ++i) many.comparison.push_back({"f" + std::to_string(i), "項目" + std::to_string(i), "a", "b", "a", "b"});
  const auto longer = dir / "長い.pdf";
  forms::writePdf(forms::resultSlipForm(many), longer.string());
  CHECK(test::pdfPageCount(longer) == 2);
  CHECK(test::pdfTextSqueezed(longer).find(squeeze("資格確認結果票（続き）")) != std::string::npos);
}

TEST_CASE("the longest names and addresses of the simulator's dataset fit their boxes on every form", "[forms]") {
  const auto people = simPersons();
  REQUIRE(people.size() > 500);
  const std::string name = longest(people, "name"), kana = longest(people, "name_kana");
  const std::string address = longest(people, "address"), insurer = longest(people, "insurer_name");
  const std::string insured = longest(people, "insured_name");
  INFO("longest: " << name << " / " << kana << " / " << address << " / " << insurer);

  auto karte = test::karte1Fixture();
  karte.patient.name = name;
  karte.patient.nameKana = kana;
  karte.patient.address = address;
  karte.insurance->insurerName = insurer;
  karte.insurance->insuredName = insured;
  auto outage = test::outageSheetFixture(1);
  outage.rows[0].name = name;
  outage.rows[0].nameKana = kana;
  outage.rows[0].address = address;
  outage.rows[0].insurerName = insurer;
  auto worklist = test::worklistFixture(1);
  worklist.rows[0].name = name;
  worklist.rows[0].nameKana = kana;
  auto slip = test::resultSlipFixture();
  slip.patientName = name;
  slip.returned->name = name;
  slip.returned->nameKana = kana;
  slip.returned->insurance.insurerName = insurer;

  for (const auto& doc : {forms::karte1Form(karte), forms::outageSheetForm(outage), forms::worklistForm(worklist),
                          forms::resultSlipForm(slip)}) {
    const auto report = forms::layoutReport(doc);
    for (const auto& n : report.adjusted) INFO(doc.title << ": " << n.field << " set at " << n.sizePt << " pt in " << n.lines << " lines");
    for (const auto& n : report.overflows()) FAIL_CHECK(doc.title << ": " << n.field << " does not fit: " << n.text);
  }
}

TEST_CASE("text that cannot fit is reported as an overflow, never dropped silently", "[forms]") {
  auto karte = test::karte1Fixture();
  std::string endless;
  for (int i = 0; i < 40; ++i) endless += "見本県見本市東見本六丁目十二番二十号";
  karte.patient.address = endless;
  karte.insurance->insured.insurerNumber = "0699387712345";  // more than the eight boxes
  const auto report = forms::layoutReport(forms::karte1Form(karte));
  const auto overflows = report.overflows();
  REQUIRE_FALSE(overflows.empty());
  CHECK(std::any_of(overflows.begin(), overflows.end(), [](const auto& n) { return n.field == "patient.address"; }));

  test::TempDir dir;
  const auto pdf = dir / "長い住所.pdf";
  forms::writePdf(forms::karte1Form(karte), pdf.string());
  CHECK(test::pdfTextSqueezed(pdf).find("12345") != std::string::npos);  // the digits past the boxes still print
}

TEST_CASE("a PDF that cannot be written is a clear error, and an empty document is refused", "[forms]") {
  REQUIRE_THROWS_AS(forms::writePdf(forms::karte1Form(test::karte1Fixture()), "/nonexistent-folder/karte.pdf"),
                    EnvironmentError);
  REQUIRE_THROWS_AS(forms::writePdf(forms::Document{"empty", {}}, "/tmp/x.pdf"), InvalidInput);
}

TEST_CASE("form text: 和暦, co-payment and institution wording", "[forms]") {
  using namespace std::chrono;
  CHECK(forms::birthText(Date{year{2019}, month{5}, day{1}}, Date{year{2026}, month{11}, day{21}}) ==
        "令和元年5月1日生（7歳）");
  CHECK(forms::validityText(std::nullopt, Date{year{2027}, month{3}, day{31}}) == "令和9年3月31日 まで");
  InsuranceRecord r;
  r.copayPercent = 30;
  r.elderlyCopayPercent = 20;
  CHECK(forms::copayText(r) == "3割　高齢受給者 2割");
  CHECK(forms::insuredNumberLine({"06993877", "", "47393", ""}) == "保険者番号 06993877　番号 47393　枝番 なし");
  CHECK(forms::institutionText("", "1312345678") == "1312345678");
  CHECK(forms::institutionText("見本内科", "") == "見本内科");
}
