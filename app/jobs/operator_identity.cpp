#include "app/jobs/operator_identity.h"

#include <pwd.h>
#include <unistd.h>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "app/core/settings_catalog.h"
#include "app/jobs/site_settings.h"

namespace rececon {

std::string resolveOperator(db::Database& db, const std::optional<std::string>& explicitId) {
  if (explicitId) return normalizeSettingValue("operator", *explicitId);
  if (const SettingValue configured = SiteSettings(db).get("operator"); !configured.value.empty()) return configured.value;
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  throw InvalidInput(kOperatorUnknown, {});
}

}  // namespace rececon
