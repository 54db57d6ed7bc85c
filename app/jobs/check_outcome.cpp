#include "app/jobs/check_outcome.h"

#include "linkage/codes.h"

namespace rececon {

using linkage::Text;

const char* outcomeName(CheckOutcome o) {
  switch (o) {
    case CheckOutcome::Valid: return "valid";
    case CheckOutcome::Invalid: return "invalid";
    case CheckOutcome::InvalidNewerExists: return "invalid_newer";
    case CheckOutcome::NotFound: return "not_found";
    case CheckOutcome::Several: return "several";
    case CheckOutcome::Error: return "error";
  }
  return "error";
}

CheckOutcome outcomeFromName(const std::string& s) {
  for (const auto o : {CheckOutcome::Valid, CheckOutcome::Invalid, CheckOutcome::InvalidNewerExists,
                       CheckOutcome::NotFound, CheckOutcome::Several, CheckOutcome::Error}) {
    if (s == outcomeName(o)) return o;
  }
  return CheckOutcome::Error;
}

CheckOutcome outcomeOf(const linkage::QualificationResult& r) {
  if (linkage::segmentOfResult(r.header.segmentOfResult.value_or("")) != linkage::SegmentOfResult::Normal) {
    return CheckOutcome::Error;
  }
  if (!r.validity) return CheckOutcome::Error;
  const auto validity = linkage::qualificationValidity(*r.validity);
  if (!validity) return CheckOutcome::Error;  // a code nobody knows is for a person, never 該当資格なし
  switch (*validity) {
    case linkage::QualificationValidity::Valid:
    case linkage::QualificationValidity::ValidUnregistered: return CheckOutcome::Valid;
    case linkage::QualificationValidity::Invalid: return CheckOutcome::Invalid;
    case linkage::QualificationValidity::InvalidNewerExists: return CheckOutcome::InvalidNewerExists;
    case linkage::QualificationValidity::Multiple: return CheckOutcome::Several;
    case linkage::QualificationValidity::NotFound: return CheckOutcome::NotFound;
  }
  return CheckOutcome::Error;
}

}  // namespace rececon
