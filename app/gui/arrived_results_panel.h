#pragma once
// 届いた結果: results that have arrived and wait for a person — card results from the face-recognition
// reader and late answers — with their count in the heading, each with the time, the source, the
// outcome in colour, the person as returned and whom they match. Enter or a double click opens one for
// a decision. UI thread only.

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/jobs/patient_register.h"
#include "app/jobs/reception_desk.h"

class wxListCtrl;
class wxStaticText;

namespace rececon::gui {

class ArrivedResultsPanel : public wxPanel {
 public:
  using OpenFn = std::function<void(std::int64_t resultId)>;
  ArrivedResultsPanel(wxWindow* parent, PatientRegister& reg, OpenFn open);

  // Reads the waiting results again (the list is rebuilt only when they changed); returns how many
  // there are. onlyNew: the results already shown are kept as they were read (a result arriving is
  // shown at once without reading every other one again); otherwise all are read again (their match
  // may have changed with the register).
  std::size_t refresh(bool onlyNew = false);
  // The newest result listed (0: none).
  std::int64_t newestShown() const { return results_.empty() ? 0 : results_.back().resultId; }
  // Opens the selected result, else the oldest. False when none is waiting.
  bool openSelectedOrOldest();
  void focusList();

 private:
  PatientRegister& reg_;
  OpenFn open_;
  std::vector<ArrivedResult> results_;
  std::map<std::int64_t, ArrivedResult> read_;  // by result id, as last read
  std::string shownKey_;
  wxStaticText* heading_ = nullptr;
  wxListCtrl* list_ = nullptr;
  bool tracePaint_ = false;  // RECECON_TRACE_PANEL set: print "panel: <rows> <ns>" after each repaint
};

}  // namespace rececon::gui
