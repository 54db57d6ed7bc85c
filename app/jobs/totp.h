#pragma once
// The second factor: time-based one-time codes (RFC 6238: 30-second steps, 6 digits, HMAC-SHA-1 — what
// every authenticator app reads from a QR code) through liboath. A code is accepted for the step before
// and after the current one (a phone's clock a little off); a step once used is refused again, so a code
// seen over a shoulder is already spent. Any thread.

#include <cstdint>
#include <optional>
#include <string>

namespace rececon {

inline constexpr unsigned kTotpStepSeconds = 30;
inline constexpr unsigned kTotpDigits = 6;

// A new secret: 20 random bytes (the length RFC 4226 recommends for HMAC-SHA-1).
std::string newTotpSecret();
// The secret as an app takes it when typed by hand (RFC 4648 base32, no padding).
std::string totpSecretBase32(const std::string& secret);
// The otpauth:// address an app reads from the QR code.
std::string totpUri(const std::string& secret, const std::string& issuer, const std::string& userId);

// The time step `code` belongs to when it is the code of a step within one of `now`'s and later than
// `lastUsedStep`; nullopt otherwise (a wrong, stale or spent code, or not 6 digits).
std::optional<std::int64_t> matchingTotpStep(const std::string& secret, const std::string& code, std::int64_t now,
                                             std::int64_t lastUsedStep);

}  // namespace rececon
