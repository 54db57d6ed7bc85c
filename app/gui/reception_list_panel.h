#pragma once
// 受付一覧: today's visits in order of arrival — time, patient number, name and kana, the insurance the
// visit was received on with its 枝番, and the check state in words, colour and icon. Enter or a double
// click opens the patient. UI thread only.

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/jobs/reception_desk.h"

class wxListCtrl;
class wxStaticText;

namespace rececon::gui {

class ReceptionListPanel : public wxPanel {
 public:
  // opened: the patient number of the visit chosen with Enter / double click.
  ReceptionListPanel(wxWindow* parent, db::Database& db, std::function<void(std::int64_t)> opened);

  // Reads today's visits again; the list is rebuilt only when something shown changed, so a periodic
  // refresh never moves the selection or the scroll position for nothing.
  void refresh();
  void focusList();

 private:
  db::Database& db_;
  std::function<void(std::int64_t)> opened_;
  std::vector<ReceptionRow> rows_;
  std::string shownKey_;  // what the list shows, to tell whether a refresh changed anything
  wxStaticText* summary_ = nullptr;
  wxListCtrl* list_ = nullptr;
};

}  // namespace rececon::gui
