// Property tests of matching and applying against a register seeded with near-duplicates: the same
// kana and birth date with the other sex, birth dates a day apart, small-kana variants, true namesakes.
// 10,000 generated card results: a proposal is never "unique" when identity disagrees (unless the
// reference number, verified by birth date, says so); the fields a clerk gets ticked by default never
// include identity fields or insured numbers; applying them changes neither, and every accepted change
// keeps the previous record and leaves an audit entry.

#include <catch2/catch.hpp>

#include <random>

#include "app/core/kana.h"
#include "app/core/namesake.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/demo_data.h"
#include "app/jobs/patient_matching.h"
#include "app/jobs/qualification_service.h"
#include "db/change_log.h"
#include "db/qualification_repository.h"
#include "linkage/message_codec.h"
#include "linkage/messages.h"
#include "tests/support/temp_dir.h"

using namespace rececon;
using namespace std::chrono;

namespace {


// ｷｮｳｺ -> ｷﾖｳｺ: the small-kana variant old systems store.
std::string bigKana(std::string kana) {
  // Both widths: the register stores full-width katakana, results carry half-width.
  const std::pair<std::string, std::string> pairs[] = {{"ｮ", "ﾖ"}, {"ｭ", "ﾕ"}, {"ｬ", "ﾔ"}, {"ｯ", "ﾂ"},
                                                       {"ョ", "ヨ"}, {"ュ", "ユ"}, {"ャ", "ヤ"}, {"ッ", "ツ"}};
  for (const auto& [small, big] : pairs) {
    for (std::size_t at = kana.find(small); at != std::string::npos; at = kana.find(small)) kana.replace(at, small.size(), big);
  }
  return kana;
}

// The same reading written with other kanji (髙/高, 邊/辺 …): the last character of the name replaced.
std::string otherKanji(const std::string& name) {
  const std::string variant = "彌";
  if (name.size() >= 3) return name.substr(0, name.size() - 3) + variant;
  return name + variant;
}

struct Register {
  test::TempDir dir;
  DataFolder folder{dir.path()};
  PatientRegister reg{folder.database(), "seed"};
  std::vector<Patient> patients;

  Register() {
    JobContext job;
    reg.importPatients(generateDemoPatients(400, 11, 2026y / 11 / 21), job);
    std::mt19937 rng(5);
    for (int i = 0; i < 210; ++i) {  // near-duplicates of random patients
      const Patient base = reg.patient(1 + static_cast<std::int64_t>(rng() % 400));
      PatientFields f;
      f.name = base.name;
      f.nameKana = base.nameKana;
      f.sex = base.sex == Sex::Male ? "1" : "2";
      f.birthDate = toIsoString(base.birthDate);
      switch (i % 7) {
        case 0: f.sex = base.sex == Sex::Male ? "2" : "1"; break;                                   // only the sex differs
        case 1: f.birthDate = toIsoString(sys_days(base.birthDate) + days(1)); break;                // a day apart
        case 2: f.nameKana = bigKana(base.nameKana) == base.nameKana ? base.nameKana + "ｱ" : bigKana(base.nameKana); break;
        case 3: break;                                                                               // true namesake
        case 4: f.name = otherKanji(base.name); break;                                              // only the kanji differ
        case 5:                                                                                      // twins: same reading,
          f.name = otherKanji(base.name);                                                           // other given name,
          f.sex = base.sex == Sex::Male ? "2" : "1";                                                 // other sex
          break;
        case 6: f.nameKana = base.nameKana + "ｺ"; f.name = base.name + "子"; break;                  // a different person
      }
      reg.addPatient(f, std::nullopt);
    }
    for (std::int64_t after = 0;;) {
      const auto page = reg.list(after, 1000);
      if (page.empty()) break;
      patients.insert(patients.end(), page.begin(), page.end());
      after = page.back().number;
    }
  }
};

// Anyone registered, other than `chosen`, who could be the person of the result (app/core/namesake.h).
bool hasNamesake(const std::vector<Patient>& all, std::int64_t chosen, const ReturnedQualification& r) {
  if (!r.birthDate) return false;
  for (const Patient& q : all) {
    if (q.number != chosen && areNamesakes({r.name, r.nameKana, *r.birthDate}, {q.name, q.nameKana, q.birthDate})) return true;
  }
  return false;
}

bool sameIdentity(const Patient& p, const ReturnedQualification& r) {
  return normalizeKana(p.nameKana) == normalizeKana(r.nameKana) && r.birthDate && p.birthDate == *r.birthDate &&
         (!r.sex || p.sex == *r.sex);
}

// A card result for `p`, disturbed at random the way real data is.
ReturnedQualification disturbed(const Patient& p, const std::optional<InsuranceRecord>& held, std::mt19937& rng) {
  ReturnedQualification r;
  r.name = p.name;
  r.nameKana = p.nameKana;
  r.sex = p.sex;
  r.birthDate = p.birthDate;
  r.address = p.address;
  if (held) r.insurance = *held;
  switch (rng() % 6) {
    case 0: r.nameKana = bigKana(p.nameKana) + (rng() % 2 ? "ｱ" : ""); break;
    case 1: r.birthDate = sys_days(p.birthDate) - days(1 + rng() % 3); break;
    case 2: r.sex = p.sex == Sex::Male ? Sex::Female : Sex::Male; break;
    case 3: r.insurance.insured.number += "9"; r.insurance.insurerName = "変更後の保険者"; break;
    default: r.insurance.copayPercent = 10; r.insurance.insured.branch = "07"; break;
  }
  return r;
}

}  // namespace

