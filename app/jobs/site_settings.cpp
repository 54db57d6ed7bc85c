#include "app/jobs/site_settings.h"

#include "app/jobs/rights.h"

#include "app/jobs/terminal_settings_file.h"
#include "db/settings_repository.h"

namespace rececon {

// A terminal setting is read from this machine's data folder, then from the register (where a
// one-PC site kept it before settings had scopes, and where it stays the default for every terminal),
// then the catalog default. It is written to the data folder; with no data folder (a register opened
// directly), to the register.
SettingValue SiteSettings::resolve(const SettingSpec& spec, const std::map<std::string, std::string>& local,
                                   const std::map<std::string, std::string>& stored) const {
  if (spec.scope == SettingScope::Terminal) {
    if (const auto it = local.find(spec.key); it != local.end() && !it->second.empty()) return {&spec, it->second, false};
  }
  if (const auto it = stored.find(spec.key); it != stored.end()) return {&spec, it->second, false};
  return {&spec, spec.defaultValue, true};
}

std::map<std::string, std::string> SiteSettings::terminalValues() const {
  const auto& folder = db_.location().dataFolder();
  return folder.empty() ? std::map<std::string, std::string>{} : readTerminalSettings(folder);
}

SettingValue SiteSettings::get(const std::string& key) {
  const SettingSpec& spec = settingSpec(key);
  std::map<std::string, std::string> stored;
  if (auto value = db::SettingsRepository(db_).get(key)) stored[key] = *value;
  return resolve(spec, spec.scope == SettingScope::Terminal ? terminalValues() : std::map<std::string, std::string>{}, stored);
}

SettingValue SiteSettings::set(const std::string& key, const std::string& value, const std::string& operatorId) {
  const SettingSpec& spec = settingSpec(key);
  requireRight(db_, operatorId, Right::ManageSettings, "設定の変更");
  const std::string normalized = normalizeSettingValue(key, value);
  const auto& folder = db_.location().dataFolder();
  if (spec.scope == SettingScope::Terminal && !folder.empty()) {
    setTerminalSetting(folder, key, normalized);
  } else {
    db::SettingsRepository(db_).set(key, normalized, operatorId);
  }
  return {&spec, normalized, false};
}

std::vector<SettingValue> SiteSettings::all() {
  const auto stored = db::SettingsRepository(db_).all();
  const auto local = terminalValues();
  std::vector<SettingValue> out;
  for (const auto& spec : settingsCatalog()) out.push_back(resolve(spec, local, stored));
  return out;
}

}  // namespace rececon
