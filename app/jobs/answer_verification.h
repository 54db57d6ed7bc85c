#pragma once
// Every answer checked against its question and its own format before anyone may apply it: a single
// check's answer must be about the person asked for (the birth date sent, the search keys echoed), and
// every value must have the form the contract gives it. What disagrees is a finding carried with the
// result — shown, never dropped — and the result then waits for a person: it is never applied or
// proposed as a match. Pure; any thread.

#include <optional>
#include <string>
#include <vector>

#include "db/qualification_repository.h"
#include "linkage/messages.h"

namespace rececon {

struct ResultFinding {
  // Stable, for scripts: birth_date_mismatch, search_key_mismatch, invalid_value, unknown_code.
  std::string code;
  std::string element;  // the element concerned, as named in the file ("BranchNumber")
  std::string value;    // exactly as received ("" when missing)
  std::string message;  // Japanese, for the person deciding
};

// The findings of a result. `asked` is the check it answers (nullopt for a card result, which answers
// no question of ours: only its values are checked).
std::vector<ResultFinding> verifyAnswer(const linkage::QualificationResult& result,
                                        const std::optional<db::StoredCheck>& asked);

}  // namespace rececon
