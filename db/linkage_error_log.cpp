#include "db/linkage_error_log.h"

#include "db/database_errors.h"

namespace rececon::db {

std::vector<StoredLinkageError> linkageErrors(Database& db, int limit) {
  return guarded("エラー記録の読み込み", [&] {
    // PostgreSQL wants the subquery named (logged).
    Statement q = db.prepare(
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
        ") AS logged ORDER BY at DESC LIMIT :limit");
    q.bind("limit", limit);
    std::vector<StoredLinkageError> out;
    while (q.next()) {
      StoredLinkageError e;
      e.at = q.text("at");
      e.code = q.text("code");
      e.message = q.text("message");
      e.requestFile = q.text("file");
      e.patientNumber = q.optionalInt64("patient");
      e.what = q.text("what");
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace rececon::db
