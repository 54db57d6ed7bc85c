#include "db/qualification_repository.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "app/core/error.h"
#include "db/change_log.h"
#include "db/nullable_columns.h"
#include "db/sqlite_errors.h"

namespace rececon::db {
namespace {

constexpr const char* kCheckColumns =
    "id, request_id, patient_number, insurance_id, insurer_number, symbol, number, branch, birth_date, check_date,"
    " limit_consent, consent_recorded_by, consent_recorded_at, operator, terminal, created_at";

constexpr const char* kResultColumns =
    "id, source, check_id, file_name, content_hash, raw, received_at, segment, processing_status, processing_code,"
    " processing_message, validity, error_code, error_message, outcome, state, decided_by, decided_at, decision_detail";

StoredCheck readCheck(SQLite::Statement& q) {
  StoredCheck c;
  c.id = q.getColumn(0).getInt64();
  c.requestId = q.getColumn(1).getInt64();
  c.patientNumber = optionalInt64(q.getColumn(2));
  c.insuranceId = optionalInt64(q.getColumn(3));
  c.insurerNumber = q.getColumn(4).getString();
  c.symbol = q.getColumn(5).getString();
  c.number = q.getColumn(6).getString();
  c.branch = q.getColumn(7).getString();
  c.birthDate = q.getColumn(8).getString();
  c.checkDate = q.getColumn(9).getString();
  c.limitConsent = q.getColumn(10).getInt() == 1;
  c.consentRecordedBy = q.getColumn(11).getString();
  c.consentRecordedAt = q.getColumn(12).getString();
  c.operatorId = q.getColumn(13).getString();
  c.terminal = q.getColumn(14).getString();
  c.createdAt = q.getColumn(15).getString();
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

StoredResult readResult(SQLite::Statement& q) {
  StoredResult r;
  int i = 0;
  r.id = q.getColumn(i++).getInt64();
  r.source = sourceFrom(q.getColumn(i++).getString());
  r.checkId = optionalInt64(q.getColumn(i++));
  r.fileName = q.getColumn(i++).getString();
  r.contentHash = q.getColumn(i++).getString();
  const SQLite::Column raw = q.getColumn(i++);
  r.raw.assign(static_cast<const char*>(raw.getBlob()), static_cast<std::size_t>(raw.getBytes()));
  for (std::string* s : {&r.receivedAt, &r.segment, &r.processingStatus, &r.processingCode, &r.processingMessage,
                         &r.validity, &r.errorCode, &r.errorMessage, &r.outcome}) {
    *s = q.getColumn(i++).getString();
  }
  r.state = decisionFrom(q.getColumn(i++).getString());
  for (std::string* s : {&r.decidedBy, &r.decidedAt, &r.decisionDetail}) *s = q.getColumn(i++).getString();
  return r;
}

}  // namespace

std::int64_t QualificationRepository::addCheck(const StoredCheck& c) {
  return guarded("資格確認の記録", [&] {
    auto cached = db_.prepare(
        "INSERT INTO qualification_check (request_id, patient_number, insurance_id, insurer_number, symbol, number,"
        " branch, birth_date, check_date, limit_consent, consent_recorded_by, consent_recorded_at, operator, terminal,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& q = cached.get();
    q.bind(1, c.requestId);
    bindOptional(q, 2, c.patientNumber);
    bindOptional(q, 3, c.insuranceId);
    q.bind(4, c.insurerNumber);
    q.bind(5, c.symbol);
    q.bind(6, c.number);
    q.bind(7, c.branch);
    q.bind(8, c.birthDate);
    q.bind(9, c.checkDate);
    q.bind(10, c.limitConsent ? 1 : 0);
    q.bind(11, c.consentRecordedBy);
    q.bind(12, c.consentRecordedAt);
    q.bind(13, c.operatorId);
    q.bind(14, c.terminal);
    q.bind(15, nowTimestamp());
    q.exec();
    return db_.sql().getLastInsertRowid();
  });
}

std::optional<StoredCheck> QualificationRepository::checkForRequest(std::int64_t requestId) {
  return guarded("資格確認の読み込み", [&]() -> std::optional<StoredCheck> {
    auto cached = db_.prepare(std::string("SELECT ") + kCheckColumns + " FROM qualification_check WHERE request_id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, requestId);
    if (!q.executeStep()) return std::nullopt;
    return readCheck(q);
  });
}

StoredCheck QualificationRepository::check(std::int64_t id) {
  return guarded("資格確認の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kCheckColumns + " FROM qualification_check WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, id);
    if (!q.executeStep()) throw NotFound("資格確認 " + std::to_string(id) + " は記録されていません。");
    return readCheck(q);
  });
}

bool QualificationRepository::hasResult(const std::string& fileName, const std::string& contentHash) {
  return guarded("資格確認結果の読み込み", [&] {
    auto cached = db_.prepare("SELECT 1 FROM qualification_result WHERE file_name = ? AND content_hash = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, fileName);
    q.bind(2, contentHash);
    return q.executeStep();
  });
}

std::pair<std::int64_t, bool> QualificationRepository::addResult(const StoredResult& r) {
  return guarded("資格確認結果の記録", [&]() -> std::pair<std::int64_t, bool> {
    {
      auto cached = db_.prepare("SELECT id FROM qualification_result WHERE file_name = ? AND content_hash = ?");
      SQLite::Statement& q = cached.get();
      q.bind(1, r.fileName);
      q.bind(2, r.contentHash);
      if (q.executeStep()) return {q.getColumn(0).getInt64(), false};
    }
    auto cached = db_.prepare(
        "INSERT INTO qualification_result (source, check_id, file_name, content_hash, raw, received_at, segment,"
        " processing_status, processing_code, processing_message, validity, error_code, error_message, outcome, state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& q = cached.get();
    q.bind(1, std::string(nameOf(r.source)));
    bindOptional(q, 2, r.checkId);
    q.bind(3, r.fileName);
    q.bind(4, r.contentHash);
    q.bind(5, r.raw.data(), static_cast<int>(r.raw.size()));
    q.bind(6, nowTimestamp());
    int i = 7;
    for (const std::string* s : {&r.segment, &r.processingStatus, &r.processingCode, &r.processingMessage, &r.validity,
                                 &r.errorCode, &r.errorMessage, &r.outcome}) {
      q.bind(i++, *s);
    }
    q.bind(i, std::string(nameOf(r.state)));
    q.exec();
    return {db_.sql().getLastInsertRowid(), true};
  });
}

StoredResult QualificationRepository::result(std::int64_t id) {
  return guarded("資格確認結果の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kResultColumns + " FROM qualification_result WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, id);
    if (!q.executeStep()) throw NotFound("資格確認結果 " + std::to_string(id) + " は記録されていません。");
    return readResult(q);
  });
}

std::optional<StoredResult> QualificationRepository::resultForCheck(std::int64_t checkId) {
  return guarded("資格確認結果の読み込み", [&]() -> std::optional<StoredResult> {
    auto cached = db_.prepare(std::string("SELECT ") + kResultColumns +
                              " FROM qualification_result WHERE check_id = ? ORDER BY id DESC LIMIT 1");
    SQLite::Statement& q = cached.get();
    q.bind(1, checkId);
    if (!q.executeStep()) return std::nullopt;
    return readResult(q);
  });
}

std::vector<StoredResult> QualificationRepository::resultsInState(ResultDecision state) {
  return guarded("資格確認結果の読み込み", [&] {
    auto cached = db_.prepare(std::string("SELECT ") + kResultColumns + " FROM qualification_result WHERE state = ? ORDER BY id");
    SQLite::Statement& q = cached.get();
    q.bind(1, std::string(nameOf(state)));
    std::vector<StoredResult> out;
    while (q.executeStep()) out.push_back(readResult(q));
    return out;
  });
}

std::int64_t QualificationRepository::addLimitCertificate(const StoredLimitCertificate& c) {
  return guarded("限度額適用認定証の記録", [&] {
    auto cached = db_.prepare(
        "INSERT INTO limit_certificate (patient_number, insurance_id, result_id, classification, flag, issue_date,"
        " valid_start, valid_end, long_term_date, operator, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& q = cached.get();
    q.bind(1, c.patientNumber);
    bindOptional(q, 2, c.insuranceId);
    q.bind(3, c.resultId);
    int i = 4;
    for (const std::string* v : {&c.classification, &c.flag, &c.issueDate, &c.validStart, &c.validEnd, &c.longTermDate,
                                 &c.operatorId}) {
      q.bind(i++, *v);
    }
    q.bind(i, nowTimestamp());
    q.exec();
    return db_.sql().getLastInsertRowid();
  });
}

std::optional<StoredLimitCertificate> QualificationRepository::latestLimitCertificate(std::int64_t patientNumber) {
  return guarded("限度額適用認定証の読み込み", [&]() -> std::optional<StoredLimitCertificate> {
    auto cached = db_.prepare(
        "SELECT id, patient_number, insurance_id, result_id, classification, flag, issue_date, valid_start, valid_end,"
        " long_term_date, operator, created_at FROM limit_certificate WHERE patient_number = ? ORDER BY id DESC LIMIT 1");
    SQLite::Statement& q = cached.get();
    q.bind(1, patientNumber);
    if (!q.executeStep()) return std::nullopt;
    StoredLimitCertificate c;
    c.id = q.getColumn(0).getInt64();
    c.patientNumber = q.getColumn(1).getInt64();
    c.insuranceId = optionalInt64(q.getColumn(2));
    c.resultId = q.getColumn(3).getInt64();
    int i = 4;
    for (std::string* v : {&c.classification, &c.flag, &c.issueDate, &c.validStart, &c.validEnd, &c.longTermDate,
                           &c.operatorId, &c.createdAt}) {
      *v = q.getColumn(i++).getString();
    }
    return c;
  });
}

std::vector<std::int64_t> QualificationRepository::idsInState(ResultDecision state) {
  return guarded("資格確認の結果の読み込み", [&] {
    auto cached = db_.prepare("SELECT id FROM qualification_result WHERE state = ? ORDER BY id");
    SQLite::Statement& q = cached.get();
    q.bind(1, std::string(nameOf(state)));
    std::vector<std::int64_t> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
    return ids;
  });
}

std::int64_t QualificationRepository::countInState(ResultDecision state) {
  return guarded("資格確認結果の読み込み", [&] {
    auto cached = db_.prepare("SELECT count(*) FROM qualification_result WHERE state = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, std::string(nameOf(state)));
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

void QualificationRepository::decide(std::int64_t id, ResultDecision state, const std::string& decidedBy,
                                     const std::string& detail) {
  guarded("資格確認結果の判断の記録", [&] {
    auto cached = db_.prepare(
        "UPDATE qualification_result SET state = ?, decided_by = ?, decided_at = ?, decision_detail = ? WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, std::string(nameOf(state)));
    q.bind(2, decidedBy);
    q.bind(3, nowTimestamp());
    q.bind(4, detail);
    q.bind(5, id);
    if (q.exec() != 1) throw NotFound("資格確認結果 " + std::to_string(id) + " は記録されていません。");
  });
}

}  // namespace rececon::db
