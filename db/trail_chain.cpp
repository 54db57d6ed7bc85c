#include "db/trail_chain.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iterator>
#include <map>

#include "app/core/error.h"
#include "db/change_log.h"
#include "db/database_errors.h"

namespace rececon::db {
namespace {

constexpr std::size_t kKeyBytes = crypto_auth_hmacsha256_KEYBYTES;

// Each source's columns as the digest reads them (a change_log entry's change_field rows follow).
struct SourceShape {
  const char* table;
  std::vector<const char*> columns;
};

const SourceShape& shapeOf(const std::string& source) {
  static const SourceShape shapes[] = {
      {"change_log", {"id", "patient_number", "entity", "entity_id", "action", "operator", "changed_at", "reason"}},
      {"audit_log", {"id", "at", "operator", "action", "visit_id", "patient_number", "detail"}},
      {"account_event", {"id", "at", "user_id", "actor", "terminal", "kind", "detail"}},
      {"access_log", {"id", "at", "actor", "terminal", "action", "patient_number", "detail"}}};
  for (const auto& shape : shapes)
    if (source == shape.table) return shape;
  throw InternalError("trail: no source " + source);
}

std::string rowsSql(const SourceShape& shape) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < shape.columns.size(); ++i) sql += (i ? ", " : "") + std::string(shape.columns[i]);
  return sql + " FROM " + shape.table + " WHERE id BETWEEN :first AND :last ORDER BY id";
}

constexpr const char* kFieldsSql =
    "SELECT change_id, field, old_value, new_value FROM change_field WHERE change_id BETWEEN :first AND :last"
    " ORDER BY change_id, field";

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

std::string linkMac(const std::string& key, const std::string& previousMac, std::int64_t seq, const std::string& source,
                    std::int64_t firstId, std::int64_t lastId, const std::string& digest, const std::string& at) {
  const std::string message = previousMac + '\n' + std::to_string(seq) + '\n' + source + '\n' + std::to_string(firstId) +
                              '\n' + std::to_string(lastId) + '\n' + digest + '\n' + at;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return hex(mac, sizeof mac);
}

// A file of the data folder only its user may read, never through a link; nullopt when absent.
std::optional<std::string> readPrivateFile(const std::filesystem::path& file, std::size_t limit) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 && errno == ENOENT) return std::nullopt;
  if (fd < 0) throw EnvironmentError("「" + file.string() + "」を開けません（" + std::strerror(errno) + "）。");
  struct stat st {};
  const bool safe = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) == 0;
  std::string bytes(limit, '\0');
  const ssize_t got = safe ? ::read(fd, bytes.data(), bytes.size()) : -1;
  ::close(fd);
  if (!safe || got < 0) {
    throw EnvironmentError("「" + file.string() + "」がほかの利用者から読める状態か、通常のファイルではありません。使いません。");
  }
  bytes.resize(static_cast<std::size_t>(got));
  return bytes;
}

// Written whole under a new temporary name, then renamed over the old one: never half a file.
void writePrivateFile(const std::filesystem::path& file, const std::string& bytes, bool replace) {
  const std::filesystem::path temporary = file.string() + ".new" + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw EnvironmentError("「" + temporary.string() + "」を作成できません（" + std::strerror(errno) + "）。");
  const bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
  ::close(fd);
  const bool placed = written && (replace ? ::rename(temporary.c_str(), file.c_str()) == 0
                                          : ::link(temporary.c_str(), file.c_str()) == 0);
  const int why = errno;
  ::unlink(temporary.c_str());
  if (!placed && !(!replace && why == EEXIST)) {
    throw EnvironmentError("「" + file.string() + "」を書き込めません（" + std::strerror(why) + "）。");
  }
}

}  // namespace

