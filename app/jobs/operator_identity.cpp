#include "app/jobs/operator_identity.h"

#include <pwd.h>
#include <unistd.h>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "app/core/settings_catalog.h"
#include "app/jobs/accounts.h"
#include "app/jobs/rights.h"
#include "app/jobs/site_settings.h"

namespace rececon {

std::string resolveOperator(db::Database& db, const OperatorClaim& claim) {
  if (siteHasAccounts(db)) {
    if (claim.explicitId) throw InvalidInput(kOperatorNotClaimable, {});
    Accounts accounts = Accounts::onThisTerminal(db);
    if (claim.batchKey) return accounts.batchActor(*claim.batchKey).userId;
    const auto actor = claim.sessionToken ? accounts.sessionActor(*claim.sessionToken) : std::nullopt;
    if (!actor) throw InvalidInput(kLoginRequired, {});
    return actor->userId;
  }
  if (claim.explicitId) return normalizeSettingValue("operator", *claim.explicitId);
  if (const SettingValue configured = SiteSettings(db).get("operator"); !configured.value.empty()) return configured.value;
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  throw InvalidInput(kOperatorUnknown, {});
}

}  // namespace rececon
