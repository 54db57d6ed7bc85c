#include "db/account_repository.h"

#include "app/core/error.h"
#include "db/change_log.h"
#include "db/database_errors.h"
#include "db/trail_chain.h"

namespace rececon::db {
namespace {

constexpr const char* kColumns =
    "user_id, display_name, roles, state, password_hash, must_change_password, failed_logins, totp_secret,"
    " totp_confirmed, totp_last_step, key_hash, version,"
    " created_at, created_by, updated_at, updated_by";

AccountRow readAccount(Statement& q) {
  AccountRow a;
  a.userId = q.text("user_id");
  a.displayName = q.text("display_name");
  a.roles = parseRoles(q.text("roles"));
  const auto state = enumFromName<AccountState>(q.text("state"));
  if (!state) throw InternalError("account " + a.userId + ": bad state in database");
  a.state = *state;
  a.passwordHash = q.text("password_hash");
  a.mustChangePassword = q.boolean("must_change_password");
  a.failedLogins = q.integer("failed_logins");
  a.totpSecret = q.text("totp_secret");
  a.totpConfirmed = q.boolean("totp_confirmed");
  a.totpLastStep = q.int64("totp_last_step");
  a.keyHash = q.text("key_hash");
  a.version = q.int64("version");
  a.createdAt = q.text("created_at");
  a.createdBy = q.text("created_by");
  a.updatedAt = q.text("updated_at");
  a.updatedBy = q.text("updated_by");
  return a;
}

void bindEditable(Statement& q, const AccountRow& a) {
  q.bind("name", a.displayName);
  q.bind("roles", rolesText(a.roles));
  q.bind("state", nameOf(a.state));
  q.bind("hash", a.passwordHash);
  q.bind("must_change", a.mustChangePassword);
  q.bind("failed", a.failedLogins);
  q.bind("totp_secret", a.totpSecret);
  q.bind("totp_confirmed", a.totpConfirmed);
  q.bind("totp_last_step", a.totpLastStep);
  q.bind("key_hash", a.keyHash);
  q.bind("updated_at", a.updatedAt.empty() ? nowTimestamp() : a.updatedAt);
  q.bind("updated_by", a.updatedBy);
}

}  // namespace

std::int64_t AccountRepository::count() {
  return guarded("利用者の読み込み", [&] { return db_.prepare("SELECT count(*) AS n FROM account").singleInt64("n"); });
}

std::optional<AccountRow> AccountRepository::find(const std::string& userId) {
  return guarded("利用者の読み込み", [&]() -> std::optional<AccountRow> {
    Statement q = db_.prepare(std::string("SELECT ") + kColumns + " FROM account WHERE user_id = :id");
    q.bind("id", userId);
    if (!q.next()) return std::nullopt;
    return readAccount(q);
  });
}

std::vector<AccountRow> AccountRepository::all() {
  return guarded("利用者の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kColumns + " FROM account ORDER BY user_id");
    std::vector<AccountRow> out;
    while (q.next()) out.push_back(readAccount(q));
    return out;
  });
}

void AccountRepository::insert(const AccountRow& a) {
  guarded("利用者の登録", [&] {
    if (find(a.userId)) throw InvalidInput("ユーザーID「" + a.userId + "」はすでに登録されています。");
    Statement q = db_.prepare(
        "INSERT INTO account (user_id, display_name, roles, state, password_hash, must_change_password, failed_logins,"
        " totp_secret, totp_confirmed, totp_last_step, key_hash, created_at, created_by, updated_at, updated_by)"
        " VALUES (:id, :name, :roles, :state, :hash, :must_change, :failed, :totp_secret, :totp_confirmed,"
        " :totp_last_step, :key_hash, :updated_at, :updated_by, :updated_at, :updated_by)");
    q.bind("id", a.userId);
    bindEditable(q, a);
    q.run();
  });
}

void AccountRepository::update(const AccountRow& a) {
  guarded("利用者の更新", [&] {
    Statement q = db_.prepare(
        "UPDATE account SET display_name = :name, roles = :roles, state = :state, password_hash = :hash,"
        " must_change_password = :must_change, failed_logins = :failed, totp_secret = :totp_secret,"
        " totp_confirmed = :totp_confirmed, totp_last_step = :totp_last_step, key_hash = :key_hash, updated_at = :updated_at,"
        " updated_by = :updated_by, version = version + 1 WHERE user_id = :id");
    q.bind("id", a.userId);
    bindEditable(q, a);
    if (q.run() != 1) throw NotFound("ユーザーID「" + a.userId + "」は登録されていません。");
  });
}

void AccountRepository::addSession(const std::string& tokenHash, const std::string& userId, const std::string& terminal,
                                   std::int64_t createdAt, std::int64_t expiresAt) {
  guarded("ログインの記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO account_session (token_hash, user_id, terminal, created_at, expires_at)"
        " VALUES (:hash, :user, :terminal, :created, :expires)");
    q.bind("hash", tokenHash).bind("user", userId).bind("terminal", terminal).bind("created", createdAt).bind("expires", expiresAt);
    q.run();
  });
}

std::optional<std::string> AccountRepository::sessionUser(const std::string& tokenHash, std::int64_t now) {
  return guarded("ログインの確認", [&]() -> std::optional<std::string> {
    Statement q = db_.prepare("SELECT user_id FROM account_session WHERE token_hash = :hash AND expires_at > :now");
    q.bind("hash", tokenHash).bind("now", now);
    if (!q.next()) return std::nullopt;
    return q.text("user_id");
  });
}

void AccountRepository::removeSession(const std::string& tokenHash) {
  guarded("ログアウトの記録", [&] {
    Statement q = db_.prepare("DELETE FROM account_session WHERE token_hash = :hash");
    q.bind("hash", tokenHash);
    q.run();
  });
}

void AccountRepository::removeSessionsOf(const std::string& userId) {
  guarded("ログインの取り消し", [&] {
    Statement q = db_.prepare("DELETE FROM account_session WHERE user_id = :user");
    q.bind("user", userId);
    q.run();
  });
}

void AccountRepository::addEvent(const AccountEvent& e) {
  guarded("利用者の操作の記録", [&] {
    Statement q = db_.prepare(
        "INSERT INTO account_event (at, user_id, actor, terminal, kind, detail)"
        " VALUES (:at, :user, :actor, :terminal, :kind, :detail) RETURNING id");
    q.bind("at", e.at.empty() ? nowTimestamp() : e.at)
        .bind("user", e.userId)
        .bind("actor", e.actor)
        .bind("terminal", e.terminal)
        .bind("kind", e.kind)
        .bind("detail", e.detail);
    const std::int64_t id = q.singleInt64("id");
    TrailChain(db_).seal("account_event", id, id);
  });
}

std::vector<AccountEvent> AccountRepository::events(const std::string& userId) {
  return guarded("利用者の操作の読み込み", [&] {
    Statement q = db_.prepare(
        "SELECT id, at, user_id, actor, terminal, kind, detail FROM account_event WHERE user_id = :user ORDER BY id");
    q.bind("user", userId);
    std::vector<AccountEvent> out;
    while (q.next()) {
      out.push_back({q.int64("id"), q.text("at"), q.text("user_id"), q.text("actor"), q.text("terminal"), q.text("kind"),
                     q.text("detail")});
    }
    return out;
  });
}

}  // namespace rececon::db