std::optional<std::string> trailKey(const DatabaseLocation& location, bool mayMake) {
  if (location.dataFolder().empty()) return std::nullopt;
  if (sodium_init() < 0) throw EnvironmentError("暗号ライブラリ（libsodium）を初期化できませんでした。");
  const std::filesystem::path file = location.dataFolder() / "trail.key";
  if (auto key = readPrivateFile(file, kKeyBytes + 1)) {
    if (key->size() != kKeyBytes) throw EnvironmentError("監査証跡の鍵「" + file.string() + "」の長さが正しくありません。");
    return key;
  }
  if (!mayMake) return std::nullopt;
  std::string key(kKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  writePrivateFile(file, key, false);  // two processes at once: the first one's key stays
  return readPrivateFile(file, kKeyBytes + 1);
}

std::optional<TrailHead> readTrailHead(const std::filesystem::path& dataFolder) {
  const auto text = readPrivateFile(dataFolder / "trail.head", 256);
  if (!text) return std::nullopt;
  const auto space = text->find(' ');
  TrailHead head;
  try {
    head.seq = std::stoll(text->substr(0, space));
  } catch (const std::exception&) {
    throw EnvironmentError("「" + (dataFolder / "trail.head").string() + "」が読めません。");
  }
  head.mac = space == std::string::npos ? "" : text->substr(space + 1, 64);
  return head;
}

void writeTrailHead(const std::filesystem::path& dataFolder, const TrailHead& head) {
  writePrivateFile(dataFolder / "trail.head", std::to_string(head.seq) + " " + head.mac + "\n", true);
}

const std::optional<std::string>& TrailChain::sealingKey() {
  auto& decided = db_.sealingKey();
  if (decided) return *decided;
  const bool empty = db_.prepare("SELECT COUNT(*) AS n FROM trail_link").singleInt64("n") == 0;
  // An empty trail is begun with this machine's key (made if need be); a trail begun elsewhere is continued
  // only with the key that signed it.
  std::optional<std::string> key = trailKey(db_.location(), empty);
  if (key && !signsNewestLink(*key)) key.reset();
  decided = std::move(key);
  return *decided;
}

bool TrailChain::signsNewestLink(const std::string& key) {
  Statement q = db_.prepare("SELECT seq, source, first_id, last_id, digest, at, mac FROM trail_link ORDER BY seq DESC LIMIT 2");
  if (!q.next()) return true;
  const std::int64_t seq = q.int64("seq"), first = q.int64("first_id"), last = q.int64("last_id");
  const std::string source = q.text("source"), digest = q.text("digest"), at = q.text("at"), mac = q.text("mac");
  const std::string previous = q.next() ? q.text("mac") : "";
  return linkMac(key, previous, seq, source, first, last, digest, at) == mac;
}

TrailDigest::TrailDigest(const std::string& source) {
  static_assert(sizeof(state_) >= sizeof(crypto_hash_sha256_state));
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
  add(source);
}

void TrailDigest::add(const std::optional<std::string>& value) {
  auto* state = reinterpret_cast<crypto_hash_sha256_state*>(state_);
  if (!value) {
    crypto_hash_sha256_update(state, reinterpret_cast<const unsigned char*>("N"), 1);
    return;
  }
  unsigned char length[9] = {'V'};
  std::uint64_t n = value->size();
  for (int i = 1; i < 9; ++i, n >>= 8) length[i] = static_cast<unsigned char>(n & 0xff);
  crypto_hash_sha256_update(state, length, sizeof length);
  crypto_hash_sha256_update(state, reinterpret_cast<const unsigned char*>(value->data()), value->size());
}

std::string TrailDigest::hexDigest() {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), out);
  return hex(out, sizeof out);
}

std::string TrailChain::rowsDigest(const std::string& source, std::int64_t firstId, std::int64_t lastId,
                                   std::int64_t* rows, std::int64_t* fieldRows) {
  TrailDigest digest(source);
  const SourceShape& shape = shapeOf(source);
  Statement q = db_.prepare(rowsSql(shape));
  q.bind("first", firstId).bind("last", lastId);
  std::int64_t count = 0;
  while (q.next()) {
    ++count;
    for (const char* column : shape.columns) digest.add(q.optionalText(column));
  }
  if (source == "change_log") {
    Statement f = db_.prepare(kFieldsSql);
    f.bind("first", firstId).bind("last", lastId);
    std::int64_t fields = 0;
    while (f.next()) {
      ++fields;
      for (const char* column : {"change_id", "field", "old_value", "new_value"}) digest.add(f.optionalText(column));
    }
    if (fieldRows) *fieldRows = fields;
  }
  if (rows) *rows = count;
  return digest.hexDigest();
}

void TrailChain::seal(const char* source, std::int64_t firstId, std::int64_t lastId) {
  seal(source, firstId, lastId, std::nullopt);
}

