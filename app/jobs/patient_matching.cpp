#include "app/jobs/patient_matching.h"

#include <algorithm>

#include "app/core/kana.h"
#include "app/core/namesake.h"
#include "db/insurance_repository.h"
#include "db/patient_repository.h"

namespace rececon {
namespace {

// Patients whose kana, birth date and sex are those returned (kana compared normalised).
std::vector<std::int64_t> byIdentity(db::Database& db, const ReturnedQualification& r) {
  std::vector<std::int64_t> out;
  if (!r.birthDate || r.nameKana.empty()) return out;
  const std::string key = normalizeKana(r.nameKana);
  for (const Patient& p : db::PatientRepository(db).search({r.nameKana, std::nullopt, r.birthDate, 1000})) {
    if (normalizeKana(p.nameKana) != key) continue;  // the search matched a prefix only
    if (r.sex && p.sex != *r.sex) continue;
    out.push_back(p.number);
  }
  return out;
}

std::vector<std::int64_t> byNumbers(db::Database& db, const ReturnedQualification& r) {
  const auto& n = r.insurance.insured;
  if (n.insurerNumber.empty() || n.number.empty()) return {};
  return db::InsuranceRepository(db).patientsWithNumbers(n.insurerNumber, n.number, n.branch);
}

std::string numberText(std::int64_t n) { return "患者番号 " + std::to_string(n); }

}  // namespace

const char* matchKindWords(MatchKind kind) {
  switch (kind) {
    case MatchKind::Unique: return "一致";
    case MatchKind::Several: return "候補複数";
    case MatchKind::Conflict: return "不一致あり";
    case MatchKind::None: return "該当なし";
  }
  return "";
}

namespace {

MatchProposal proposeByEvidence(db::Database& db, const ReturnedQualification& returned,
                                const std::optional<std::string>& referenceNumber) {
  const std::vector<std::int64_t> identity = byIdentity(db, returned);
  MatchProposal m;

  // 1. The reference number is our patient number; it must still agree with the birth date.
  if (referenceNumber && !referenceNumber->empty() &&
      referenceNumber->find_first_not_of("0123456789") == std::string::npos && referenceNumber->size() <= 10) {
    const std::int64_t number = std::stoll(*referenceNumber);
    if (const auto p = db::PatientRepository(db).find(number)) {
      if (returned.birthDate && p->birthDate != *returned.birthDate) {
        m.kind = MatchKind::Conflict;
        m.candidates.push_back(number);
        for (const auto n : identity) m.candidates.push_back(n);
        m.explanation = "照会番号は" + numberText(number) + "を指していますが、生年月日が違います。";
        return m;
      }
      const bool othersByIdentity =
          std::any_of(identity.begin(), identity.end(), [&](std::int64_t n) { return n != number; });
      m.candidates.push_back(number);
      if (othersByIdentity) {
        m.kind = MatchKind::Conflict;
        for (const auto n : identity) {
          if (n != number) m.candidates.push_back(n);
        }
        m.explanation = "照会番号は" + numberText(number) + "を指していますが、氏名カナ・生年月日・性別は別の患者と一致します。";
      } else {
        m.kind = MatchKind::Unique;
        m.explanation = "照会番号と生年月日が" + numberText(number) + "と一致しました。";
      }
      return m;
    }
  }

  // 2. Identity; 3. insurance numbers to break a tie among identical identities.
  if (identity.size() == 1) {
    m.kind = MatchKind::Unique;
    m.candidates = identity;
    m.explanation = "氏名カナ・生年月日・性別が" + numberText(identity[0]) + "と一致しました。";
    return m;
  }
  const std::vector<std::int64_t> numbers = byNumbers(db, returned);
  if (identity.size() > 1) {
    std::vector<std::int64_t> both;
    for (const auto n : identity) {
      if (std::find(numbers.begin(), numbers.end(), n) != numbers.end()) both.push_back(n);
    }
    if (both.size() == 1) {
      m.kind = MatchKind::Unique;
      m.candidates = both;
      m.explanation = "氏名カナ・生年月日・性別が同じ患者が複数いますが、保険の番号で" + numberText(both[0]) + "に絞れました。";
      return m;
    }
    m.kind = MatchKind::Several;
    m.candidates = identity;
    m.explanation = "氏名カナ・生年月日・性別が同じ患者が" + std::to_string(identity.size()) + "人います。患者を選んでください。";
    return m;
  }
  if (!numbers.empty()) {  // the numbers fit, the identity does not: a person must look
    m.kind = MatchKind::Conflict;
    m.candidates = numbers;
    m.explanation = "保険の番号は登録済みの患者と一致しますが、氏名カナ・生年月日・性別が一致しません。";
    return m;
  }
  m.kind = MatchKind::None;
  m.explanation = "一致する患者がいません。新しい患者として登録できます。";
  return m;
}

// The namesake guard (app/core/namesake.h): anyone else registered who could be the person of the result
// puts the proposal in doubt and is named, so that a person chooses; a proposal is never "一致" while a
// namesake exists, and "該当なし" (offering a new patient) becomes "不一致あり".
void guardNamesakes(db::Database& db, const ReturnedQualification& returned, MatchProposal& m) {
  if (!returned.birthDate) return;
  const PersonIdentity person{returned.name, returned.nameKana, *returned.birthDate};
  for (const Patient& p : db::PatientRepository(db).search({"", std::nullopt, returned.birthDate, 1000})) {
    if (std::find(m.candidates.begin(), m.candidates.end(), p.number) != m.candidates.end()) continue;
    if (areNamesakes(person, {p.name, p.nameKana, p.birthDate})) m.namesakes.push_back(p.number);
  }
  if (m.namesakes.empty()) return;
  std::string named;
  for (const auto n : m.namesakes) {
    const Patient p = *db::PatientRepository(db).find(n);
    named += (named.empty() ? "" : "、") + numberText(n) + "（" + p.name + "、" + sexLabel(p.sex) + "）";
  }
  m.candidates.insert(m.candidates.end(), m.namesakes.begin(), m.namesakes.end());
  if (m.kind == MatchKind::Unique) m.kind = MatchKind::Several;
  if (m.kind == MatchKind::None) m.kind = MatchKind::Conflict;
  m.explanation += "同じ生年月日で氏名または読みが同じ患者がほかにもいます: " + named + "。取り違えのないよう、患者を選んでください。";
}

}  // namespace

MatchProposal proposePatient(db::Database& db, const ReturnedQualification& returned,
                             const std::optional<std::string>& referenceNumber) {
  MatchProposal m = proposeByEvidence(db, returned, referenceNumber);
  guardNamesakes(db, returned, m);
  return m;
}

}  // namespace rececon
