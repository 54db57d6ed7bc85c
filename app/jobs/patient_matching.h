#pragma once
// Which registered patient a card (face) result belongs to. Matching proposes, a person decides
// (table 4.1.1-1 (2), oqs-interface.md §3, §7.3): the reference number first (our patient number,
// still verified by birth date), then identity (normalised kana + birth date + sex), insurance numbers
// only to break a tie. Several candidates or any disagreement go to a person; nothing here picks
// among several. A registered namesake of the person (app/core/namesake.h: the same birth date and the
// same kana or name, whatever the sex) is always named and makes the choice a person's.
// One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/qualification.h"
#include "db/database.h"

namespace rececon {

enum class MatchKind {
  Unique,    // one patient, no disagreement: proposed (a person still confirms by applying)
  Several,   // more than one patient fits: a person chooses
  Conflict,  // evidence disagrees (the reference number's patient has another birth date, …)
  None,      // nobody fits: offer to register a new patient from the result
};

const char* matchKindWords(MatchKind kind);  // 一致 / 候補複数 / 不一致あり / 該当なし

struct MatchProposal {
  MatchKind kind = MatchKind::None;
  std::vector<std::int64_t> candidates;  // patient numbers; the proposed one first when Unique
  std::vector<std::int64_t> namesakes;   // of those, the ones only the namesake guard added
  std::string explanation;               // Japanese: why
};

// referenceNumber: the ReferenceNumber the result carried, if any.
MatchProposal proposePatient(db::Database& db, const ReturnedQualification& returned,
                             const std::optional<std::string>& referenceNumber);

}  // namespace rececon
