#include "app/jobs/totp.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "app/core/error.h"

namespace rececon {
namespace {

void initialiseOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) throw EnvironmentError("ワンタイムコードのライブラリ（liboath）を初期化できません。");
    if (sodium_init() < 0) throw EnvironmentError("暗号ライブラリ（libsodium）を初期化できません。");
  });
}

// Percent-encoding for the parts of an otpauth:// address.
std::string uriPart(const std::string& text) {
  static const char* const hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string newTotpSecret() {
  initialiseOnce();
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string totpSecretBase32(const std::string& secret) {
  initialiseOnce();
  char* out = nullptr;
  std::size_t length = 0;
  if (oath_base32_encode(secret.data(), secret.size(), &out, &length) != OATH_OK) {
    throw InternalError("base32 encoding of a TOTP secret failed");
  }
  const std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
  std::string text(out, length);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::string totpUri(const std::string& secret, const std::string& issuer, const std::string& userId) {
  return "otpauth://totp/" + uriPart(issuer) + ":" + uriPart(userId) + "?secret=" + totpSecretBase32(secret) +
         "&issuer=" + uriPart(issuer) + "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpStepSeconds);
}

std::optional<std::int64_t> matchingTotpStep(const std::string& secret, const std::string& code, std::int64_t now,
                                             std::int64_t lastUsedStep) {
  initialiseOnce();
  if (code.size() != kTotpDigits || code.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int offset = 0;
  const int rc = oath_totp_validate2(secret.data(), secret.size(), static_cast<time_t>(now), kTotpStepSeconds,
                                     OATH_TOTP_DEFAULT_START_TIME, 1, &offset, code.c_str());
  if (rc < 0) return std::nullopt;  // OATH_INVALID_OTP, or a library error: no entry either way
  const std::int64_t step = now / kTotpStepSeconds + offset;
  if (step <= lastUsedStep) return std::nullopt;
  return step;
}

}  // namespace rececon
