#include "tests/forms/form_fixtures.h"

#include <chrono>

namespace rececon::test {
namespace {
using namespace std::chrono;
constexpr Date kPrinted{year{2026}, month{11}, day{21}};
}  // namespace

forms::Karte1Data karte1Fixture() {
  forms::Karte1Data d;
  d.patient.number = 4321;
  d.patient.name = "見本　太郎";
  d.patient.nameKana = "ミホン タロウ";
  d.patient.sex = Sex::Male;
  d.patient.birthDate = Date{year{1948}, month{3}, day{10}};
  d.patient.postalCode = "999-1890";
  d.patient.address = "見本県見本市東見本6-12-20　見本ハイツ101号室";
  d.patient.phone = "099-123-4567";
  InsuranceRecord r;
  r.insured = {"06993877", "見本", "47393", "07"};
  r.relationship = Relationship::Family;
  r.insuredName = "見本　花子";
  r.qualificationDate = Date{year{2019}, month{5}, day{1}};
  r.validFrom = Date{year{2019}, month{5}, day{1}};
  r.validTo = Date{year{2027}, month{3}, day{31}};
  r.cardClassification = "01";
  r.copayPercent = 30;
  r.insurerName = "㈱架空製作所健康保険組合";
  d.insurance = r;
  d.firstVisit = Date{year{2020}, month{1}, day{15}};
  d.institutionName = "見本内科クリニック";
  d.institutionCode = "1312345678";
  d.printedOn = kPrinted;
  return d;
}

forms::OutageSheetData outageSheetFixture(int rows) {
  forms::OutageSheetData d;
  d.institutionName = "見本内科クリニック";
  d.institutionCode = "1312345678";
  d.callCenterNumber = "0800-080-4583";
  d.printedOn = kPrinted;
  for (int i = 0; i < rows; ++i) {
    forms::OutageCaptureRow r;
    r.visitDate = kPrinted;
    r.name = "障害　太郎" + std::to_string(i + 1);
    r.nameKana = "ショウガイ タロウ";
    r.sex = i % 2 ? Sex::Female : Sex::Male;
    r.birthDate = Date{year{1989}, month{1}, day{8}};  // 平成元年1月8日
    r.address = "見本県見本市試験台2-8-" + std::to_string(i + 1);
    r.insurerName = "見本市国民健康保険";
    if (i == 0) r.patientNumber = 77;
    if (i == 1) r.confirmation = "有効（コールセンター 佐藤）";
    d.rows.push_back(r);
  }
  return d;
}

forms::WorklistSheetData worklistFixture(int rows) {
  forms::WorklistSheetData d;
  d.checkDate = Date{year{2026}, month{11}, day{24}};
  d.printedOn = kPrinted;
  d.institutionName = "見本内科クリニック";
  for (int i = 0; i < rows; ++i) {
    forms::WorklistRow r;
    r.appointmentTime = i < 10 ? "09:" + std::to_string(10 + i) : "";
    r.patientNumber = 500 + i;
    r.name = "作業　一覧" + std::to_string(i + 1);
    r.nameKana = "サギョウ イチラン";
    r.insurance = "保険者番号 01996396　記号 284　番号 2284　枝番 00";
    r.outcomeLabel = i % 2 ? "無効（新しい資格あり）" : "保険情報に変更あり";
    r.detail = "来院時にマイナンバーカードか新しい資格確認書で確認してください。";
    if (i % 2 == 0) r.comparison = "枝番: 00 → 01\n保険者名: 旧組合 → 新組合";
    r.processing = "OQS: 0 正常終了";
    r.done = i == 1;
    if (r.done) r.doneBy = "uketsuke1";
    d.rows.push_back(r);
  }
  return d;
}

forms::ResultSlipData resultSlipFixture() {
  forms::ResultSlipData d;
  d.institutionName = "見本内科クリニック";
  d.patientNumber = 4321;
  d.patientName = "見本　太郎";
  d.receivedAt = "令和8年11月21日 09:30:12";
  d.source = "資格確認（保険証の番号）";
  d.outcome = CheckOutcome::Valid;
  d.processingCode = "0";
  d.processingMessage = "正常終了";
  ReturnedQualification q;
  q.name = "見本　太郎";
  q.nameKana = "ﾐﾎﾝ ﾀﾛｳ";
  q.sex = Sex::Male;
  q.birthDate = Date{year{1948}, month{3}, day{10}};
  q.insurance.insured = {"06993877", "見本", "47393", "08"};
  q.insurance.insurerName = "㈱架空製作所健康保険組合";
  q.insurance.validFrom = Date{year{2019}, month{5}, day{1}};
  q.insurance.copayPercent = 30;
  d.returned = q;
  // held/returned as stored (percent), then as a clerk reads them (what the slip prints).
  d.comparison = {{"branch", "枝番", "07", "08", "07", "08", false, true},
                  {"insurer_name", "保険者名", "㈱架空製作所健康保険組合", "㈱架空製作所健康保険組合",
                   "㈱架空製作所健康保険組合", "㈱架空製作所健康保険組合"},
                  {"copay", "一部負担金割合", "", "30", "—", "3割"}};
  d.limitCertificate = {{"区分", "A01 区分ア"}, {"有効期間", "令和8年8月1日 〜 令和9年7月31日"}};
  d.printedOn = kPrinted;
  return d;
}

}  // namespace rececon::test
