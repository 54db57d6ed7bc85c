#include "db/linkage_request_repository.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "app/core/error.h"
#include "db/change_log.h"
#include "db/sqlite_errors.h"

namespace rececon::db {
namespace {

// The columns readRow reads, in its order, with `bytes` as the sixth: request_bytes itself, or an
// expression that leaves it out.
std::string columnsWith(const char* bytes) {
  return std::string("id, kind, file_name, file_identifier, reception_number, ") + bytes +
         ", state, created_at, deadline, result_file, detail";
}
// The request's bytes only for a pending one: only it may have to be written again (after a crash), and a
// night's bulk requests are hundreds of kilobytes each, read on every poll.
constexpr const char* kBytesIfPending = "CASE WHEN state = 'pending' THEN request_bytes ELSE X'' END";

StoredLinkageRequest readRow(SQLite::Statement& q) {
  StoredLinkageRequest r;
  r.id = q.getColumn(0).getInt64();
  r.kind = q.getColumn(1).getString();
  r.fileName = q.getColumn(2).getString();
  r.fileIdentifier = q.getColumn(3).getString();
  r.receptionNumber = q.getColumn(4).getString();
  const SQLite::Column bytes = q.getColumn(5);
  r.requestBytes.assign(static_cast<const char*>(bytes.getBlob()), static_cast<std::size_t>(bytes.getBytes()));
  r.state = q.getColumn(6).getString();
  r.createdAt = q.getColumn(7).getInt64();
  r.deadline = q.getColumn(8).getInt64();
  r.resultFile = q.getColumn(9).getString();
  r.detail = q.getColumn(10).getString();
  return r;
}

}  // namespace

std::int64_t LinkageRequestRepository::add(const StoredLinkageRequest& r) {
  WriteTransaction tx(db_);
  const std::int64_t id = guarded("連携要求の記録", [&] {
    auto cached = db_.prepare("SELECT 1 FROM linkage_request WHERE file_name = ?");
    SQLite::Statement& exists = cached.get();
    exists.bind(1, r.fileName);
    if (exists.executeStep()) throw InvalidInput("要求ファイル名「" + r.fileName + "」はすでに使われています。");
    auto insertCached = db_.prepare(
        "INSERT INTO linkage_request (kind, file_name, file_identifier, reception_number, request_bytes, state,"
        " created_at, deadline, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)");
    SQLite::Statement& q = insertCached.get();
    q.bind(1, r.kind);
    q.bind(2, r.fileName);
    q.bind(3, r.fileIdentifier);
    q.bind(4, r.receptionNumber);
    q.bind(5, r.requestBytes.data(), static_cast<int>(r.requestBytes.size()));
    q.bind(6, r.createdAt);
    q.bind(7, r.deadline);
    q.bind(8, nowTimestamp());
    q.exec();
    return db_.sql().getLastInsertRowid();
  });
  tx.commit();
  return id;
}

bool LinkageRequestRepository::transition(std::int64_t id, const std::string& from, const std::string& to,
                                          const std::string& detail, const std::string& resultFile) {
  WriteTransaction tx(db_);
  const bool changed = guarded("連携要求の状態の更新", [&] {
    auto cached = db_.prepare(
        "UPDATE linkage_request SET state = ?, detail = ?, result_file = ?, updated_at = ? WHERE id = ? AND state = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, to);
    q.bind(2, detail);
    q.bind(3, resultFile);
    q.bind(4, nowTimestamp());
    q.bind(5, id);
    q.bind(6, from);
    return q.exec() == 1;
  });
  tx.commit();
  return changed;
}

std::vector<StoredLinkageRequest> LinkageRequestRepository::waiting(std::int64_t lateSince) {
  return guarded("連携要求の読み込み", [&] {
    auto cached = db_.prepare("SELECT " + columnsWith(kBytesIfPending) +
                              " FROM linkage_request WHERE state IN ('pending', 'sent')"
                              " OR (state = 'timed_out' AND deadline > ?) ORDER BY id");
    SQLite::Statement& q = cached.get();
    q.bind(1, lateSince);
    std::vector<StoredLinkageRequest> out;
    while (q.executeStep()) out.push_back(readRow(q));
    return out;
  });
}

LinkageActivity LinkageRequestRepository::activity(std::int64_t now) {
  return guarded("連携要求の集計", [&] {
    auto cached = db_.prepare(
        "SELECT (SELECT COALESCE(MAX(updated_at), '') FROM linkage_request WHERE state = 'answered'),"
        " (SELECT COALESCE(MAX(created_at), 0) FROM linkage_request),"
        " (SELECT COUNT(*) FROM linkage_request WHERE state IN ('pending', 'sent') AND deadline < ?),"
        " (SELECT COUNT(*) FROM linkage_request WHERE state IN ('pending', 'sent')),"
        " (SELECT COALESCE(CAST(strftime('%s', MAX(updated_at)) AS INTEGER), 0) FROM linkage_request WHERE state = 'answered')");
    SQLite::Statement& q = cached.get();
    q.bind(1, now);
    q.executeStep();
    LinkageActivity a;
    a.lastAnsweredAt = q.getColumn(0).getString();
    a.latestCreatedAt = q.getColumn(1).getInt64();
    a.overdue = q.getColumn(2).getInt();
    a.waiting = q.getColumn(3).getInt();
    a.lastAnsweredSeconds = q.getColumn(4).getInt64();
    return a;
  });
}

std::vector<SettledRequest> LinkageRequestRepository::recentlySettled(int limit) {
  return guarded("連携要求の集計", [&] {
    auto cached = db_.prepare(
        "SELECT r.id, r.kind, r.file_name, r.state, r.detail, r.updated_at, COALESCE(q.error_code, ''),"
        " COALESCE(q.error_message, ''), COALESCE(q.outcome, '') = 'error'"
        " FROM linkage_request r LEFT JOIN qualification_check c ON c.request_id = r.id"
        " LEFT JOIN qualification_result q ON q.check_id = c.id AND q.source = 'check'"
        " WHERE r.state IN ('answered', 'failed', 'timed_out') ORDER BY r.id DESC LIMIT ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, limit);
    std::vector<SettledRequest> out;
    while (q.executeStep()) {
      SettledRequest s;
      s.id = q.getColumn(0).getInt64();
      s.kind = q.getColumn(1).getString();
      s.fileName = q.getColumn(2).getString();
      s.state = q.getColumn(3).getString();
      s.detail = q.getColumn(4).getString();
      s.updatedAt = q.getColumn(5).getString();
      s.errorCode = q.getColumn(6).getString();
      s.errorMessage = q.getColumn(7).getString();
      s.errorResult = q.getColumn(8).getInt() != 0;
      if (!out.empty() && out.back().id == s.id) continue;  // a duplicate result row of the same check
      out.push_back(std::move(s));
    }
    return out;
  });
}

std::optional<std::string> LinkageRequestRepository::stateOfFile(const std::string& fileName) {
  return guarded("連携要求の読み込み", [&]() -> std::optional<std::string> {
    auto cached = db_.prepare("SELECT state FROM linkage_request WHERE file_name = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, fileName);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getString();
  });
}

std::optional<std::int64_t> LinkageRequestRepository::idOfFile(const std::string& fileName) {
  return guarded("連携要求の読み込み", [&]() -> std::optional<std::int64_t> {
    auto cached = db_.prepare("SELECT id FROM linkage_request WHERE file_name = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, fileName);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getInt64();
  });
}

StoredLinkageRequest LinkageRequestRepository::get(std::int64_t id) {
  return guarded("連携要求の読み込み", [&] {
    auto cached = db_.prepare("SELECT " + columnsWith("request_bytes") + " FROM linkage_request WHERE id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, id);
    if (!q.executeStep()) throw NotFound("連携要求 " + std::to_string(id) + " は記録されていません。");
    return readRow(q);
  });
}

void LinkageRequestRepository::addAnswer(std::int64_t requestId, const std::string& fileName,
                                         const std::string& contentHash, const std::string& raw) {
  guarded("連携の応答の記録", [&] {
    auto cached = db_.prepare(
        "INSERT INTO linkage_answer (request_id, file_name, content_hash, raw, received_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (request_id) DO NOTHING");
    SQLite::Statement& q = cached.get();
    q.bind(1, requestId);
    q.bind(2, fileName);
    q.bind(3, contentHash);
    q.bind(4, raw.data(), static_cast<int>(raw.size()));
    q.bind(5, nowTimestamp());
    q.exec();
  });
}

bool LinkageRequestRepository::hasAnswer(const std::string& fileName, const std::string& contentHash) {
  return guarded("連携の応答の読み込み", [&] {
    auto cached = db_.prepare("SELECT 1 FROM linkage_answer WHERE file_name = ? AND content_hash = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, fileName);
    q.bind(2, contentHash);
    return q.executeStep();
  });
}

std::optional<std::string> LinkageRequestRepository::answer(std::int64_t requestId) {
  return guarded("連携の応答の読み込み", [&]() -> std::optional<std::string> {
    auto cached = db_.prepare("SELECT raw FROM linkage_answer WHERE request_id = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, requestId);
    if (!q.executeStep()) return std::nullopt;
    const SQLite::Column raw = q.getColumn(0);
    return std::string(static_cast<const char*>(raw.getBlob()), static_cast<std::size_t>(raw.getBytes()));
  });
}

int LinkageRequestRepository::nextNumber(const std::string& day) {
  WriteTransaction tx(db_);
  const int next = guarded("要求番号の採番", [&] {
    auto cached = db_.prepare(
        "INSERT INTO linkage_counter (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1"
        " RETURNING last");
    SQLite::Statement& q = cached.get();
    q.bind(1, day);
    if (!q.executeStep()) throw InternalError("linkage_counter: no row returned");
    return q.getColumn(0).getInt();
  });
  tx.commit();
  return next;
}

}  // namespace rececon::db
