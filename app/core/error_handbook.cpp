#include "app/core/error_handbook.h"

#include <algorithm>
#include <cctype>

#include "app/core/csv_table.h"
#include "app/core/error.h"
#include "app/core/utf8.h"

namespace rececon {
namespace {

// Codes are compared as a clerk would read them off a screen: full-width or half-width, any case.
std::string comparableCode(std::string_view code) {
  std::string folded = utf8::foldFullWidthAscii(utf8::trim(code));
  std::transform(folded.begin(), folded.end(), folded.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return folded;
}

std::vector<std::string> checklistLines(std::string_view text) {
  std::vector<std::string> steps;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string line = utf8::trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.front() != '#') steps.push_back(std::move(line));
  }
  return steps;
}

}  // namespace

ErrorHandbook ErrorHandbook::parse(std::string_view csvText, std::string_view checklistText) {
  if (!utf8::isValid(csvText) || !utf8::isValid(checklistText))
    throw InvalidInput("エラーコード集の文字コードが UTF-8 ではありません。");
  const CsvTable table = parseCsv(csvText);
  const std::size_t code = table.column("code"), severity = table.column("severity"), title = table.column("title"),
                    meaning = table.column("meaning"), cause = table.column("cause"),
                    nextStep = table.column("next_step"), contact = table.column("contact");
  ErrorHandbook handbook;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    const std::string line = std::to_string(i + 2) + " 行目";
    HandbookEntry e{utf8::trim(row[code]), row[severity], row[title], row[meaning], row[cause], row[nextStep],
                    row[contact]};
    if (e.code.empty() || e.code == "*") throw InvalidInput("エラーコード集の " + line + ": コードが空です。");
    if (e.title.empty()) throw InvalidInput("エラーコード集の " + line + ": 見出し（title）が空です。");
    for (const auto& seen : handbook.entries_)
      if (comparableCode(seen.code) == comparableCode(e.code))
        throw InvalidInput("エラーコード集の " + line + ": コード「" + e.code + "」が重複しています。");
    handbook.entries_.push_back(std::move(e));
  }
  handbook.checklist_ = checklistLines(checklistText);
  return handbook;
}

ErrorExplanation ErrorHandbook::explain(std::string_view reportedCode) const {
  ErrorExplanation out;
  out.code = std::string(reportedCode);
  out.checklist = checklist_;
  const std::string wanted = comparableCode(reportedCode);
  if (wanted.empty()) return out;
  const HandbookEntry* best = nullptr;
  std::size_t bestPrefix = 0;
  for (const auto& e : entries_) {
    const std::string candidate = comparableCode(e.code);
    if (candidate == wanted) {
      best = &e;
      break;
    }
    if (candidate.ends_with('*')) {
      const std::string prefix = candidate.substr(0, candidate.size() - 1);
      if (wanted.starts_with(prefix) && prefix.size() >= bestPrefix) {
        best = &e;
        bestPrefix = prefix.size();
      }
    }
  }
  if (best) {
    out.known = true;
    out.entry = *best;
  }
  return out;
}

namespace {
// SIMERR0001, 012, PAN907, 0xf0301d1c, OQS-TRUNCATED: ASCII letters, digits, - and _, with at least
// one digit or a dash.
bool looksLikeCode(std::string_view word) {
  if (word.size() < 3 || word.size() > 24) return false;
  const bool allowed = std::all_of(word.begin(), word.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_';
  });
  return allowed && std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c) || c == '-'; });
}

std::string_view firstWord(std::string_view text) {
  const std::size_t start = text.find_first_not_of(' ');
  if (start == std::string_view::npos) return {};
  text.remove_prefix(start);
  return text.substr(0, text.find(' '));
}
}  // namespace

std::string codeInMessage(std::string_view message) {
  const std::size_t open = message.find('[');
  if (open != std::string_view::npos) {
    const std::size_t close = message.find(']', open);
    if (close != std::string_view::npos && looksLikeCode(message.substr(open + 1, close - open - 1)))
      return std::string(message.substr(open + 1, close - open - 1));
  }
  const std::string_view first = firstWord(message);
  if (first.size() < message.size() && looksLikeCode(first)) return std::string(first);
  for (std::string_view separator : {std::string_view(": "), std::string_view("：")}) {
    const std::size_t at = message.find(separator);
    if (at == std::string_view::npos) continue;
    const std::string_view after = firstWord(message.substr(at + separator.size()));
    if (looksLikeCode(after)) return std::string(after);
  }
  return "";
}

}  // namespace rececon
