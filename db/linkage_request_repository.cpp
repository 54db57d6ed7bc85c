#include "db/linkage_request_repository.h"

#include <charconv>
#include <chrono>

#include "app/core/error.h"
#include "db/change_log.h"
#include "db/database_errors.h"

namespace rececon::db {
namespace {

// The columns readRow reads, with `bytes` giving request_bytes: the column itself, or an expression
// (named request_bytes) that leaves it out.
std::string columnsWith(const char* bytes) {
  return std::string("id, kind, file_name, file_identifier, reception_number, ") + bytes +
         ", state, created_at, deadline, result_file, detail";
}
// The request's bytes only for a pending one: only it may have to be written again (after a crash), and a
// night's bulk requests are hundreds of kilobytes each, read on every poll. The others read as NULL, which
// is an empty string (an empty blob literal has no form both engines take: X'' is a bit string to PostgreSQL).
constexpr const char* kBytesIfPending =
    "CASE WHEN state = 'pending' THEN request_bytes ELSE NULL END AS request_bytes";

StoredLinkageRequest readRow(Statement& q) {
  StoredLinkageRequest r;
  r.id = q.int64("id");
  r.kind = q.text("kind");
  r.fileName = q.text("file_name");
  r.fileIdentifier = q.text("file_identifier");
  r.receptionNumber = q.text("reception_number");
  r.requestBytes = q.blob("request_bytes");
  r.state = q.text("state");
  r.createdAt = q.int64("created_at");
  r.deadline = q.int64("deadline");
  r.resultFile = q.text("result_file");
  r.detail = q.text("detail");
  return r;
}

// Reads `digits` decimal digits at `at` of text; false when they are not there.
bool readNumber(std::string_view text, std::size_t at, std::size_t digits, int& out) {
  if (at + digits > text.size()) return false;
  const char* first = text.data() + at;
  for (std::size_t i = 0; i < digits; ++i) {
    if (first[i] < '0' || first[i] > '9') return false;
  }
  return std::from_chars(first, first + digits, out).ec == std::errc();
}

// A stored timestamp (2026-11-21T09:30:00+09:00, as nowTimestamp writes it; also with a space for the T,
// without seconds, with fractions, with Z or without a zone, which is UTC) in seconds since the epoch, as
// SQLite's strftime('%s', …) gave it when the engine computed it; 0 when it is not of that form. Computed
// here because the engines share no date functions.
std::int64_t epochSecondsOf(std::string_view ts) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!readNumber(ts, 0, 4, year) || ts.size() < 10 || ts[4] != '-' || !readNumber(ts, 5, 2, month) || ts[7] != '-' ||
      !readNumber(ts, 8, 2, day)) {
    return 0;
  }
  std::size_t at = 10;
  if (at < ts.size() && (ts[at] == 'T' || ts[at] == ' ')) {
    if (!readNumber(ts, at + 1, 2, hour) || at + 3 >= ts.size() || ts[at + 3] != ':' ||
        !readNumber(ts, at + 4, 2, minute)) {
      return 0;
    }
    at += 6;
    if (at < ts.size() && ts[at] == ':') {
      if (!readNumber(ts, at + 1, 2, second)) return 0;
      at += 3;
      if (at < ts.size() && ts[at] == '.') {
        ++at;
        while (at < ts.size() && ts[at] >= '0' && ts[at] <= '9') ++at;
      }
    }
  }
  std::int64_t offsetSeconds = 0;
  if (at < ts.size() && (ts[at] == 'Z' || ts[at] == 'z')) {
    ++at;
  } else if (at < ts.size() && (ts[at] == '+' || ts[at] == '-')) {
    int offsetHours = 0, offsetMinutes = 0;
    if (!readNumber(ts, at + 1, 2, offsetHours) || at + 3 >= ts.size() || ts[at + 3] != ':' ||
        !readNumber(ts, at + 4, 2, offsetMinutes)) {
      return 0;
    }
    offsetSeconds = (offsetHours * 60 + offsetMinutes) * 60;
    if (ts[at] == '-') offsetSeconds = -offsetSeconds;
    at += 6;
  }
  if (at != ts.size() || hour > 24 || minute > 59 || second > 59) return 0;
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.month().ok() || day < 1 || day > 31) return 0;
  // An impossible day (02-30) runs on into the next month, as SQLite's date arithmetic lets it.
  const std::chrono::sys_days days =
      std::chrono::sys_days(date.year() / date.month() / 1) + std::chrono::days(day - 1);
  return static_cast<std::int64_t>(days.time_since_epoch().count()) * 86400 + hour * 3600 + minute * 60 + second -
         offsetSeconds;
}

}  // namespace

