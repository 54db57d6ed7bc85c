#pragma once
// The two ways a person's qualification is confirmed at the desk, each from start to decision:
// checking a registered patient's insurance (F5) and deciding on a result that has arrived (a card
// result from the face-recognition reader, or a late answer). Both record the day's visit. UI thread only.

#include <wx/window.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "app/jobs/patient_register.h"
#include "app/jobs/result_advice.h"

namespace rececon::gui {

// What came of a desk action: whether anything was recorded (the lists need refreshing), and the next
// step the person chose in the result (the window takes it) for which patient.
struct DeskDecision {
  bool recorded = false;
  ResultNextStep next = ResultNextStep::None;
  std::optional<std::int64_t> patientNumber;
};

// Sends the check for the patient's current insurance, takes them in (受付), waits for the answer with
// progress and cancel, settles the visit (then calls recorded, so the lists behind show it) and opens
// the result for a decision. Every failure becomes a message saying what to do.
// linkageDown: the watchdog's cause when the linkage is known to be stopped (the wait says so at once).
DeskDecision checkPatientAtDesk(wxWindow* parent, PatientRegister& reg, const std::string& dataDir,
                                std::int64_t patientNumber, const wxString& linkageDown,
                                const std::function<void()>& recorded);

// Opens an arrived result for a decision; a card result that was applied to a patient takes them in.
// recorded is true when it was decided.
DeskDecision decideArrivedResult(wxWindow* parent, PatientRegister& reg, const std::string& dataDir, std::int64_t resultId);

}  // namespace rececon::gui
