#include "app/core/terminal_versions.h"

#include <algorithm>
#include <cctype>

#include "app/core/csv_table.h"
#include "app/core/error.h"
#include "app/core/utf8.h"

namespace rececon {
namespace {

std::vector<std::string> versionParts(std::string_view v) {
  std::vector<std::string> parts;
  std::string folded = utf8::foldFullWidthAscii(utf8::trim(v));
  if (!folded.empty() && (folded[0] == 'v' || folded[0] == 'V')) folded.erase(0, 1);
  std::size_t start = 0;
  while (start <= folded.size()) {
    const std::size_t dot = folded.find('.', start);
    parts.push_back(folded.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

bool allDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

int comparePart(const std::string& a, const std::string& b) {
  if (allDigits(a) && allDigits(b)) {
    const std::string x = a.substr(std::min(a.find_first_not_of('0'), a.size() - 1));
    const std::string y = b.substr(std::min(b.find_first_not_of('0'), b.size() - 1));
    if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
    return x.compare(y) < 0 ? -1 : x.compare(y) > 0 ? 1 : 0;
  }
  return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
}

}  // namespace

int compareVersions(std::string_view a, std::string_view b) {
  const auto x = versionParts(a), y = versionParts(b);
  for (std::size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    const int c = comparePart(i < x.size() ? x[i] : "0", i < y.size() ? y[i] : "0");
    if (c != 0) return c;
  }
  return 0;
}

std::vector<MinimumVersion> parseMinimumVersions(std::string_view csvText) {
  const CsvTable table = parseCsv(csvText);
  const std::size_t component = table.column("component"), label = table.column("label"),
                    minimum = table.column("minimum"), note = table.column("note");
  std::vector<MinimumVersion> out;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    MinimumVersion m{utf8::trim(row[component]), row[label], utf8::trim(row[minimum]), row[note]};
    const std::string line = "最低バージョン一覧の " + std::to_string(i + 2) + " 行目: ";
    if (m.component.empty()) throw InvalidInput(line + "component が空です。");
    if (std::any_of(out.begin(), out.end(), [&](const auto& o) { return o.component == m.component; }))
      throw InvalidInput(line + "「" + m.component + "」が重複しています。");
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace rececon
