#pragma once
// The error-code handbook: what a code shown by the card reader, the terminal or a result file
// means, and what the clerk does next. The entries are data (resources/diagnosis/, editable without
// rebuilding); this file only reads them and looks codes up. Pure; any thread.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rececon {

struct HandbookEntry {
  std::string code;      // as written in the handbook; a trailing * matches every code it begins
  std::string severity;  // 重大 / 注意 / 情報
  std::string title;
  std::string meaning;
  std::string cause;
  std::string nextStep;
  std::string contact;
};

// What the clerk is told about one code. For a code the handbook does not know, known is false,
// code is shown verbatim, and the general checklist is what remains to do.
struct ErrorExplanation {
  bool known = false;
  std::string code;  // exactly as it was reported
  HandbookEntry entry;
  std::vector<std::string> checklist;
};

class ErrorHandbook {
 public:
  // csvText: the header code,severity,title,meaning,cause,next_step,contact then one entry per
  // line. checklistText: one step per line; blank lines and lines starting with # are skipped.
  // Throws InvalidInput naming the line that is wrong (missing column, empty code, duplicate code).
  static ErrorHandbook parse(std::string_view csvText, std::string_view checklistText);

  // Exact codes first (case and full-width insensitive), then the longest matching prefix entry.
  ErrorExplanation explain(std::string_view reportedCode) const;

  const std::vector<HandbookEntry>& entries() const { return entries_; }
  const std::vector<std::string>& checklist() const { return checklist_; }

 private:
  std::vector<HandbookEntry> entries_;
  std::vector<std::string> checklist_;
};

// The code a message carries, "" when none: "[OQS-TRUNCATED] …", "SIMERR0003 要求を…" (an .err file's
// text), or the first word after "…: " ("連携アプリが要求を受け付けませんでした: SIMERR0003 …"). A code is
// ASCII letters, digits, - and _ with at least one digit or dash.
std::string codeInMessage(std::string_view message);

}  // namespace rececon
