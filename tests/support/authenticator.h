#pragma once
// The person's phone in tests: the code an authenticator app shows for a key, computed by oathtool
// (oath-toolkit's own program, an implementation independent of the code under test).

#include <string>

namespace rececon::test {

// The 6-digit TOTP code for the base32 key, `stepsAhead` 30-second steps from now.
std::string authenticatorCode(const std::string& base32Key, int stepsAhead = 0);

// The base32 key in text printed for typing by hand ("…キー: ABCD EFGH…" or "…キー: ABCDEFGH…").
std::string keyShownIn(const std::string& text);

}  // namespace rececon::test
