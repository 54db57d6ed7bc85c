#pragma once
// The site settings the product knows (config get/set/show), with their defaults and rules.
// A key outside this catalog is refused, so a typo never becomes a silent setting. Pure; any thread.

#include <string>
#include <string_view>
#include <vector>

namespace rececon {

struct SettingSpec {
  const char* key;
  const char* label;         // Japanese, for people
  const char* defaultValue;  // "" = unset
  const char* expected;      // Japanese description of allowed values
};

const std::vector<SettingSpec>& settingsCatalog();

// The spec of key; throws InvalidInput (naming the known keys) when key is unknown.
const SettingSpec& settingSpec(std::string_view key);

// value normalised for storage (trimmed, full-width digits folded). Throws ValidationFailed.
std::string normalizeSettingValue(std::string_view key, std::string_view value);

}  // namespace rececon
