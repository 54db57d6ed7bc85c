#pragma once
// 一括照会の作業リスト: the morning list of patients the night's bulk pre-check flagged, for one check
// date. Filter (open only / all / one outcome), sort by any column (click its header), Enter opens the
// patient in the main window, Space marks the item done (or open again), and the list can be saved as
// CSV or printed as shown. UI thread only.

#include <wx/dialog.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "app/jobs/bulk_worklist.h"
#include "app/jobs/patient_register.h"

class wxChoice;
class wxListCtrl;
class wxListEvent;
class wxStaticText;
class wxTextCtrl;

namespace rececon::gui {

class WorklistDialog : public wxDialog {
 public:
  WorklistDialog(wxWindow* parent, PatientRegister& reg, std::string operatorId, std::function<void(std::int64_t)> openPatient);

 private:
  void reload();
  void fill();
  void showDetail();
  void toggleDone();
  void openSelected();
  void saveCsv();
  void printShown();  // the rows as shown (filter, order) in a print preview
  const WorklistItem* selected() const;

  PatientRegister& reg_;
  std::string operatorId_;
  std::function<void(std::int64_t)> openPatient_;
  wxTextCtrl* date_ = nullptr;
  wxChoice* filter_ = nullptr;
  wxListCtrl* list_ = nullptr;
  wxTextCtrl* detail_ = nullptr;
  wxStaticText* summary_ = nullptr;
  std::vector<WorklistItem> items_;    // the date's whole list
  std::vector<std::size_t> shown_;     // indexes into items_, in display order
  int sortColumn_ = 0;
  bool sortAscending_ = true;
};

}  // namespace rececon::gui