void TrailChain::seal(const char* source, std::int64_t firstId, std::int64_t lastId, std::optional<std::string> written) {
  if (lastId < firstId) return;
  guarded("監査証跡の封印", [&] {
    const std::optional<std::string>& key = sealingKey();
    if (!key) return;  // the rows stay unsealed, and verify() says so
    Statement last = db_.prepare("SELECT seq, mac FROM trail_link ORDER BY seq DESC LIMIT 1");
    std::int64_t seq = 1;
    std::string previous;
    if (last.next()) {
      seq = last.int64("seq") + 1;
      previous = last.text("mac");
    }
    const std::string digest = written ? *written : rowsDigest(source, firstId, lastId, nullptr);
    const std::string at = nowTimestamp();
    Statement q = db_.prepare(
        "INSERT INTO trail_link (seq, source, first_id, last_id, digest, at, mac)"
        " VALUES (:seq, :source, :first, :last, :digest, :at, :mac)");
    q.bind("seq", seq).bind("source", source).bind("first", firstId).bind("last", lastId).bind("digest", digest);
    q.bind("at", at).bind("mac", linkMac(*key, previous, seq, source, firstId, lastId, digest, at));
    q.run();
  });
}

TrailVerdict TrailChain::verify(const std::optional<TrailHead>& expectedHead) {
  return guarded("監査証跡の検証", [&] {
    TrailVerdict v;
    const std::optional<std::string> key = trailKey(db_.location(), false);
    if (!key) {
      v.finding = "この端末に監査証跡の鍵（データフォルダの trail.key）がないため検証できません。最初の端末の鍵を複写してください。";
      return v;
    }
    const auto broken = [&](std::string finding) {
      v.finding = std::move(finding);
      return v;
    };
    Statement q = db_.prepare("SELECT seq, source, first_id, last_id, digest, at, mac FROM trail_link ORDER BY seq");
    std::string previous;
    std::map<std::string, std::int64_t> sealedRows;  // by source, and change_field
    while (q.next()) {
      const std::int64_t seq = q.int64("seq");
      const std::string source = q.text("source");
      const std::int64_t first = q.int64("first_id"), last = q.int64("last_id");
      const std::string digest = q.text("digest"), at = q.text("at"), mac = q.text("mac");
      const std::string where = "証跡 " + std::to_string(seq) + "（" + source + " " + std::to_string(first) + "〜" +
                                std::to_string(last) + "、" + at + "）";
      if (seq != v.links + 1) return broken("証跡 " + std::to_string(v.links + 1) + " が削除されています。");
      if (linkMac(*key, previous, seq, source, first, last, digest, at) != mac) {
        return broken(where + (seq == 1 ? " が書き換えられているか、この端末の鍵（trail.key）がこのサイトのものではありません。"
                                         : " が書き換えられています（鍵による署名が合いません）。"));
      }
      std::int64_t rows = 0, fieldRows = 0;
      if (rowsDigest(source, first, last, &rows, &fieldRows) != digest) {
        return broken(where + " の行が" + (rows < last - first + 1 ? "削除されています" : "変更されています") + "。");
      }
      sealedRows[source] += rows;
      sealedRows["change_field"] += fieldRows;
      previous = mac;
      ++v.links;
      v.head = {seq, mac};
    }
    // Every row is in exactly one sealed range (ranges never overlap: a forged link would not verify), so
    // a table holding more rows than were sealed holds rows nobody sealed — inserted, or written by a
    // machine without the site's key.
    std::vector<std::string> tables(std::begin(kTrailSources), std::end(kTrailSources));
    tables.emplace_back("change_field");
    for (const std::string& table : tables) {
      const std::int64_t stored = db_.prepare("SELECT COUNT(*) AS n FROM " + table).singleInt64("n");
      if (stored > sealedRows[table]) {
        return broken(table + " に証跡のない行が " + std::to_string(stored - sealedRows[table]) +
                      " 行あります。挿入されたか、鍵のない端末で書かれた行です。");
      }
    }
    if (expectedHead && expectedHead->seq > 0) {
      if (v.head.seq < expectedHead->seq) {
        return broken("証跡が " + std::to_string(expectedHead->seq) + " 件目まであったはずが " + std::to_string(v.head.seq) +
                      " 件目で終わっています（末尾が切り詰められています）。");
      }
      Statement at = db_.prepare("SELECT mac FROM trail_link WHERE seq = :seq");
      at.bind("seq", expectedHead->seq);
      if (!at.next() || at.text("mac") != expectedHead->mac) {
        return broken("証跡 " + std::to_string(expectedHead->seq) + " が、以前に記録した先頭と違います（作り直されています）。");
      }
    }
    v.intact = true;
    return v;
  });
}

}  // namespace rececon::db
