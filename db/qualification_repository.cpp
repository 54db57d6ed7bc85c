#include "db/qualification_repository.h"

#include "app/core/error.h"
#include "db/change_log.h"
#include "db/database_errors.h"

namespace rececon::db {
namespace {

constexpr const char* kCheckColumns =
    "id, request_id, patient_number, insurance_id, insurer_number, symbol, number, branch, birth_date, check_date,"
    " limit_consent, consent_recorded_by, consent_recorded_at, operator, terminal, created_at";

constexpr const char* kResultColumns =
    "id, source, check_id, file_name, content_hash, raw, received_at, segment, processing_status, processing_code,"
    " processing_message, validity, error_code, error_message, outcome, state, decided_by, decided_at, decision_detail";

StoredCheck readCheck(Statement& q) {
  StoredCheck c;
  c.id = q.int64("id");
  c.requestId = q.int64("request_id");
  c.patientNumber = q.optionalInt64("patient_number");
  c.insuranceId = q.optionalInt64("insurance_id");
  c.insurerNumber = q.text("insurer_number");
  c.symbol = q.text("symbol");
  c.number = q.text("number");
  c.branch = q.text("branch");
  c.birthDate = q.text("birth_date");
  c.checkDate = q.text("check_date");
  c.limitConsent = q.integer("limit_consent") == 1;
  c.consentRecordedBy = q.text("consent_recorded_by");
  c.consentRecordedAt = q.text("consent_recorded_at");
  c.operatorId = q.text("operator");
  c.terminal = q.text("terminal");
  c.createdAt = q.text("created_at");
  return c;
}

// A word no source has means the register was changed outside the program.
ResultSource sourceFrom(const std::string& stored) {
  if (const auto s = enumFromName<ResultSource>(stored)) return *s;
  throw EnvironmentError("結果の取得元「" + stored + "」を読めません（データベースが外から変更された可能性があります）。");
}

ResultDecision decisionFrom(const std::string& stored) {
  if (const auto d = enumFromName<ResultDecision>(stored)) return *d;
  throw EnvironmentError("結果の判断「" + stored + "」を読めません（データベースが外から変更された可能性があります）。");
}

StoredResult readResult(Statement& q) {
  StoredResult r;
  r.id = q.int64("id");
  r.source = sourceFrom(q.text("source"));
  r.checkId = q.optionalInt64("check_id");
  r.fileName = q.text("file_name");
  r.contentHash = q.text("content_hash");
  r.raw = q.blob("raw");
  r.receivedAt = q.text("received_at");
  r.segment = q.text("segment");
  r.processingStatus = q.text("processing_status");
  r.processingCode = q.text("processing_code");
  r.processingMessage = q.text("processing_message");
  r.validity = q.text("validity");
  r.errorCode = q.text("error_code");
  r.errorMessage = q.text("error_message");
  r.outcome = q.text("outcome");
  r.state = decisionFrom(q.text("state"));
  r.decidedBy = q.text("decided_by");
  r.decidedAt = q.text("decided_at");
  r.decisionDetail = q.text("decision_detail");
  return r;
}

}  // namespace

std::int64_t QualificationRepository::addCheck(const StoredCheck& c) {
  return guarded("資格確認の記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO qualification_check (request_id, patient_number, insurance_id, insurer_number, symbol, number,"
        " branch, birth_date, check_date, limit_consent, consent_recorded_by, consent_recorded_at, operator, terminal,"
        " created_at) VALUES (:request_id, :patient_number, :insurance_id, :insurer_number, :symbol, :number, :branch,"
        " :birth_date, :check_date, :limit_consent, :consent_recorded_by, :consent_recorded_at, :operator, :terminal,"
        " :created_at) RETURNING id");
    q.bind("request_id", c.requestId);
    q.bind("patient_number", c.patientNumber);
    q.bind("insurance_id", c.insuranceId);
    q.bind("insurer_number", c.insurerNumber);
    q.bind("symbol", c.symbol);
    q.bind("number", c.number);
    q.bind("branch", c.branch);
    q.bind("birth_date", c.birthDate);
    q.bind("check_date", c.checkDate);
    q.bind("limit_consent", c.limitConsent);
    q.bind("consent_recorded_by", c.consentRecordedBy);
    q.bind("consent_recorded_at", c.consentRecordedAt);
    q.bind("operator", c.operatorId);
    q.bind("terminal", c.terminal);
    q.bind("created_at", nowTimestamp());
    return q.singleInt64("id");
  });
}

