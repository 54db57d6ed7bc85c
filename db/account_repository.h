#pragma once
// Accounts, their sessions and their events in the register. Stores what it is given — hashes, never
// passwords or tokens; the rules are app/jobs' (accounts.h). Call writes inside a WriteTransaction.
// One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/account_rules.h"
#include "db/database.h"

namespace rececon::db {

struct AccountRow {
  std::string userId;
  std::string displayName;
  std::vector<Role> roles;
  AccountState state = AccountState::Active;
  std::string passwordHash;  // libsodium's crypto_pwhash_str form ($argon2id$…)
  bool mustChangePassword = true;
  int failedLogins = 0;
  std::string totpSecret;       // sealed (app/jobs/sealed_secret.h); empty = none
  bool totpConfirmed = false;   // the first code from the app was right: codes are asked from now on
  std::int64_t totpLastStep = 0;  // TOTP steps up to this one are spent
  std::string keyHash;          // a batch account's key file, as SHA-256 hex; empty = none
  std::int64_t version = 1;
  std::string createdAt, createdBy, updatedAt, updatedBy;
};

struct AccountEvent {
  std::int64_t id = 0;
  std::string at, userId, actor, terminal, kind, detail;
};

class AccountRepository {
 public:
  explicit AccountRepository(Database& db) : db_(db) {}

  std::int64_t count();
  std::optional<AccountRow> find(const std::string& userId);
  std::vector<AccountRow> all();  // by user ID
  // Throws InvalidInput when the user ID is taken.
  void insert(const AccountRow& row);
  // Stores every field but the ID and creation; version + 1.
  void update(const AccountRow& row);

  void addSession(const std::string& tokenHash, const std::string& userId, const std::string& terminal,
                  std::int64_t createdAt, std::int64_t expiresAt);
  // The user of a session that has not expired at `now`.
  std::optional<std::string> sessionUser(const std::string& tokenHash, std::int64_t now);
  void removeSession(const std::string& tokenHash);
  void removeSessionsOf(const std::string& userId);

  void addEvent(const AccountEvent& event);
  std::vector<AccountEvent> events(const std::string& userId);  // oldest first

 private:
  Database& db_;
};

}  // namespace rececon::db
