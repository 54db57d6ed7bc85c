#include "db/linkage_error_log.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "db/nullable_columns.h"
#include "db/sqlite_errors.h"

namespace rececon::db {

std::vector<StoredLinkageError> linkageErrors(Database& db, int limit) {
  return guarded("エラー記録の読み込み", [&] {
    auto cached = db.prepare(
        "SELECT at, code, message, file, patient, what FROM ("
        "  SELECT r.received_at AS at,"
        "    CASE WHEN r.error_code <> '' THEN r.error_code ELSE r.processing_code END AS code,"
        "    CASE WHEN r.error_message <> '' THEN r.error_message ELSE r.processing_message END AS message,"
        "    COALESCE(q.file_name, r.file_name) AS file, c.patient_number AS patient, 'result' AS what"
        "  FROM qualification_result r LEFT JOIN qualification_check c ON c.id = r.check_id"
        "  LEFT JOIN linkage_request q ON q.id = c.request_id WHERE r.outcome = 'error'"
        "  UNION ALL"
        "  SELECT q.updated_at, '', q.detail, q.file_name, c.patient_number, q.state"
        "  FROM linkage_request q LEFT JOIN qualification_check c ON c.request_id = q.id"
        "  WHERE q.state IN ('failed', 'timed_out')"
        ") ORDER BY at DESC LIMIT ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, limit);
    std::vector<StoredLinkageError> out;
    while (q.executeStep()) {
      StoredLinkageError e;
      e.at = q.getColumn(0).getString();
      e.code = q.getColumn(1).getString();
      e.message = q.getColumn(2).getString();
      e.requestFile = q.getColumn(3).getString();
      e.patientNumber = optionalInt64(q.getColumn(4));
      e.what = q.getColumn(5).getString();
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace rececon::db
