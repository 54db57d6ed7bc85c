#include "app/jobs/form_documents.h"

#include "app/core/error.h"
#include "app/jobs/bulk_worklist.h"
#include "app/jobs/fallback_reception.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/text_export.h"
#include "db/patient_repository.h"
#include "db/qualification_repository.h"
#include "db/visit_repository.h"
#include "forms/karte1_form.h"
#include "forms/outage_sheet_form.h"
#include "forms/result_slip_form.h"
#include "forms/worklist_form.h"

namespace rececon {
namespace {

std::string institutionName(db::Database& db) { return SiteSettings(db).get("institution_name").value; }

std::string sourceWords(ResultSource source) {
  return source == ResultSource::Face ? "マイナンバーカード（カードリーダー）" : "資格確認（保険証の番号）";
}

}  // namespace

forms::Document karte1Document(db::Database& db, std::int64_t patientNumber, Date printedOn) {
  forms::Karte1Data data;
  data.patient = db::PatientRepository(db).get(patientNumber);
  data.insurance = PatientRegister(db, "").currentInsurance(patientNumber);
  if (const auto first = db::VisitRepository(db).firstVisitDate(patientNumber)) data.firstVisit = fromIsoString(*first);
  SiteSettings settings(db);
  data.institutionName = settings.get("institution_name").value;
  data.institutionCode = settings.get("institution_code").value;
  data.printedOn = printedOn;
  return forms::karte1Form(data);
}

forms::Document outageSheetDocument(db::Database& db, Date printedOn) {
  SiteSettings settings(db);
  forms::OutageSheetData data;
  data.institutionName = settings.get("institution_name").value;
  data.institutionCode = settings.get("institution_code").value;
  data.callCenterNumber = kCallCenterNumber;
  data.printedOn = printedOn;
  for (const auto& [capture, visit] : pendingCaptures(db)) {
    forms::OutageCaptureRow row;
    row.visitDate = fromIsoString(visit.visitDate);
    row.name = capture.name;
    row.nameKana = capture.nameKana;
    if (capture.sex == 1 || capture.sex == 2) row.sex = static_cast<Sex>(capture.sex);
    row.birthDate = fromIsoString(capture.birthDate);
    row.address = capture.address;
    row.insurerName = capture.insurerName;
    row.patientNumber = visit.patientNumber;
    row.confirmation = capture.confirmation;
    data.rows.push_back(std::move(row));
  }
  return forms::outageSheetForm(data);
}

forms::Document worklistDocument(db::Database& db, Date checkDate, bool openOnly, Date printedOn) {
  return worklistDocument(db, checkDate, bulkWorklist(db, checkDate, openOnly), printedOn);
}

forms::Document worklistDocument(db::Database& db, Date checkDate, const std::vector<WorklistItem>& items, Date printedOn) {
  forms::WorklistSheetData data;
  data.checkDate = checkDate;
  data.printedOn = printedOn;
  data.institutionName = institutionName(db);
  for (const auto& item : items) {
    forms::WorklistRow row;
    row.appointmentTime = item.appointmentTime;
    row.patientNumber = item.patientNumber;
    row.name = item.name;
    row.nameKana = item.nameKana;
    row.insurance = item.insurance;
    row.outcomeLabel = item.outcomeLabel;
    row.detail = item.detail;
    row.comparison = item.comparison;
    if (!item.processingCode.empty() || !item.processingMessage.empty()) {
      row.processing = "OQS: " + item.processingCode + " " + item.processingMessage;
    }
    row.done = item.done;
    row.doneBy = item.doneBy;
    data.rows.push_back(std::move(row));
  }
  return forms::worklistForm(data);
}

forms::Document resultSlipDocument(db::Database& db, const CheckReport& report, Date printedOn) {
  if (!report.resultId) throw InvalidInput("まだ結果が届いていない確認は印刷できません。");
  const db::StoredResult stored = db::QualificationRepository(db).result(*report.resultId);
  forms::ResultSlipData data;
  data.institutionName = institutionName(db);
  data.patientNumber = report.patientNumber;
  if (report.patientNumber) {
    if (const auto p = db::PatientRepository(db).find(*report.patientNumber)) data.patientName = p->name;
  } else if (report.returned) {
    data.patientName = report.returned->name + "（未登録）";
  }
  data.receivedAt = formatTimestampWareki(stored.receivedAt);
  data.source = sourceWords(stored.source);
  data.outcome = report.outcome;
  data.processingCode = report.processingCode;
  data.processingMessage = report.processingMessage;
  data.errorCode = report.errorCode;
  data.errorMessage = report.errorMessage;
  data.returned = report.returned;
  data.comparison = report.comparison;
  for (const auto& f : report.findings) data.findings.push_back(f.message);
  if (report.returned && report.returned->publicAssistance) {
    const PublicAssistance& a = *report.returned->publicAssistance;
    data.publicAssistance = {{"公費負担者番号", a.payerNumber}, {"公費受給者番号", a.beneficiaryNumber},
                             {"福祉事務所", a.welfareOfficeName}};
  }
  if (const auto& c = report.limitCertificate) {
    data.limitCertificate = {{"区分", c->classification + " " + c->classificationLabel},
                             {"適用区分", c->flag + " " + c->flagLabel},
                             {"有効期間", c->validStart + " 〜 " + c->validEnd}};
  }
  data.printedOn = printedOn;
  return forms::resultSlipForm(data);
}

SavedForm saveFormPdf(const forms::Document& document, const std::filesystem::path& path) {
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    throw EnvironmentError("保存先のフォルダ「" + folder.string() + "」がありません。フォルダを作るか、別の保存先を指定してください。");
  }
  const forms::RenderedPdf pdf = forms::renderPdf(document);
  writeTextFileAtomically(path, pdf.bytes);
  return SavedForm{path, static_cast<int>(document.pages.size()), pdf.report.overflows()};
}

}  // namespace rececon
