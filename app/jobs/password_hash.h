#pragma once
// Passwords and tokens through libsodium: argon2id with a random salt for passwords (memory-hard, its
// cost settings kept in the hash string so they can be raised later), random tokens, SHA-256 of a token
// for the register. Any thread.

#include <string>
#include <string_view>

namespace rececon {

// crypto_pwhash_str: "$argon2id$v=19$m=…". Throws EnvironmentError when the memory cannot be had.
std::string hashPassword(std::string_view password);
// Constant time, whatever the password.
bool passwordMatches(std::string_view password, const std::string& hash);
// 32 random bytes as 64 hex digits.
std::string randomToken();
// SHA-256 of text as 64 hex digits.
std::string sha256Hex(std::string_view text);

}  // namespace rececon
