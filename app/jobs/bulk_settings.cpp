#include "app/jobs/bulk_settings.h"

#include "app/core/japanese_holidays.h"
#include "app/jobs/site_settings.h"

namespace rececon {

BulkOptions bulkOptionsFromSettings(db::Database& db) {
  SiteSettings settings(db);
  const auto number = [&](const char* key) { return std::stol(settings.get(key).value); };
  BulkOptions o;
  o.maxEntriesPerFile = static_cast<int>(number("bulk.max_entries_per_file"));
  o.maxDaysAhead = static_cast<int>(number("bulk.max_days_ahead"));
  o.retryFirst = std::chrono::seconds(number("bulk.retry_first_seconds"));
  o.retryMax = std::chrono::seconds(number("bulk.retry_max_seconds"));
  o.deadline = std::chrono::minutes(number("bulk.deadline_minutes"));
  o.downloadErrorLimit = static_cast<int>(number("bulk.download_error_limit"));
  o.recentMonths = static_cast<int>(number("bulk.recent_months"));
  return o;
}

Date nextBusinessDay(Date from) {
  std::chrono::sys_days day = std::chrono::sys_days(from) + std::chrono::days(1);
  while (isClinicClosedDay(Date(day))) day += std::chrono::days(1);
  return Date(day);
}

}  // namespace rececon
