#pragma once
// Reading CSV text into a header and rows (RFC 4180, parsed by libcsv in strict mode), and writing one
// record as a CSV line. Named csv_table, not csv, so that libcsv's <csv.h> is never shadowed by ours.
// Pure; any thread.

#include <string>
#include <string_view>
#include <vector>

namespace rececon {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> rowLines;  // the line (from 1) each row starts on, for messages
  // The index of a column; throws InvalidInput naming it when the header lacks it.
  std::size_t column(std::string_view name) const;
};

// Every record of a text whose first record is the header. Records end at CRLF or LF; a field in double
// quotes may hold commas, line breaks and "" (one quote). Empty lines are skipped; spaces are kept.
// Throws InvalidInput, naming where:
//  * a quote inside an unquoted field, or anything but a comma or line end after a closing quote
//    ("a"b"c is refused, not read as abc): the line and character;
//  * a quoted field never closed: the line where it started;
//  * a record whose field count differs from the header's: the line where the record starts;
//  * a column named twice in the header (spaces around names ignored): its name.
CsvTable parseCsv(std::string_view text);

// One record as a CSV line (with \r\n): fields with a comma, quote or line break are quoted.
std::string csvLine(const std::vector<std::string>& fields);

}  // namespace rececon
