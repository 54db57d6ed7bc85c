#pragma once
// The site settings the product knows (config get/set/show), with their defaults and rules.
// A key outside this catalog is refused, so a typo never becomes a silent setting. Pure; any thread.

#include <string>
#include <string_view>
#include <vector>

namespace rececon {

// Where a setting lives. Site settings are the register's, shared by every terminal (institution code,
// rules, time-outs); terminal settings belong to one machine (the linkage folders as it sees them — a UNC
// path on Windows, a mount point on Linux —, its request encoding, its name and default operator) and are
// kept in its data folder.
enum class SettingScope { Site, Terminal };

struct SettingSpec {
  const char* key;
  const char* label;         // Japanese, for people
  const char* defaultValue;  // "" = unset
  const char* expected;      // Japanese description of allowed values
  SettingScope scope = SettingScope::Site;
};

// "site" / "terminal" for scripts; 「施設」/「この端末」 for people.
const char* settingScopeId(SettingScope scope);
const char* settingScopeLabel(SettingScope scope);

const std::vector<SettingSpec>& settingsCatalog();

// The spec of key; throws InvalidInput (naming the known keys) when key is unknown.
const SettingSpec& settingSpec(std::string_view key);

// value normalised for storage (trimmed, full-width digits folded). Throws ValidationFailed.
std::string normalizeSettingValue(std::string_view key, std::string_view value);

}  // namespace rececon
