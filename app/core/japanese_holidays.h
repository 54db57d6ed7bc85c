#pragma once
// 国民の祝日 under the current 祝日法 (as amended for 2019 onwards; the one-off moves of 2020 and
// 2021 are not modelled), with 振替休日 and 国民の休日. The equinox days use the usual astronomical
// approximation, right for 1980–2099. Pure; any thread.

#include <optional>
#include <string>

#include "app/core/japanese_date.h"

namespace rececon {

// The holiday's name (元日, 振替休日, …), or nullopt on an ordinary day.
std::optional<std::string> japaneseHolidayName(Date day);

// Sundays and holidays: the days a clinic is closed by default (Saturday is a clinic day).
bool isClinicClosedDay(Date day);

}  // namespace rececon
