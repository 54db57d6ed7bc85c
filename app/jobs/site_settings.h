#pragma once
// Settings (config get/set/show): catalog keys with stored or default values. Site settings are kept in
// the register every terminal shares; terminal settings in this machine's data folder (terminal.conf),
// see app/core/settings_catalog.h.

#include <map>
#include <string>
#include <vector>

#include "app/core/settings_catalog.h"
#include "db/database.h"

namespace rececon {

struct SettingValue {
  const SettingSpec* spec;
  std::string value;
  bool isDefault;
};

class SiteSettings {
 public:
  explicit SiteSettings(db::Database& db) : db_(db) {}

  // Throws InvalidInput for an unknown key.
  SettingValue get(const std::string& key);
  // Validates and stores. Throws InvalidInput / ValidationFailed, EnvironmentError.
  SettingValue set(const std::string& key, const std::string& value, const std::string& operatorId);
  // Every catalog key, in catalog order.
  std::vector<SettingValue> all();

 private:
  SettingValue resolve(const SettingSpec& spec, const std::map<std::string, std::string>& local,
                       const std::map<std::string, std::string>& stored) const;
  std::map<std::string, std::string> terminalValues() const;

  db::Database& db_;
};

}  // namespace rececon
