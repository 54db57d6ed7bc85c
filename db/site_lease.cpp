#include "db/site_lease.h"

#include "db/database_errors.h"

namespace rececon::db {

bool SiteLeases::take(const std::string& name, const std::string& holder, std::int64_t now, std::int64_t until) {
  return guarded("作業の担当の記録", [&] {
    WriteTransaction tx(db_);
    const std::optional<SiteLease> held = find(name);
    if (held && held->holder != holder && held->until > now) return false;
    Statement q = db_.prepare(
        "INSERT INTO site_lease (name, holder, lease_until) VALUES (:name, :holder, :until)"
        " ON CONFLICT (name) DO UPDATE SET holder = :holder, lease_until = :until");
    q.bind("name", name).bind("holder", holder).bind("until", until);
    q.run();
    tx.commit();
    return true;
  });
}

void SiteLeases::release(const std::string& name, const std::string& holder) {
  guarded("作業の担当の解除", [&] {
    WriteTransaction tx(db_);
    Statement q = db_.prepare("DELETE FROM site_lease WHERE name = :name AND holder = :holder");
    q.bind("name", name).bind("holder", holder);
    q.run();
    tx.commit();
  });
}

std::optional<SiteLease> SiteLeases::find(const std::string& name) {
  return guarded("作業の担当の読み込み", [&]() -> std::optional<SiteLease> {
    Statement q = db_.prepare("SELECT holder, lease_until FROM site_lease WHERE name = :name");
    q.bind("name", name);
    if (!q.next()) return std::nullopt;
    return SiteLease{q.text("holder"), q.int64("lease_until")};
  });
}

}  // namespace rececon::db