TEST_CASE("10,000 card results: never a unique proposal when identity disagrees; default ticks never touch identity",
          "[property]") {
  Register world;
  std::mt19937 rng(2026);
  int unique = 0;
  int several = 0;
  int conflict = 0;
  int none = 0;
  for (int i = 0; i < 10000; ++i) {
    const Patient& p = world.patients[rng() % world.patients.size()];
    const auto held = world.reg.currentInsurance(p.number);
    const ReturnedQualification r = disturbed(p, held, rng);
    std::optional<std::string> reference;
    const int refCase = static_cast<int>(rng() % 4);
    if (refCase == 1) reference = std::to_string(p.number);                                       // right
    if (refCase == 2) reference = std::to_string(world.patients[rng() % world.patients.size()].number);  // wrong
    const MatchProposal m = proposePatient(world.folder.database(), r, reference);
    switch (m.kind) {
      case MatchKind::Unique: {
        ++unique;
        REQUIRE(m.candidates.size() == 1);
        const Patient chosen = world.reg.patient(m.candidates[0]);
        const bool byVerifiedReference = reference && *reference == std::to_string(chosen.number) && r.birthDate &&
                                         chosen.birthDate == *r.birthDate;
        INFO("case " << i << " proposed " << chosen.number << " for " << p.number);
        CHECK((sameIdentity(chosen, r) || byVerifiedReference));
        CHECK_FALSE(hasNamesake(world.patients, chosen.number, r));  // never 一致 while a namesake exists
        break;
      }
      case MatchKind::Several: ++several; CHECK(m.candidates.size() >= 2); break;
    }
    for (const auto n : m.namesakes) {  // every namesake named is one, and is among the candidates
      const Patient q = world.reg.patient(n);
      CHECK((r.birthDate && areNamesakes({r.name, r.nameKana, *r.birthDate}, {q.name, q.nameKana, q.birthDate})));
      CHECK(std::find(m.candidates.begin(), m.candidates.end(), n) != m.candidates.end());
    }
    switch (m.kind) {
      case MatchKind::Unique:
      case MatchKind::Several: break;
      case MatchKind::Conflict: ++conflict; CHECK_FALSE(m.candidates.empty()); break;
      case MatchKind::None: ++none; CHECK(m.candidates.empty()); break;
    }
    for (const FieldComparison& c : compareWithRegister(p, held, r)) {
      if (tickedByDefault(c)) CHECK_FALSE((c.identity || c.insuredNumber));
    }
  }
  WARN("proposals: unique " << unique << ", several " << several << ", conflict " << conflict << ", none " << none);
  CHECK(several > 0);
  CHECK(conflict > 0);
  CHECK(none > 0);
}

TEST_CASE("Applying the default ticks changes no identity or insured number; each change keeps the old record",
          "[property]") {
  Register world;
  auto& db = world.folder.database();
  linkage::ExchangeConfig config;
  config.institutionCode = "9919999999";
  QualificationService service(db, config, "clerk", "desk1");
  std::mt19937 rng(77);
  for (int i = 0; i < 200; ++i) {
    const Patient before = world.patients[rng() % 400];
    const auto held = world.reg.currentInsurance(before.number);
    if (!held || held->state != InsuranceState::Current) continue;
    const ReturnedQualification r = disturbed(before, held, rng);
    // The result as the linkage app would have written it, stored as a card result for this patient.
    linkage::QualificationResult result;
    result.header.segmentOfResult = "1";
    result.header.institutionCode = "9919999999";
    result.processingStatus = "1";
    result.validity = "1";
    linkage::Qualification q;
    q.name = r.name;
    q.nameKana = r.nameKana;
    q.sex1 = r.sex == Sex::Female ? "2" : "1";
    q.birthdate = toCompactString(*r.birthDate);
    q.insurerNumber = r.insurance.insured.insurerNumber;
    q.symbol = r.insurance.insured.symbol;
    q.number = r.insurance.insured.number;
    q.branch = r.insurance.insured.branch;
    q.insurerName = r.insurance.insurerName;
    q.partialContributionRatio = r.insurance.copayPercent ? std::to_string(*r.insurance.copayPercent) : "";
    result.qualifications.push_back(q);
    db::StoredResult stored;
    stored.source = ResultSource::Face;
    stored.fileName = "OQSsiquc01res_face_prop_" + std::to_string(i) + ".xml";
    stored.contentHash = std::to_string(i);
    stored.raw = linkage::encodeMessage(linkage::toXml(result), linkage::Encoding::Utf8);
    stored.outcome = "valid";
    stored.state = ResultDecision::Arrived;
    db::WriteTransaction tx(db);
    const auto id = db::QualificationRepository(db).addResult(stored).first;
    tx.commit();

    ApplyDecision d;
    d.patientNumber = before.number;
    for (const auto& c : service.reportForResult(id, before.number).comparison) {
      if (tickedByDefault(c)) d.accept.push_back(c.field);
    }
    const auto recordsBefore = world.reg.insurances(before.number).size();
    const auto historyBefore = world.reg.history(before.number).size();
    const ApplyOutcome outcome = service.applyResult(id, d);
    const Patient after = world.reg.patient(before.number);
    CHECK(after.name == before.name);
    CHECK(after.nameKana == before.nameKana);
    CHECK(after.sex == before.sex);
    CHECK(after.birthDate == before.birthDate);
    const auto current = world.reg.currentInsurance(before.number);
    REQUIRE(current);
    CHECK(current->insured == held->insured);  // insured numbers need an explicit accept
    if (outcome.insuranceId) {
      CHECK(world.reg.insurances(before.number).size() == recordsBefore + 1);
      CHECK(world.reg.insurances(before.number)[1].state == InsuranceState::Superseded);
      CHECK(world.reg.history(before.number).size() > historyBefore);
      CHECK(world.reg.history(before.number).back().operatorId == "clerk");
    } else {
      CHECK(world.reg.insurances(before.number).size() == recordsBefore);
    }
  }
}
