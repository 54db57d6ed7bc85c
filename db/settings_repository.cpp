#include "db/settings_repository.h"

#include "db/change_log.h"
#include "db/database_errors.h"

namespace rececon::db {

std::optional<std::string> SettingsRepository::get(const std::string& key) {
  return guarded("設定の読み込み", [&]() -> std::optional<std::string> {
    Statement q = db_.prepare("SELECT value FROM setting WHERE key = :key");
    q.bind("key", key);
    if (!q.next()) return std::nullopt;
    return q.text("value");
  });
}

void SettingsRepository::set(const std::string& key, const std::string& value,
                             const std::string& operatorId) {
  WriteTransaction tx(db_);
  guarded("設定の保存", [&] {
    Statement q = db_.prepare(
        "INSERT INTO setting (key, value, operator, updated_at) VALUES (:key, :value, :operator, :updated_at)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value, operator = excluded.operator,"
        " updated_at = excluded.updated_at");
    q.bind("key", key);
    q.bind("value", value);
    q.bind("operator", operatorId);
    q.bind("updated_at", nowTimestamp());
    q.run();
  });
  tx.commit();
}

std::map<std::string, std::string> SettingsRepository::all() {
  return guarded("設定の読み込み", [&] {
    std::map<std::string, std::string> out;
    Statement q = db_.prepare("SELECT key, value FROM setting");
    while (q.next()) out[q.text("key")] = q.text("value");
    return out;
  });
}

}  // namespace rececon::db