std::optional<StoredCheck> QualificationRepository::checkForRequest(std::int64_t requestId) {
  return guarded("資格確認の読み込み", [&]() -> std::optional<StoredCheck> {
    Statement q = db_.prepare(std::string("SELECT ") + kCheckColumns +
                              " FROM qualification_check WHERE request_id = :request_id");
    q.bind("request_id", requestId);
    if (!q.next()) return std::nullopt;
    return readCheck(q);
  });
}

StoredCheck QualificationRepository::check(std::int64_t id) {
  return guarded("資格確認の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kCheckColumns + " FROM qualification_check WHERE id = :id");
    q.bind("id", id);
    if (!q.next()) throw NotFound("資格確認 " + std::to_string(id) + " は記録されていません。");
    return readCheck(q);
  });
}

bool QualificationRepository::hasResult(const std::string& fileName, const std::string& contentHash) {
  return guarded("資格確認結果の読み込み", [&] {
    Statement q = db_.prepare(
        "SELECT 1 AS found FROM qualification_result WHERE file_name = :file_name AND content_hash = :content_hash");
    q.bind("file_name", fileName);
    q.bind("content_hash", contentHash);
    return q.next();
  });
}

std::pair<std::int64_t, bool> QualificationRepository::addResult(const StoredResult& r) {
  return guarded("資格確認結果の記録", [&]() -> std::pair<std::int64_t, bool> {
    {
      Statement q = db_.prepare(
          "SELECT id FROM qualification_result WHERE file_name = :file_name AND content_hash = :content_hash");
      q.bind("file_name", r.fileName);
      q.bind("content_hash", r.contentHash);
      if (q.next()) return {q.int64("id"), false};
    }
    Statement q = db_.prepare(
        "INSERT INTO qualification_result (source, check_id, file_name, content_hash, raw, received_at, segment,"
        " processing_status, processing_code, processing_message, validity, error_code, error_message, outcome, state)"
        " VALUES (:source, :check_id, :file_name, :content_hash, :raw, :received_at, :segment, :processing_status,"
        " :processing_code, :processing_message, :validity, :error_code, :error_message, :outcome, :state)"
        " RETURNING id");
    q.bind("source", nameOf(r.source));
    q.bind("check_id", r.checkId);
    q.bind("file_name", r.fileName);
    q.bind("content_hash", r.contentHash);
    q.bindBlob("raw", r.raw);
    q.bind("received_at", nowTimestamp());
    q.bind("segment", r.segment);
    q.bind("processing_status", r.processingStatus);
    q.bind("processing_code", r.processingCode);
    q.bind("processing_message", r.processingMessage);
    q.bind("validity", r.validity);
    q.bind("error_code", r.errorCode);
    q.bind("error_message", r.errorMessage);
    q.bind("outcome", r.outcome);
    q.bind("state", nameOf(r.state));
    return {q.singleInt64("id"), true};
  });
}

StoredResult QualificationRepository::result(std::int64_t id) {
  return guarded("資格確認結果の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kResultColumns + " FROM qualification_result WHERE id = :id");
    q.bind("id", id);
    if (!q.next()) throw NotFound("資格確認結果 " + std::to_string(id) + " は記録されていません。");
    return readResult(q);
  });
}

std::optional<StoredResult> QualificationRepository::resultForCheck(std::int64_t checkId) {
  return guarded("資格確認結果の読み込み", [&]() -> std::optional<StoredResult> {
    Statement q = db_.prepare(std::string("SELECT ") + kResultColumns +
                              " FROM qualification_result WHERE check_id = :check_id ORDER BY id DESC LIMIT 1");
    q.bind("check_id", checkId);
    if (!q.next()) return std::nullopt;
    return readResult(q);
  });
}

