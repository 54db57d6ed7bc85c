#pragma once
// What a clerk reads at the top of a result: one line saying how the answer stands against the register,
// and what to do next — the outcome's rule, and for an error the handbook's step for its code — so that
// no result ends with "follow the message shown". Pure; any thread.

#include <string>
#include <vector>

#include "app/core/error_handbook.h"
#include "app/jobs/qualification_service.h"

namespace rececon {

// The next steps a result offers the desk, besides applying it or not.
enum class ResultNextStep {
  None,
  EditInsurance,      // the numbers or the 枝番 may be wrong: correct them (Ctrl+E) and check again
  ReceiveUnverified,  // the check cannot be done now: receive on the insurance card (F6), re-verified later
  StandAlone,         // the linkage is failing: stand-alone mode (F8)
};

struct ResultAdvice {
  // 登録内容と一致（変更なし） / 登録内容と違う項目が N 件あります / "" when there is no comparison.
  std::string summary;
  bool unchanged = false;  // valid and every returned field agrees with the register
  int differing = 0;       // fields that differ
  std::string nextText;    // what to do, in Japanese
  std::vector<ResultNextStep> nextSteps;  // offered, in order; the first is the one suggested
  bool applicable = false;  // anything to apply (a valid result of a known or new patient)
};

ResultAdvice adviseOnResult(const CheckReport& report, const ErrorHandbook& handbook);

}  // namespace rececon
