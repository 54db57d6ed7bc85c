#include "app/jobs/sealed_secret.h"

#include <sodium.h>

#include <cstring>

#include "app/core/error.h"

namespace rececon {
namespace {

using BoxKey = unsigned char[crypto_secretbox_KEYBYTES];

void deriveKey(const std::string& siteKey, const std::string& purpose, BoxKey key) {
  if (sodium_init() < 0) throw EnvironmentError("暗号ライブラリ（libsodium）を初期化できません。");
  if (siteKey.size() < crypto_generichash_KEYBYTES_MIN || siteKey.size() > crypto_generichash_KEYBYTES_MAX) {
    throw InternalError("site key of unexpected length");
  }
  crypto_generichash(key, crypto_secretbox_KEYBYTES, reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(),
                     reinterpret_cast<const unsigned char*>(siteKey.data()), siteKey.size());
}

std::string toHex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

}  // namespace

std::string sealSecret(const std::string& siteKey, const std::string& purpose, const std::string& secret) {
  BoxKey key;
  deriveKey(siteKey, purpose, key);
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + secret.size(), '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(bytes, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(bytes + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(secret.data()),
                        secret.size(), bytes, key);
  sodium_memzero(key, sizeof key);
  return toHex(bytes, box.size());
}

std::optional<std::string> openSecret(const std::string& siteKey, const std::string& purpose, const std::string& sealed) {
  std::string box(sealed.size() / 2, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.data(), sealed.size(), nullptr,
                     &length, nullptr) != 0 ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return std::nullopt;
  }
  BoxKey key;
  deriveKey(siteKey, purpose, key);
  const auto* bytes = reinterpret_cast<const unsigned char*>(box.data());
  std::string secret(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  const int rc = crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(secret.data()), bytes + crypto_secretbox_NONCEBYTES,
                                            length - crypto_secretbox_NONCEBYTES, bytes, key);
  sodium_memzero(key, sizeof key);
  if (rc != 0) return std::nullopt;
  return secret;
}

}  // namespace rececon