std::vector<StoredResult> QualificationRepository::resultsInState(ResultDecision state) {
  return guarded("資格確認結果の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kResultColumns +
                              " FROM qualification_result WHERE state = :state ORDER BY id");
    q.bind("state", nameOf(state));
    std::vector<StoredResult> out;
    while (q.next()) out.push_back(readResult(q));
    return out;
  });
}

std::int64_t QualificationRepository::addLimitCertificate(const StoredLimitCertificate& c) {
  return guarded("限度額適用認定証の記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO limit_certificate (patient_number, insurance_id, result_id, classification, flag, issue_date,"
        " valid_start, valid_end, long_term_date, operator, created_at) VALUES (:patient_number, :insurance_id,"
        " :result_id, :classification, :flag, :issue_date, :valid_start, :valid_end, :long_term_date, :operator,"
        " :created_at) RETURNING id");
    q.bind("patient_number", c.patientNumber);
    q.bind("insurance_id", c.insuranceId);
    q.bind("result_id", c.resultId);
    q.bind("classification", c.classification);
    q.bind("flag", c.flag);
    q.bind("issue_date", c.issueDate);
    q.bind("valid_start", c.validStart);
    q.bind("valid_end", c.validEnd);
    q.bind("long_term_date", c.longTermDate);
    q.bind("operator", c.operatorId);
    q.bind("created_at", nowTimestamp());
    return q.singleInt64("id");
  });
}

std::optional<StoredLimitCertificate> QualificationRepository::latestLimitCertificate(std::int64_t patientNumber) {
  return guarded("限度額適用認定証の読み込み", [&]() -> std::optional<StoredLimitCertificate> {
    Statement q = db_.prepare(
        "SELECT id, patient_number, insurance_id, result_id, classification, flag, issue_date, valid_start, valid_end,"
        " long_term_date, operator, created_at FROM limit_certificate WHERE patient_number = :patient_number"
        " ORDER BY id DESC LIMIT 1");
    q.bind("patient_number", patientNumber);
    if (!q.next()) return std::nullopt;
    StoredLimitCertificate c;
    c.id = q.int64("id");
    c.patientNumber = q.int64("patient_number");
    c.insuranceId = q.optionalInt64("insurance_id");
    c.resultId = q.int64("result_id");
    c.classification = q.text("classification");
    c.flag = q.text("flag");
    c.issueDate = q.text("issue_date");
    c.validStart = q.text("valid_start");
    c.validEnd = q.text("valid_end");
    c.longTermDate = q.text("long_term_date");
    c.operatorId = q.text("operator");
    c.createdAt = q.text("created_at");
    return c;
  });
}

std::vector<std::int64_t> QualificationRepository::idsInState(ResultDecision state) {
  return guarded("資格確認の結果の読み込み", [&] {
    Statement q = db_.prepare("SELECT id FROM qualification_result WHERE state = :state ORDER BY id");
    q.bind("state", nameOf(state));
    std::vector<std::int64_t> ids;
    while (q.next()) ids.push_back(q.int64("id"));
    return ids;
  });
}

std::int64_t QualificationRepository::countInState(ResultDecision state) {
  return guarded("資格確認結果の読み込み", [&] {
    Statement q = db_.prepare("SELECT COUNT(*) AS n FROM qualification_result WHERE state = :state");
    q.bind("state", nameOf(state));
    return q.singleInt64("n");
  });
}

bool QualificationRepository::decide(std::int64_t id, ResultDecision state, const std::string& decidedBy,
                                     const std::string& detail) {
  return guarded("資格確認結果の判断の記録", [&] {
    Statement q = db_.prepare(
        "UPDATE qualification_result SET state = :state, decided_by = :decided_by, decided_at = :decided_at,"
        " decision_detail = :decision_detail WHERE id = :id AND state = :arrived");
    q.bind("state", nameOf(state));
    q.bind("decided_by", decidedBy);
    q.bind("decided_at", nowTimestamp());
    q.bind("decision_detail", detail);
    q.bind("id", id);
    q.bind("arrived", nameOf(ResultDecision::Arrived));
    return q.run() == 1;
  });
}

}  // namespace rececon::db
