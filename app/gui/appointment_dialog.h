#pragma once
// 予約の登録: one appointment (patient, date, time, department, doctor, memo) for the nightly bulk
// pre-check to check. Keyboard first: Enter moves to the next item and saves on the last. A wrong item
// is named under the form and nothing is saved. UI thread only.

#include <wx/dialog.h>

#include <cstdint>
#include <optional>

#include "app/jobs/appointment_book.h"

class wxStaticText;
class wxTextCtrl;

namespace rececon::gui {

class AppointmentDialog : public wxDialog {
 public:
  AppointmentDialog(wxWindow* parent, AppointmentBook& book, std::optional<std::int64_t> patientNumber);
  const StoredAppointment& stored() const { return stored_; }

 private:
  void save();

  AppointmentBook& book_;
  wxTextCtrl* patient_ = nullptr;
  wxTextCtrl* date_ = nullptr;
  wxTextCtrl* time_ = nullptr;
  wxTextCtrl* department_ = nullptr;
  wxTextCtrl* doctor_ = nullptr;
  wxTextCtrl* memo_ = nullptr;
  wxStaticText* errors_ = nullptr;
  StoredAppointment stored_;
};

}  // namespace rececon::gui
