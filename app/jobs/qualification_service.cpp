#include "app/jobs/qualification_service.h"

#include <thread>

#include "app/core/field_errors.h"
#include "app/core/insurer_number.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/request_journal_store.h"
#include "db/change_log.h"
#include "db/insurance_repository.h"
#include "db/patient_repository.h"
#include "db/qualification_repository.h"
#include "linkage/code_tables.h"
#include "linkage/codes.h"
#include "linkage/file_transfer.h"
#include "linkage/messages.h"

namespace rececon {
namespace {

using linkage::Text;

std::string yyyymmdd(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::optional<Date> fromYyyymmdd(const Text& t) {
  if (!t || t->size() != 8) return std::nullopt;
  return parseDate(*t).date;
}

std::optional<int> ratioPercent(const Text& t) {  // "030" -> 30
  if (!t || t->empty() || t->find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(*t);
}

const char* outcomeName(CheckOutcome o) {
  switch (o) {
    case CheckOutcome::Valid: return "valid";
    case CheckOutcome::Invalid: return "invalid";
    case CheckOutcome::InvalidNewerExists: return "invalid_newer";
    case CheckOutcome::NotFound: return "not_found";
    case CheckOutcome::Several: return "several";
    case CheckOutcome::Error: return "error";
  }
  return "error";
}

CheckOutcome outcomeFromName(const std::string& s) {
  for (const auto o : {CheckOutcome::Valid, CheckOutcome::Invalid, CheckOutcome::InvalidNewerExists,
                       CheckOutcome::NotFound, CheckOutcome::Several, CheckOutcome::Error}) {
    if (s == outcomeName(o)) return o;
  }
  return CheckOutcome::Error;
}

// oqs-interface.md §2.4: the file-level segment first, then the person-level status, then validity.
CheckOutcome outcomeOf(const linkage::QualificationResult& r) {
  if (linkage::segmentOfResult(r.header.segmentOfResult.value_or("")) != linkage::SegmentOfResult::Normal) {
    return CheckOutcome::Error;
  }
  switch (linkage::qualificationValidity(r.validity.value_or("")).value_or(linkage::QualificationValidity::NotFound)) {
    case linkage::QualificationValidity::Valid:
    case linkage::QualificationValidity::ValidUnregistered: return CheckOutcome::Valid;
    case linkage::QualificationValidity::Invalid: return CheckOutcome::Invalid;
    case linkage::QualificationValidity::InvalidNewerExists: return CheckOutcome::InvalidNewerExists;
    case linkage::QualificationValidity::Multiple: return CheckOutcome::Several;
    case linkage::QualificationValidity::NotFound:
      return r.validity ? CheckOutcome::NotFound : CheckOutcome::Error;
  }
  return CheckOutcome::Error;
}

ReturnedQualification returnedFrom(const linkage::Qualification& q) {
  ReturnedQualification r;
  r.name = q.name.value_or("");
  r.nameKana = q.nameKana.value_or("");
  if (q.sex1 == Text("1")) r.sex = Sex::Male;
  if (q.sex1 == Text("2")) r.sex = Sex::Female;
  r.birthDate = fromYyyymmdd(q.birthdate);
  r.address = q.address.value_or("");
  r.postalCode = q.postNumber.value_or("");
  InsuranceRecord& i = r.insurance;
  i.insured = {normalizeInsurerNumber(q.insurerNumber.value_or("")), q.symbol.value_or(""), q.number.value_or(""),
               q.branch.value_or("")};
  if (q.personalFamily == Text("1")) i.relationship = Relationship::Self;
  if (q.personalFamily == Text("2")) i.relationship = Relationship::Family;
  i.insuredName = q.insuredName.value_or("");
  i.qualificationDate = fromYyyymmdd(q.qualificationDate);
  i.validFrom = fromYyyymmdd(q.cardValidDate);
  i.validTo = fromYyyymmdd(q.cardExpirationDate);
  i.cardClassification = q.cardClassification.value_or("");
  i.copayPercent = ratioPercent(q.partialContributionRatio);
  i.insurerName = q.insurerName.value_or("");
  if (q.elderly) {
    i.elderlyCopayPercent = ratioPercent(q.elderly->contributionRatio);
    i.elderlyValidFrom = fromYyyymmdd(q.elderly->validStart);
    i.elderlyValidTo = fromYyyymmdd(q.elderly->validEnd);
  }
  return r;
}

// Stores whatever the exchange hands over; a file already stored (same name and content) is not stored again.
class ResultStore : public linkage::ExchangeHandler {
 public:
  explicit ResultStore(db::Database& db) : db_(db) {}

  void onResult(const linkage::RequestRecord& request, const linkage::IncomingFile& file) override {
    db::WriteTransaction tx(db_);
    db::QualificationRepository repo(db_);
    const auto check = repo.checkForRequest(request.id);
    store(repo, file, check ? std::optional<std::int64_t>(check->id) : std::nullopt, "check");
    tx.commit();
  }
  void onFaceResult(const linkage::IncomingFile& file) override {
    db::WriteTransaction tx(db_);
    db::QualificationRepository repo(db_);
    store(repo, file, std::nullopt, "face");
    tx.commit();
  }
  void onRequestEnded(const linkage::RequestRecord&, linkage::RequestState, const std::string&) override {}
  void onUnreadable(const std::filesystem::path&, const std::string&) override {}

 private:
  static void store(db::QualificationRepository& repo, const linkage::IncomingFile& file,
                    std::optional<std::int64_t> checkId, const char* source) {
    const auto result = linkage::readQualificationResult(file.message.root());
    db::StoredResult r;
    r.source = source;
    r.checkId = checkId;
    r.fileName = file.path.filename().string();
    r.contentHash = file.hash;
    r.raw = readRaw(file.path);
    r.segment = result.header.segmentOfResult.value_or("");
    r.processingStatus = result.processingStatus.value_or("");
    r.processingCode = result.processingCode.value_or("");
    r.processingMessage = result.processingMessage.value_or("");
    r.validity = result.validity.value_or("");
    r.errorCode = result.header.errorCode.value_or("");
    r.errorMessage = result.header.errorMessage.value_or("");
    const CheckOutcome outcome = outcomeOf(result);
    r.outcome = outcomeName(outcome);
    r.state = "arrived";
    repo.addResult(r);
  }

  static std::string readRaw(const std::filesystem::path& p) {
    const auto snapshot = linkage::readStable(p);
    if (!snapshot) throw EnvironmentError("結果ファイル「" + p.string() + "」を読み直せませんでした。");
    return snapshot->bytes;
  }

  db::Database& db_;
};

}  // namespace

int outcomeCode(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::Valid: return 0;
    case CheckOutcome::Invalid: return 2;
    case CheckOutcome::InvalidNewerExists: return 3;
    case CheckOutcome::NotFound: return 4;
    case CheckOutcome::Several: return 5;
    case CheckOutcome::Error: return 9;
  }
  return 9;
}

QualificationService::QualificationService(db::Database& db, linkage::ExchangeConfig config, std::string operatorId,
                                           std::string terminal)
    : db_(db), config_(std::move(config)), operatorId_(std::move(operatorId)), terminal_(std::move(terminal)) {}

std::int64_t QualificationService::startCheck(const CheckTarget& target) {
  db::StoredCheck check;
  const Date day = target.checkDate.value_or(today());
  if (target.patientNumber) {
    PatientRegister reg(db_, operatorId_);
    const Patient patient = reg.patient(*target.patientNumber);
    std::optional<InsuranceRecord> record;
    if (target.insuranceId) {
      record = db::InsuranceRepository(db_).get(*target.insuranceId);
      if (record->patientNumber != patient.number) {
        throw InvalidInput("保険ID " + std::to_string(*target.insuranceId) + " は患者番号 " +
                           std::to_string(patient.number) + " の保険ではありません。");
      }
    } else {
      record = reg.currentInsurance(patient.number);
    }
    if (!record) {
      throw InvalidInput("患者番号 " + std::to_string(patient.number) +
                         " には保険情報がありません。保険証の番号を入力して確認してください。");
    }
    check.patientNumber = patient.number;
    check.insuranceId = record->id;
    check.insurerNumber = record->insured.insurerNumber;
    check.symbol = record->insured.symbol;
    check.number = record->insured.number;
    check.branch = record->insured.branch;
    check.birthDate = yyyymmdd(patient.birthDate);
  } else {
    FieldErrors errors;
    InsuranceRecord entered;
    try {
      entered = makeInsurance(target.entered);
    } catch (const ValidationFailed& e) {
      for (const auto& err : e.errors()) errors.add(err.field, err.label, err.message);
    }
    const auto birth = target.enteredBirthDate ? parseDate(*target.enteredBirthDate) : DateParseResult{};
    if (!birth.date) errors.add("birth_date", "生年月日", target.enteredBirthDate ? birth.error : "生年月日を入力してください。");
    errors.throwIfAny();
    check.insurerNumber = entered.insured.insurerNumber;
    check.symbol = entered.insured.symbol;
    check.number = entered.insured.number;
    check.branch = entered.insured.branch;
    check.birthDate = yyyymmdd(*birth.date);
  }
  check.checkDate = yyyymmdd(day);
  check.limitConsent = target.limitConsent;
  if (target.limitConsent) {
    check.consentRecordedBy = operatorId_;
    check.consentRecordedAt = db::nowTimestamp();
  }
  check.operatorId = operatorId_;
  check.terminal = terminal_;

  const std::string suffix = nextRequestSuffix(db_, day);
  linkage::SingleCheckRequest request;
  request.header.confirmationDate = check.checkDate;
  request.header.institutionCode = config_.institutionCode;
  request.header.fileIdentifier = "RZ" + suffix;
  request.key.insurerNumber = padInsurerNumber(check.insurerNumber);
  request.key.symbol = check.symbol;  // sent empty when the card has none
  request.key.number = check.number;
  if (!check.branch.empty()) request.key.branch = check.branch;
  request.key.birthdate = check.birthDate;
  request.key.limitConsent = check.limitConsent ? "1" : "0";
  request.key.arbitraryIdentifier = check.patientNumber ? "P" + std::to_string(*check.patientNumber) : "";
  if (request.key.arbitraryIdentifier->empty()) request.key.arbitraryIdentifier.reset();

  DatabaseRequestJournal journal(db_);
  linkage::LinkageExchange exchange(config_, journal);
  linkage::RequestRecord sent;
  try {
    sent = exchange.submit(linkage::MessageKind::SingleCheckRequest, linkage::toXml(request), suffix);
  } catch (const linkage::TransferError& e) {
    throw EnvironmentError(e.what());
  }
  check.requestId = sent.id;
  db::WriteTransaction tx(db_);
  const std::int64_t id = db::QualificationRepository(db_).addCheck(check);
  tx.commit();
  return id;
}

void QualificationService::poll() {
  DatabaseRequestJournal journal(db_);
  linkage::LinkageExchange exchange(config_, journal);
  ResultStore store(db_);
  exchange.poll(store);
}

CheckReport QualificationService::waitForCheck(std::int64_t checkId, JobContext& job, std::chrono::milliseconds pollInterval) {
  const auto start = std::chrono::steady_clock::now();
  const auto limit = config_.singleTimeout + std::chrono::seconds(5);
  for (;;) {
    poll();
    CheckReport r = report(checkId);
    if (r.finished) return r;
    const auto waited = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
    job.step(waited.count(), limit.count(), "資格確認の応答を待っています");
    std::this_thread::sleep_for(pollInterval);
  }
}

CheckReport QualificationService::report(std::int64_t checkId) {
  db::QualificationRepository repo(db_);
  const db::StoredCheck check = repo.check(checkId);
  const linkage::RequestRecord request = DatabaseRequestJournal(db_).get(check.requestId);
  CheckReport r;
  r.checkId = checkId;
  r.patientNumber = check.patientNumber;
  r.requestState = linkage::toString(request.state);
  r.requestDetail = request.detail;
  r.finished = request.state != linkage::RequestState::Pending && request.state != linkage::RequestState::Sent;
  const auto stored = repo.resultForCheck(checkId);
  if (!stored) return r;
  r.resultId = stored->id;
  r.outcome = outcomeFromName(stored->outcome);
  r.processingCode = stored->processingCode;
  r.processingMessage = stored->processingMessage;
  r.errorCode = stored->errorCode;
  r.errorMessage = stored->errorMessage;
  const auto decoded = linkage::decodeMessage(stored->raw, stored->fileName);
  const auto result = linkage::readQualificationResult(decoded.root());
  if (result.qualifications.empty()) return r;
  const linkage::Qualification& q = result.qualifications.front();
  r.returned = returnedFrom(q);
  if (q.limitCertificate) {
    const auto& c = *q.limitCertificate;
    const auto label = [](const char* element, const Text& v) {
      return v ? linkage::codeLabel(element, *v).value_or("") : std::string();
    };
    r.limitCertificate = LimitCertificateData{c.classification.value_or(""),
                                              label("LimitApplicationCertificateClassification", c.classification),
                                              c.classificationFlag.value_or(""),
                                              label("LimitApplicationCertificateClassificationFlag", c.classificationFlag),
                                              c.issueDate.value_or(""), c.validStart.value_or(""), c.validEnd.value_or(""),
                                              c.longTermDate.value_or("")};
  }
  if (check.patientNumber) {
    PatientRegister reg(db_, operatorId_);
    const Patient patient = reg.patient(*check.patientNumber);
    std::optional<InsuranceRecord> held;
    if (check.insuranceId) held = db::InsuranceRepository(db_).get(*check.insuranceId);
    r.comparison = compareWithRegister(patient, held, *r.returned);
  }
  return r;
}

}  // namespace rececon