std::int64_t LinkageRequestRepository::add(const StoredLinkageRequest& r) {
  WriteTransaction tx(db_);
  const std::int64_t id = guarded("連携要求の記録", [&] {
    {
      Statement exists = db_.prepare("SELECT 1 AS found FROM linkage_request WHERE file_name = :file_name");
      exists.bind("file_name", r.fileName);
      if (exists.next()) throw InvalidInput("要求ファイル名「" + r.fileName + "」はすでに使われています。");
    }
    Statement q = db_.prepare(
        "INSERT INTO linkage_request (kind, file_name, file_identifier, reception_number, request_bytes, state,"
        " created_at, deadline, updated_at) VALUES (:kind, :file_name, :file_identifier, :reception_number,"
        " :request_bytes, 'pending', :created_at, :deadline, :updated_at) RETURNING id");
    q.bind("kind", r.kind);
    q.bind("file_name", r.fileName);
    q.bind("file_identifier", r.fileIdentifier);
    q.bind("reception_number", r.receptionNumber);
    q.bindBlob("request_bytes", r.requestBytes);
    q.bind("created_at", r.createdAt);
    q.bind("deadline", r.deadline);
    q.bind("updated_at", nowTimestamp());
    return q.singleInt64("id");
  });
  tx.commit();
  return id;
}

bool LinkageRequestRepository::transition(std::int64_t id, const std::string& from, const std::string& to,
                                          const std::string& detail, const std::string& resultFile) {
  WriteTransaction tx(db_);
  const bool changed = guarded("連携要求の状態の更新", [&] {
    Statement q = db_.prepare(
        "UPDATE linkage_request SET state = :to, detail = :detail, result_file = :result_file, updated_at = :updated_at"
        " WHERE id = :id AND state = :from");
    q.bind("to", to);
    q.bind("detail", detail);
    q.bind("result_file", resultFile);
    q.bind("updated_at", nowTimestamp());
    q.bind("id", id);
    q.bind("from", from);
    return q.run() == 1;
  });
  tx.commit();
  return changed;
}

std::vector<StoredLinkageRequest> LinkageRequestRepository::waiting(std::int64_t lateSince) {
  return guarded("連携要求の読み込み", [&] {
    Statement q = db_.prepare("SELECT " + columnsWith(kBytesIfPending) +
                              " FROM linkage_request WHERE state IN ('pending', 'sent')"
                              " OR (state = 'timed_out' AND deadline > :late_since) ORDER BY id");
    q.bind("late_since", lateSince);
    std::vector<StoredLinkageRequest> out;
    while (q.next()) out.push_back(readRow(q));
    return out;
  });
}

LinkageActivity LinkageRequestRepository::activity(std::int64_t now) {
  return guarded("連携要求の集計", [&] {
    Statement q = db_.prepare(
        "SELECT (SELECT COALESCE(MAX(updated_at), '') FROM linkage_request WHERE state = 'answered') AS last_answered,"
        " (SELECT COALESCE(MAX(created_at), 0) FROM linkage_request) AS latest_created,"
        " (SELECT COUNT(*) FROM linkage_request WHERE state IN ('pending', 'sent') AND deadline < :now) AS overdue,"
        " (SELECT COUNT(*) FROM linkage_request WHERE state IN ('pending', 'sent')) AS waiting");
    q.bind("now", now);
    if (!q.next()) throw InternalError("linkage_request: no summary row returned");
    LinkageActivity a;
    a.lastAnsweredAt = q.text("last_answered");
    a.latestCreatedAt = q.int64("latest_created");
    a.overdue = q.integer("overdue");
    a.waiting = q.integer("waiting");
    a.lastAnsweredSeconds = epochSecondsOf(a.lastAnsweredAt);
    return a;
  });
}

