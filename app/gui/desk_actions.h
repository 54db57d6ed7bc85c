#pragma once
// The two ways a person's qualification is confirmed at the desk, each from start to decision:
// checking a registered patient's insurance (F5) and deciding on a result that has arrived (a card
// result from the face-recognition reader, or a late answer). Both record the day's visit. UI thread only.

#include <wx/window.h>

#include <cstdint>
#include <functional>
#include <string>

#include "app/jobs/patient_register.h"

namespace rececon::gui {

// Sends the check for the patient's current insurance, takes them in (受付), waits for the answer with
// progress and cancel, settles the visit (then calls recorded, so the lists behind show it) and opens
// the result for a decision. Every failure becomes a message saying what to do. Returns true when
// anything was recorded (the lists need refreshing again).
bool checkPatientAtDesk(wxWindow* parent, PatientRegister& reg, const std::string& dataDir, std::int64_t patientNumber,
                        const std::function<void()>& recorded);

// Opens an arrived result for a decision; a card result that was applied to a patient takes them in.
// Returns true when it was decided.
bool decideArrivedResult(wxWindow* parent, PatientRegister& reg, std::int64_t resultId,
                         const std::string& source);

}  // namespace rececon::gui
