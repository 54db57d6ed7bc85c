#include "db/settings_repository.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "db/change_log.h"
#include "db/sqlite_errors.h"

namespace rececon::db {

std::optional<std::string> SettingsRepository::get(const std::string& key) {
  return guarded("設定の読み込み", [&]() -> std::optional<std::string> {
    auto qCached = db_.prepare("SELECT value FROM setting WHERE key = ?");
    SQLite::Statement& q = qCached.get();
    q.bind(1, key);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getString();
  });
}

void SettingsRepository::set(const std::string& key, const std::string& value,
                             const std::string& operatorId) {
  WriteTransaction tx(db_);
  guarded("設定の保存", [&] {
    auto qCached = db_.prepare(
        "INSERT INTO setting (key, value, operator, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value, operator = excluded.operator,"
        " updated_at = excluded.updated_at");
    SQLite::Statement& q = qCached.get();
    q.bind(1, key);
    q.bind(2, value);
    q.bind(3, operatorId);
    q.bind(4, nowTimestamp());
    q.exec();
  });
  tx.commit();
}

std::map<std::string, std::string> SettingsRepository::all() {
  return guarded("設定の読み込み", [&] {
    std::map<std::string, std::string> out;
    auto qCached = db_.prepare("SELECT key, value FROM setting");
    SQLite::Statement& q = qCached.get();
    while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getString();
    return out;
  });
}

}  // namespace rececon::db
