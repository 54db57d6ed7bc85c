#pragma once
// 受付一覧: today's visits in order of arrival — time, patient number, name and kana, the insurance the
// visit was received on with its 枝番, and the check state in words, colour and icon. The highlighted row
// is the desk's selected patient: moving it (keys, click) tells the window, so the patient pane and F5
// always act on the row a clerk sees highlighted. UI thread only.

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/jobs/patient_register.h"
#include "app/jobs/reception_desk.h"

class wxListCtrl;
class wxStaticText;

namespace rececon::gui {

class ReceptionListPanel : public wxPanel {
 public:
  // chosen: the patient of the highlighted visit, nullopt when no row is highlighted or its person is
  // not registered yet (known only from the 4 items).
  using ChosenFn = std::function<void(std::optional<std::int64_t>)>;
  ReceptionListPanel(wxWindow* parent, PatientRegister& reg, ChosenFn chosen);

  // Reads today's visits again; the list is rebuilt only when something shown changed, so a periodic
  // refresh never moves the selection or the scroll position for nothing.
  void refresh();
  void focusList();
  // The patient of the highlighted row (what `chosen` was last told).
  std::optional<std::int64_t> chosenPatient() const;

 private:
  PatientRegister& reg_;
  ChosenFn chosen_;
  bool rebuilding_ = false;  // selection events of a rebuild are not a clerk's choice
  std::vector<ReceptionRow> rows_;
  std::string shownKey_;  // what the list shows, to tell whether a refresh changed anything
  wxStaticText* summary_ = nullptr;
  wxListCtrl* list_ = nullptr;
};

}  // namespace rececon::gui
