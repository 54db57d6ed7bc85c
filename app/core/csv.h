#pragma once
// Reading CSV text: comma-separated, fields optionally quoted with "" escaping (RFC 4180), one record
// per line. Pure; any thread.

#include <string>
#include <string_view>
#include <vector>

namespace rececon {

// The fields of one line (a trailing \r is dropped).
std::vector<std::string> splitCsvLine(std::string_view line);

// Every record of a text with a header line, as header-keyed rows. Throws InvalidInput naming the
// line whose field count differs from the header's.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // The index of a column; throws InvalidInput naming it when the header lacks it.
  std::size_t column(std::string_view name) const;
};
CsvTable parseCsv(std::string_view text);

// One record as a CSV line (with \r\n): fields with a comma, quote or line break are quoted.
std::string csvLine(const std::vector<std::string>& fields);

}  // namespace rececon
