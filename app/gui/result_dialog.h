#pragma once
// 資格確認の結果: one result for a person to decide on — the outcome in words and colour, what to do, the
// linkage's processing message verbatim, the 限度額適用認定証, and held against returned field by field with
// a tick per field (identity fields and insured numbers unticked, as tickedByDefault says). For a result
// that names no patient (a card result, entered numbers) the patient is chosen here, or registered as a
// new patient when nobody matched. 反映 applies the ticked fields, 反映しない keeps the register as it
// is; both are recorded. An answer that is not valid offers the next step instead (correct the insurance,
// receive on the card, stand-alone mode), which Enter takes. 結果票 prints the result slip. Escape closes
// and leaves the decision for later.
// UI thread only.

#include <wx/dialog.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "app/jobs/patient_register.h"
#include "app/jobs/qualification_service.h"
#include "app/jobs/result_advice.h"

class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxButton;

namespace rececon::gui {

class ResultDialog : public wxDialog {
 public:
  ResultDialog(wxWindow* parent, QualificationService& service, PatientRegister& reg, CheckReport report);

  // After wxID_OK: what was applied (state applied / no_change / rejected).
  const ApplyOutcome& outcome() const { return outcome_; }
  const CheckReport& report() const { return report_; }
  // The step the person chose to take next (the desk does it after the dialog closes); None when none.
  ResultNextStep nextStep() const { return nextStep_; }

 private:
  wxWindow* buildPatientChoice();
  void showComparison();
  void onPatientChosen();
  void decide(bool reject);
  void printSlip();
  void takeNextStep(ResultNextStep step);
  // The patient the person chose: a number, "new" (register from the result) or nothing yet.
  std::optional<std::int64_t> chosenPatient() const;
  bool newPatientChosen() const;

  QualificationService& service_;
  PatientRegister& reg_;
  CheckReport report_;
  ErrorHandbook handbook_;
  ApplyOutcome outcome_;
  ResultNextStep nextStep_ = ResultNextStep::None;
  std::vector<std::int64_t> choices_;  // patient numbers behind the choice's items; -1 = new patient, 0 = none
  wxChoice* patientChoice_ = nullptr;
  wxListCtrl* comparison_ = nullptr;
  wxStaticText* status_ = nullptr;
  wxStaticText* summary_ = nullptr;  // 登録内容と一致（変更なし）, or how many items differ
  wxStaticText* advice_ = nullptr;   // what to do next
  wxButton* accept_ = nullptr;
};

}  // namespace rececon::gui
