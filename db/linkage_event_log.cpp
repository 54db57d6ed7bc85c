#include "db/linkage_event_log.h"

#include "db/database_errors.h"

namespace rececon::db {

void LinkageEventLog::record(std::int64_t at, const std::string& kind, const std::string& fileName,
                             const std::string& detail) {
  WriteTransaction tx(db_);
  guarded("連携の異常の記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO linkage_event (at, kind, file_name, detail) VALUES (:at, :kind, :file_name, :detail)"
        " ON CONFLICT (kind, file_name) DO NOTHING");
    q.bind("at", at);
    q.bind("kind", kind);
    q.bind("file_name", fileName);
    q.bind("detail", detail);
    q.run();
  });
  tx.commit();
}

std::vector<LinkageEvent> LinkageEventLog::since(std::int64_t since) {
  return guarded("連携の異常の読み込み", [&] {
    Statement q = db_.prepare(
        "SELECT at, kind, file_name, detail FROM linkage_event WHERE at >= :since ORDER BY at DESC, id DESC");
    q.bind("since", since);
    std::vector<LinkageEvent> out;
    while (q.next()) out.push_back({q.int64("at"), q.text("kind"), q.text("file_name"), q.text("detail")});
    return out;
  });
}

}  // namespace rececon::db
