#pragma once
// Secrets the register must keep but nobody may read from it (a TOTP secret): sealed with libsodium's
// secretbox (XSalsa20-Poly1305) under a key derived from the site's key, which lives outside the
// register (trail.key in each terminal's data folder). A copy of the database alone opens nothing, and a
// sealed value edited in place no longer opens. Any thread.

#include <optional>
#include <string>

namespace rececon {

// `purpose` separates keys: the same site key never seals two kinds of secret alike.
std::string sealSecret(const std::string& siteKey, const std::string& purpose, const std::string& secret);
// nullopt when `sealed` was not sealed under this site key and purpose, or was altered.
std::optional<std::string> openSecret(const std::string& siteKey, const std::string& purpose, const std::string& sealed);

}  // namespace rececon
