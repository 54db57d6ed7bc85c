// The main window's menus and toolbar: every action with its F-key or Ctrl shortcut.

#include <wx/artprov.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/textctrl.h>
#include <wx/listctrl.h>
#include <wx/toolbar.h>

#include "app/gui/appointment_dialog.h"
#include "app/gui/arrived_results_panel.h"
#include "app/gui/diagnosis_dialog.h"
#include "app/gui/form_preview_dialog.h"
#include "app/gui/main_frame.h"
#include "app/gui/outcome_style.h"
#include "app/gui/reception_list_panel.h"
#include "app/gui/worklist_dialog.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/appointment_book.h"
#include "app/jobs/form_documents.h"

namespace rececon::gui {
namespace {

const int kDiagnosisMenuId = wxWindow::NewControlId();
const int kFallbackMenuId = wxWindow::NewControlId();
const int kVisitMenuId = wxWindow::NewControlId();
const int kCaptureMenuId = wxWindow::NewControlId();
const int kReverifyMenuId = wxWindow::NewControlId();
const int kCaptureListMenuId = wxWindow::NewControlId();
const int kAppointmentMenuId = wxWindow::NewControlId();
const int kWorklistMenuId = wxWindow::NewControlId();
const int kOutageSheetMenuId = wxWindow::NewControlId();
const int kReceptionMenuId = wxWindow::NewControlId();
const int kArrivedMenuId = wxWindow::NewControlId();
const int kLockMenuId = wxWindow::NewControlId();

}  // namespace

void MainFrame::buildMenu() {
  auto* file = new wxMenu;
  file->Append(wxID_FIND, _("Patient search (&F)\tF3"));
  file->Append(wxID_NEW, _("Register a &new patient...\tCtrl+N"));
  file->Append(wxID_EDIT, _("&Edit patient / register an insurance card...\tCtrl+E"));
  file->Append(wxID_PRINT, _("Print chart form No. 1 / P&DF (&K)...\tCtrl+P"));
  file->AppendSeparator();
  file->Append(wxID_PREFERENCES, _("Settings (&O)..."));
  file->AppendSeparator();
  file->Append(kLockMenuId, _("&Lock / switch user\tCtrl+L"));
  file->AppendSeparator();
  file->Append(wxID_EXIT, _("E&xit\tCtrl+Q"));
  auto* desk = new wxMenu;
  desk->Append(kReceptionMenuId, _("Reception &list\tF2"));
  desk->Append(wxID_EXECUTE, _("&Check and receive the chosen patient\tF5"));
  desk->Append(kArrivedMenuId, _("Open the arrived &result\tF11"));
  auto* linkageMenu = new wxMenu;
  linkageMenu->Append(kDiagnosisMenuId, _("Linkage &diagnosis\tF9"));
  linkageMenu->AppendSeparator();
  linkageMenu->Append(kFallbackMenuId, _("Enter / leave &stand-alone mode\tF8"));
  linkageMenu->Append(kVisitMenuId, _("Recei&ve the chosen patient (no check)\tF6"));
  linkageMenu->Append(kCaptureMenuId, _("Record the 4 items (My Number &card)\tF7"));
  linkageMenu->Append(kOutageSheetMenuId, _("Print the 4-item record sheet / &PDF..."));
  linkageMenu->Append(kCaptureListMenuId, _("Save the 4-item list awaiting confirmation as &text..."));
  linkageMenu->Append(kReverifyMenuId, _("&Re-verify unverified receptions\tCtrl+R"));
  auto* bookingMenu = new wxMenu;
  bookingMenu->Append(kAppointmentMenuId, _("&Add appointment...\tF4"));
  bookingMenu->Append(kWorklistMenuId, _("Bulk pre-check &worklist...\tF12"));
  auto* help = new wxMenu;
  help->Append(wxID_ABOUT, _("&About this program"));
  auto* bar = new wxMenuBar;
  bar->Append(file, _("&File"));
  bar->Append(desk, _("Rece&ption"));
  bar->Append(linkageMenu, _("&Linkage"));
  bar->Append(bookingMenu, _("Appointments / &bulk pre-check"));
  bar->Append(help, _("&Help"));
  SetMenuBar(bar);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    tabs_->SetSelection(1);
    search_->SetFocus();
    search_->SelectAll();
  }, wxID_FIND);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    tabs_->SetSelection(0);
    refreshDesk();
    reception_->focusList();
  }, kReceptionMenuId);
  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent&) {
        if (!arrived_->openSelectedOrOldest()) SetStatusText(_("No arrived results"), 1);
      },
      kArrivedMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { registerNewPatient(); }, wxID_NEW);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { editSelected(); }, wxID_EDIT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { checkSelected(); }, wxID_EXECUTE);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { editSettings(); }, wxID_PREFERENCES);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    if (lockAction_) lockAction_();
    else wxMessageBox(_("This site has no user accounts yet: there is nobody to lock the screen for."), _("Rececon"));
  }, kLockMenuId);
  // The patient panel's buttons and the toolbar send the same ids.
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { checkSelected(); }, wxID_EXECUTE);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { editSelected(); }, wxID_EDIT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    DiagnosisDialog dialog(this, reg_, dataDir_);
    dialog.ShowModal();
  }, kDiagnosisMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { toggleFallback(); }, kFallbackMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { registerVisitForSelected(); }, kVisitMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { captureCardFace(); }, kCaptureMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { savePendingCaptures(); }, kCaptureListMenuId);
  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent&) {
        showFormPreview(
            this, [this] { return outageSheetDocument(reg_.database(), today()); },
            _("4_item_record_sheet_") + toWx(toIsoString(today())) + wxS(".pdf"));
      },
      kOutageSheetMenuId);
  // The menu item and the patient panel's button.
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { printKarteForSelected(); }, wxID_PRINT);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { printKarteForSelected(); }, wxID_PRINT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { startReverify(false); }, kReverifyMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    AppointmentBook book(reg_.database(), reg_.operatorId());
    AppointmentDialog dialog(this, book, selectedPatient_);
    if (dialog.ShowModal() == wxID_OK) {
      const auto& a = dialog.stored();
      SetStatusText(wxString::Format(_("Appointment added: patient number %lld "),
                                     static_cast<long long>(a.patientNumber)) +
                        toWx(formatWareki(*fromIsoString(a.date)) + " " + a.time),
                    1);
    }
  }, kAppointmentMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    WorklistDialog dialog(this, reg_, reg_.operatorId(), [this](std::int64_t patient) { showInSearch(patient); });
    dialog.ShowModal();
  }, kWorklistMenuId);
  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent&) {
        wxMessageBox(_("Rececon (online qualification check linkage)\nPatient register and insurance "
                       "data\n\nData folder: ") +
                         toWx(dataDir_),
                     _("About this program"), wxOK | wxICON_INFORMATION, this);
      },
      wxID_ABOUT);
}

