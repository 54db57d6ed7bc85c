#include "app/jobs/password_hash.h"

#include <sodium.h>

#include "app/core/error.h"

namespace rececon {
namespace {

void startSodium() {
  static const int started = sodium_init();  // thread-safe, once; 1 = already started, also fine
  if (started < 0) throw EnvironmentError("暗号ライブラリ（libsodium）を初期化できませんでした。");
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

}  // namespace

std::string hashPassword(std::string_view password) {
  startSodium();
  char hash[crypto_pwhash_STRBYTES];
  // libsodium's interactive cost (64 MiB, 2 passes): a login takes a fraction of a second on a
  // reception PC; a stolen table costs an attacker as much per guess.
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw EnvironmentError("パスワードの保護に必要なメモリを確保できませんでした。");
  }
  return hash;
}

bool passwordMatches(std::string_view password, const std::string& hash) {
  startSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string randomToken() {
  startSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return hex(bytes, sizeof bytes);
}

std::string sha256Hex(std::string_view text) {
  startSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return hex(digest, sizeof digest);
}

}  // namespace rececon
