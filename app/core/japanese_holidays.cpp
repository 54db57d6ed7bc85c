#include "app/core/japanese_holidays.h"

namespace rececon {
namespace {

using namespace std::chrono;

int yearOf(Date d) { return static_cast<int>(d.year()); }

// The nth Monday of a month.
Date nthMonday(int y, unsigned m, unsigned n) {
  return Date(sys_days(year_month_weekday(year(y), month(m), weekday_indexed(Monday, n))));
}

// 春分日 and 秋分日 by the formula the National Astronomical Observatory's tables follow for 1980–2099.
unsigned equinoxDay(int y, double base) {
  return static_cast<unsigned>(base + 0.242194 * (y - 1980) - (y - 1980) / 4);
}

std::optional<std::string> statutoryHoliday(Date d) {
  const int y = yearOf(d);
  const unsigned m = static_cast<unsigned>(d.month());
  const unsigned day = static_cast<unsigned>(d.day());
  const auto is = [&](unsigned mm, unsigned dd) { return m == mm && day == dd; };
  if (is(1, 1)) return "元日";
  if (d == nthMonday(y, 1, 2)) return "成人の日";
  if (is(2, 11)) return "建国記念の日";
  if (is(2, 23) && y >= 2020) return "天皇誕生日";
  if (is(3, equinoxDay(y, 20.8431))) return "春分の日";
  if (is(4, 29)) return "昭和の日";
  if (is(5, 3)) return "憲法記念日";
  if (is(5, 4)) return "みどりの日";
  if (is(5, 5)) return "こどもの日";
  if (d == nthMonday(y, 7, 3)) return "海の日";
  if (is(8, 11)) return "山の日";
  if (d == nthMonday(y, 9, 3)) return "敬老の日";
  if (is(9, equinoxDay(y, 23.2488))) return "秋分の日";
  if (d == nthMonday(y, 10, 2)) return "スポーツの日";
  if (is(11, 3)) return "文化の日";
  if (is(11, 23)) return "勤労感謝の日";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> japaneseHolidayName(Date d) {
  if (auto name = statutoryHoliday(d)) return name;
  const sys_days day(d);
  // 振替休日: the first day after a run of holidays that began on a Sunday.
  if (weekday(day) != Sunday) {
    for (sys_days back = day - days(1); statutoryHoliday(Date(back)); back -= days(1)) {
      if (weekday(back) == Sunday) return "振替休日";
    }
  }
  // 国民の休日: an ordinary day between two holidays.
  if (weekday(day) != Sunday && statutoryHoliday(Date(day - days(1))) && statutoryHoliday(Date(day + days(1)))) {
    return "国民の休日";
  }
  return std::nullopt;
}

bool isClinicClosedDay(Date d) {
  return weekday(sys_days(d)) == Sunday || japaneseHolidayName(d).has_value();
}

}  // namespace rececon
