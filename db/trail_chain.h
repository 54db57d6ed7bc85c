#pragma once
// The tamper-evident trail over the append-only history tables: change_log (with each entry's
// change_field rows), audit_log and account_event. Every write seals the rows it added in a link holding
// their SHA-256 and an HMAC-SHA-256 of that and of the link before — under the site's key, which is kept
// outside the register (trail.key in the data folder, 0600), so whoever can edit the database cannot
// forge the chain. The key is made by the first seal of an empty trail (under the writers' turn, so one
// site gets one key) and copied to the other terminals; a machine whose key does not sign the newest link
// seals nothing. verify() walks the chain: a changed byte, a deleted or an inserted row, an altered or
// removed link is reported with the first place it breaks; a tail truncated back past the head last
// recorded outside the register (trail.head, moved up by every intact check: `audit verify` once a day)
// is caught too. One thread at a time (as its Database).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace rececon::db {

// The tables the trail covers, by name.
inline constexpr const char* kTrailSources[] = {"change_log", "audit_log", "account_event", "access_log"};

struct TrailHead {
  std::int64_t seq = 0;
  std::string mac;
};

struct TrailVerdict {
  bool intact = false;
  std::int64_t links = 0;
  std::string finding;  // Japanese: "" when intact, else the first break
  TrailHead head;       // the last link read
  std::string note;     // Japanese: what the person should know although the trail is intact
};

// The digest a link holds: the source's name, then each row's columns in order (the source's own list)
// as text — each value 'N' (NULL) or 'V', its length (8 bytes, low first) and its bytes, so no two
// different sequences of values feed the same bytes — and, after a change_log row's range, its
// change_field rows.
class TrailDigest {
 public:
  explicit TrailDigest(const std::string& source);
  void add(const std::optional<std::string>& value);
  std::string hexDigest();

 private:
  alignas(64) unsigned char state_[128];  // libsodium's crypto_hash_sha256_state, kept out of this header
};

class TrailChain {
 public:
  explicit TrailChain(Database& db) : db_(db) {}

  // Seals rows first_id..last_id of source just written, in the caller's WriteTransaction. Without the
  // site's key on this machine nothing is sealed (verify() then reports the rows as unsealed).
  void seal(const char* source, std::int64_t firstId, std::int64_t lastId);
  // The same with the rows' digest made from what the caller wrote (a bulk load: no read-back). A digest
  // that does not match what is stored shows as changed rows at the next verify().
  void seal(const char* source, std::int64_t firstId, std::int64_t lastId, std::optional<std::string> written);

  // Walks the whole trail; `expectedHead` is the head written outside the register, if any.
  TrailVerdict verify(const std::optional<TrailHead>& expectedHead);

 private:
  // The key to seal with on this connection, decided at its first seal (see above).
  const std::optional<std::string>& sealingKey();
  // Whether key signs the newest link (true for an empty trail).
  bool signsNewestLink(const std::string& key);
  // SHA-256 of the rows; counts the rows and, for change_log, their change_field rows when asked.
  std::string rowsDigest(const std::string& source, std::int64_t firstId, std::int64_t lastId, std::int64_t* rows,
                         std::int64_t* fieldRows = nullptr);
  Database& db_;
};

// The site's key in the data folder's trail.key; made there (random, 0600) when missing and `mayMake`.
// nullopt when the location has no data folder or there is no key. Throws EnvironmentError when the
// file is unsafe (a link, readable by others) or unreadable.
std::optional<std::string> trailKey(const DatabaseLocation& location, bool mayMake);

// trail.head in the data folder: read (nullopt when never written) and written (0600, atomically).
std::optional<TrailHead> readTrailHead(const std::filesystem::path& dataFolder);
void writeTrailHead(const std::filesystem::path& dataFolder, const TrailHead& head);

}  // namespace rececon::db
