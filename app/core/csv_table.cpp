#include "app/core/csv_table.h"

// libcsv's header, found on the system include path (never app/core: our header is csv_table.h).
#include <csv.h>

#include <exception>
#include <new>
#include <optional>
#include <set>

#include "app/core/error.h"
#include "app/core/utf8.h"

namespace rececon {
namespace {

// libcsv drops spaces around unquoted fields by default; RFC 4180 keeps them, and so did our reader.
int noSpaces(unsigned char) { return 0; }

// The parser, freed however parsing ends.
class Parser {
 public:
  Parser() {
    // STRICT: a stray quote is an error, not data. STRICT_FINI: an unclosed quote at the end is one too.
    if (csv_init(&p_, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
    csv_set_space_func(&p_, noSpaces);
  }
  ~Parser() { csv_free(&p_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  csv_parser* get() { return &p_; }

 private:
  csv_parser p_{};
};

// What the callbacks build. They are called from C code, so they never throw: the first problem is
// kept here and thrown once control is back in C++.
struct Reader {
  CsvTable table;
  std::vector<std::string> record;
  std::size_t line = 0;        // the line being fed to the parser
  std::size_t recordLine = 0;  // where the current record started; 0 between records
  std::size_t fieldLine = 0;   // where the current field started
  std::optional<std::string> problem;
  std::exception_ptr failure;

  void endRecord() {
    const std::size_t at = recordLine ? recordLine : line;
    recordLine = 0;
    if (problem) return;
    if (table.header.empty() && table.rows.empty()) {
      table.header = std::move(record);
      checkHeader(at);
    } else if (record.size() != table.header.size()) {
      problem = "CSVの" + std::to_string(at) + "行目の項目数（" + std::to_string(record.size()) +
                "）が見出し（" + std::to_string(table.header.size()) + "）と合いません。";
    } else {
      table.rows.push_back(std::move(record));
      table.rowLines.push_back(at);
    }
    record.clear();
  }

  void checkHeader(std::size_t at) {
    std::set<std::string> seen;
    for (const std::string& name : table.header) {
      const std::string key = utf8::isValid(name) ? utf8::trim(name) : name;
      if (key.empty()) continue;  // unnamed columns are read by nobody
      if (!seen.insert(key).second) {
        problem = "CSVの見出し（" + std::to_string(at) + "行目）に列「" + key +
                  "」が2回あります。どちらの値を読むか決められないので、一方を消してください。";
        return;
      }
    }
  }
};

void onField(void* text, std::size_t size, void* data) {
  auto& r = *static_cast<Reader*>(data);
  try {
    r.record.push_back(size ? std::string(static_cast<const char*>(text), size) : std::string());
    if (!r.recordLine) r.recordLine = r.line;
    r.fieldLine = r.line;  // the next field starts after this comma, on this line
  } catch (...) {
    if (!r.failure) r.failure = std::current_exception();
  }
}

void onRecord(int, void* data) {
  auto& r = *static_cast<Reader*>(data);
  try {
    r.endRecord();
  } catch (...) {
    if (!r.failure) r.failure = std::current_exception();
  }
}

void throwIfFailed(const Reader& r) {
  if (r.failure) std::rethrow_exception(r.failure);
  if (r.problem) throw InvalidInput(*r.problem);
}

// libcsv skips these between records.
bool isBlankLine(std::string_view line) { return line.find_first_not_of("\r\n") == std::string_view::npos; }

std::size_t charactersIn(std::string_view text) {
  return utf8::isValid(text) ? utf8::length(text) : text.size();
}

}  // namespace

std::size_t CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw InvalidInput("CSVに列「" + std::string(name) + "」がありません。");
}

CsvTable parseCsv(std::string_view text) {
  Parser parser;
  Reader r;
  // Fed one line at a time so that every message can name a line, which libcsv does not count.
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end == std::string_view::npos ? text.size() : end + 1);
    text.remove_prefix(line.size());
    ++r.line;
    if (!r.recordLine && !isBlankLine(line)) r.recordLine = r.fieldLine = r.line;
    const std::size_t used = csv_parse(parser.get(), line.data(), line.size(), onField, onRecord, &r);
    throwIfFailed(r);
    if (used == line.size()) continue;
    const int error = csv_error(parser.get());
    if (error == CSV_ENOMEM) throw std::bad_alloc();
    const std::string where = "CSVの" + std::to_string(r.line) + "行目 " +
                              std::to_string(charactersIn(line.substr(0, used)) + 1) + "文字目: ";
    if (error == CSV_EPARSE) {
      throw InvalidInput(where + "「\"」の使い方が正しくありません。「\"」を含む項目は全体を「\"」で囲み、" +
                         "中の「\"」は「\"\"」と書いてください。");
    }
    throw InvalidInput(where + "読めません（" + csv_strerror(error) + "）。");
  }
  if (csv_fini(parser.get(), onField, onRecord, &r) != 0) {
    if (csv_error(parser.get()) == CSV_ENOMEM) throw std::bad_alloc();
    throw InvalidInput(
        "CSVの" + std::to_string(r.fieldLine) +
        "行目で始まる「\"」で囲まれた項目が閉じられていません。閉じる「\"」を補ってください。");
  }
  throwIfFailed(r);
  return std::move(r.table);
}

std::string csvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string& f = fields[i];
    if (i) line += ',';
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      line += f;
      continue;
    }
    line += '"';
    for (const char c : f) line += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += '"';
  }
  return line + "\r\n";
}

}  // namespace rececon