void MainFrame::buildToolBar() {
  // Text under each icon names the key, so the keyboard is learnt from the mouse.
  auto* bar = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_FLAT);
  const auto tool = [bar](int id, const wxString& label, const char* art) {
    bar->AddTool(id, label, wxArtProvider::GetBitmap(artId(art), artId(wxART_TOOLBAR), wxSize(24, 24)));
  };
  tool(kReceptionMenuId, _("Reception list F2"), wxART_LIST_VIEW);
  tool(wxID_FIND, _("Search F3"), wxART_FIND);
  tool(wxID_EXECUTE, _("Check F5"), wxART_TICK_MARK);
  tool(kArrivedMenuId, _("Arrived results F11"), wxART_GO_DOWN);
  tool(wxID_NEW, _("New patient Ctrl+N"), wxART_NEW);
  tool(wxID_EDIT, _("Edit Ctrl+E"), wxART_EDIT);
  bar->AddSeparator();
  tool(kAppointmentMenuId, _("Appointment F4"), wxART_ADD_BOOKMARK);
  tool(kWorklistMenuId, _("Worklist F12"), wxART_REPORT_VIEW);
  tool(wxID_PRINT, _("Chart Ctrl+P"), wxART_PRINT);
  bar->AddSeparator();
  tool(kFallbackMenuId, _("Stand-alone mode F8"), wxART_WARNING);
  tool(kDiagnosisMenuId, _("Diagnosis F9"), wxART_HELP_SETTINGS);
  bar->Realize();
}

}  // namespace rececon::gui
