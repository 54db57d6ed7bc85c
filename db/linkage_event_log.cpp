#include "db/linkage_event_log.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "db/sqlite_errors.h"

namespace rececon::db {

void LinkageEventLog::record(std::int64_t at, const std::string& kind, const std::string& fileName,
                             const std::string& detail) {
  WriteTransaction tx(db_);
  guarded("連携の異常の記録", [&] {
    auto cached = db_.prepare(
        "INSERT INTO linkage_event (at, kind, file_name, detail) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (kind, file_name) DO NOTHING");
    SQLite::Statement& q = cached.get();
    q.bind(1, at);
    q.bind(2, kind);
    q.bind(3, fileName);
    q.bind(4, detail);
    q.exec();
  });
  tx.commit();
}

std::vector<LinkageEvent> LinkageEventLog::since(std::int64_t since) {
  return guarded("連携の異常の読み込み", [&] {
    auto cached =
        db_.prepare("SELECT at, kind, file_name, detail FROM linkage_event WHERE at >= ? ORDER BY at DESC, id DESC");
    SQLite::Statement& q = cached.get();
    q.bind(1, since);
    std::vector<LinkageEvent> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                     q.getColumn(3).getString()});
    }
    return out;
  });
}

}  // namespace rececon::db
