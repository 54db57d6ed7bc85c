#include "app/jobs/site_settings.h"

#include "db/settings_repository.h"

namespace rececon {

SettingValue SiteSettings::get(const std::string& key) {
  const SettingSpec& spec = settingSpec(key);
  if (auto stored = db::SettingsRepository(db_).get(key)) return {&spec, *stored, false};
  return {&spec, spec.defaultValue, true};
}

SettingValue SiteSettings::set(const std::string& key, const std::string& value, const std::string& operatorId) {
  const SettingSpec& spec = settingSpec(key);
  const std::string normalized = normalizeSettingValue(key, value);
  db::SettingsRepository(db_).set(key, normalized, operatorId);
  return {&spec, normalized, false};
}

std::vector<SettingValue> SiteSettings::all() {
  const auto stored = db::SettingsRepository(db_).all();
  std::vector<SettingValue> out;
  for (const auto& spec : settingsCatalog()) {
    const auto it = stored.find(spec.key);
    if (it != stored.end()) out.push_back({&spec, it->second, false});
    else out.push_back({&spec, spec.defaultValue, true});
  }
  return out;
}

}  // namespace rececon
