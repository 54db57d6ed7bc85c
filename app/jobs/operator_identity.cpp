#include "app/core/error_catalog.h"
#include "app/jobs/operator_identity.h"

#include <pwd.h>
#include <unistd.h>

#include "app/core/error.h"
#include "app/core/settings_catalog.h"
#include "db/settings_repository.h"

namespace rececon {

std::string resolveOperator(db::Database& db, const std::optional<std::string>& explicitId) {
  if (explicitId) return normalizeSettingValue("operator", *explicitId);
  if (auto configured = db::SettingsRepository(db).get("operator"); configured && !configured->empty()) {
    return *configured;
  }
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  throw InvalidInput(kOperatorUnknown, {});
}

}  // namespace rececon