std::vector<SettledRequest> LinkageRequestRepository::recentlySettled(int limit) {
  return guarded("連携要求の集計", [&] {
    // A comparison is a boolean to PostgreSQL: the CASE makes error_result the 0/1 both engines read.
    Statement q = db_.prepare(
        "SELECT r.id, r.kind, r.file_name, r.state, r.detail, r.updated_at, COALESCE(q.error_code, '') AS error_code,"
        " COALESCE(q.error_message, '') AS error_message,"
        " CASE WHEN COALESCE(q.outcome, '') = 'error' THEN 1 ELSE 0 END AS error_result"
        " FROM linkage_request r LEFT JOIN qualification_check c ON c.request_id = r.id"
        " LEFT JOIN qualification_result q ON q.check_id = c.id AND q.source = 'check'"
        " WHERE r.state IN ('answered', 'failed', 'timed_out') ORDER BY r.id DESC LIMIT :limit");
    q.bind("limit", limit);
    std::vector<SettledRequest> out;
    while (q.next()) {
      SettledRequest s;
      s.id = q.int64("id");
      s.kind = q.text("kind");
      s.fileName = q.text("file_name");
      s.state = q.text("state");
      s.detail = q.text("detail");
      s.updatedAt = q.text("updated_at");
      s.errorCode = q.text("error_code");
      s.errorMessage = q.text("error_message");
      s.errorResult = q.boolean("error_result");
      if (!out.empty() && out.back().id == s.id) continue;  // a duplicate result row of the same check
      out.push_back(std::move(s));
    }
    return out;
  });
}

std::optional<std::string> LinkageRequestRepository::stateOfFile(const std::string& fileName) {
  return guarded("連携要求の読み込み", [&]() -> std::optional<std::string> {
    Statement q = db_.prepare("SELECT state FROM linkage_request WHERE file_name = :file_name");
    q.bind("file_name", fileName);
    if (!q.next()) return std::nullopt;
    return q.text("state");
  });
}

std::optional<std::int64_t> LinkageRequestRepository::idOfFile(const std::string& fileName) {
  return guarded("連携要求の読み込み", [&]() -> std::optional<std::int64_t> {
    Statement q = db_.prepare("SELECT id FROM linkage_request WHERE file_name = :file_name");
    q.bind("file_name", fileName);
    if (!q.next()) return std::nullopt;
    return q.int64("id");
  });
}

StoredLinkageRequest LinkageRequestRepository::get(std::int64_t id) {
  return guarded("連携要求の読み込み", [&] {
    Statement q = db_.prepare("SELECT " + columnsWith("request_bytes") + " FROM linkage_request WHERE id = :id");
    q.bind("id", id);
    if (!q.next()) throw NotFound("連携要求 " + std::to_string(id) + " は記録されていません。");
    return readRow(q);
  });
}

void LinkageRequestRepository::addAnswer(std::int64_t requestId, const std::string& fileName,
                                         const std::string& contentHash, const std::string& raw) {
  guarded("連携の応答の記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO linkage_answer (request_id, file_name, content_hash, raw, received_at)"
        " VALUES (:request_id, :file_name, :content_hash, :raw, :received_at) ON CONFLICT (request_id) DO NOTHING");
    q.bind("request_id", requestId);
    q.bind("file_name", fileName);
    q.bind("content_hash", contentHash);
    q.bindBlob("raw", raw);
    q.bind("received_at", nowTimestamp());
    q.run();
  });
}

bool LinkageRequestRepository::hasAnswer(const std::string& fileName, const std::string& contentHash) {
  return guarded("連携の応答の読み込み", [&] {
    Statement q = db_.prepare(
        "SELECT 1 AS found FROM linkage_answer WHERE file_name = :file_name AND content_hash = :content_hash");
    q.bind("file_name", fileName);
    q.bind("content_hash", contentHash);
    return q.next();
  });
}

std::optional<std::string> LinkageRequestRepository::answer(std::int64_t requestId) {
  return guarded("連携の応答の読み込み", [&]() -> std::optional<std::string> {
    Statement q = db_.prepare("SELECT raw FROM linkage_answer WHERE request_id = :request_id");
    q.bind("request_id", requestId);
    if (!q.next()) return std::nullopt;
    return q.blob("raw");
  });
}

int LinkageRequestRepository::nextNumber(const std::string& day) {
  WriteTransaction tx(db_);
  const int next = guarded("要求番号の採番", [&] {
    // The table's name on `last`: in PostgreSQL a bare name there could also be excluded.last.
    Statement q = db_.prepare(
        "INSERT INTO linkage_counter (day, last) VALUES (:day, 1)"
        " ON CONFLICT (day) DO UPDATE SET last = linkage_counter.last + 1 RETURNING last");
    q.bind("day", day);
    if (!q.next()) throw InternalError("linkage_counter: no row returned");
    return q.integer("last");
  });
  tx.commit();
  return next;
}

}  // namespace rececon::db
