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

}  // namespace

void MainFrame::buildMenu() {
  auto* file = new wxMenu;
  file->Append(wxID_FIND, wxS("患者検索(&F)\tF3"));
  file->Append(wxID_NEW, wxS("新しい患者の登録(&N)...\tCtrl+N"));
  file->Append(wxID_EDIT, wxS("患者情報の編集・保険証の登録(&E)...\tCtrl+E"));
  file->Append(wxID_PRINT, wxS("カルテ1号用紙の印刷・PDF(&K)...\tCtrl+P"));
  file->AppendSeparator();
  file->Append(wxID_PREFERENCES, wxS("設定(&O)..."));
  file->AppendSeparator();
  file->Append(wxID_EXIT, wxS("終了(&X)\tCtrl+Q"));
  auto* desk = new wxMenu;
  desk->Append(kReceptionMenuId, wxS("受付一覧(&L)\tF2"));
  desk->Append(wxID_EXECUTE, wxS("選んだ患者の資格確認・受付(&C)\tF5"));
  desk->Append(kArrivedMenuId, wxS("届いた結果を開く(&R)\tF11"));
  auto* linkageMenu = new wxMenu;
  linkageMenu->Append(kDiagnosisMenuId, wxS("連携の点検(&D)\tF9"));
  linkageMenu->AppendSeparator();
  linkageMenu->Append(kFallbackMenuId, wxS("単独モードの開始・終了(&S)\tF8"));
  linkageMenu->Append(kVisitMenuId, wxS("選んだ患者を受付（資格確認なし）(&V)\tF6"));
  linkageMenu->Append(kCaptureMenuId, wxS("4項目の記録（マイナンバーカード）(&C)\tF7"));
  linkageMenu->Append(kOutageSheetMenuId, wxS("4情報 記録票の印刷・PDF(&P)..."));
  linkageMenu->Append(kCaptureListMenuId, wxS("4項目の確認待ち一覧をテキストで保存(&T)..."));
  linkageMenu->Append(kReverifyMenuId, wxS("未確認の受付を再確認(&R)\tCtrl+R"));
  auto* bookingMenu = new wxMenu;
  bookingMenu->Append(kAppointmentMenuId, wxS("予約の登録(&A)...\tF4"));
  bookingMenu->Append(kWorklistMenuId, wxS("一括照会の作業リスト(&W)...\tF12"));
  auto* help = new wxMenu;
  help->Append(wxID_ABOUT, wxS("このプログラムについて(&A)"));
  auto* bar = new wxMenuBar;
  bar->Append(file, wxS("ファイル(&F)"));
  bar->Append(desk, wxS("受付(&U)"));
  bar->Append(linkageMenu, wxS("連携(&L)"));
  bar->Append(bookingMenu, wxS("予約・一括照会(&B)"));
  bar->Append(help, wxS("ヘルプ(&H)"));
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
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    if (!arrived_->openSelectedOrOldest()) SetStatusText(wxS("届いた結果はありません"), 1);
  }, kArrivedMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { registerNewPatient(); }, wxID_NEW);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { editSelected(); }, wxID_EDIT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { checkSelected(); }, wxID_EXECUTE);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { editSettings(); }, wxID_PREFERENCES);
  // The patient panel's buttons and the toolbar send the same ids.
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { checkSelected(); }, wxID_EXECUTE);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { editSelected(); }, wxID_EDIT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    DiagnosisDialog dialog(this, reg_.database(), dataDir_);
    dialog.ShowModal();
  }, kDiagnosisMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { toggleFallback(); }, kFallbackMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { registerVisitForSelected(); }, kVisitMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { captureCardFace(); }, kCaptureMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { savePendingCaptures(); }, kCaptureListMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    showFormPreview(this, [this] { return outageSheetDocument(reg_.database(), today()); },
                    wxS("4情報記録票_") + toWx(toIsoString(today())) + wxS(".pdf"));
  }, kOutageSheetMenuId);
  // The menu item and the patient panel's button.
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { printKarteForSelected(); }, wxID_PRINT);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { printKarteForSelected(); }, wxID_PRINT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { startReverify(false); }, kReverifyMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    AppointmentBook book(reg_.database(), reg_.operatorId());
    AppointmentDialog dialog(this, book, selectedPatient_);
    if (dialog.ShowModal() == wxID_OK) {
      const auto& a = dialog.stored();
      SetStatusText(wxString::Format(wxS("予約を登録しました: 患者番号 %lld "), static_cast<long long>(a.patientNumber)) +
                    toWx(formatWareki(*fromIsoString(a.date)) + " " + a.time), 1);
    }
  }, kAppointmentMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    WorklistDialog dialog(this, reg_.database(), reg_.operatorId(), [this](std::int64_t patient) {
      tabs_->SetSelection(1);
      search_->ChangeValue(wxString::Format(wxS("%lld"), static_cast<long long>(patient)));
      runSearch();
      list_->SetFocus();
    });
    dialog.ShowModal();
  }, kWorklistMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    wxMessageBox(wxS("レセコン（オンライン資格確認連携）\n患者台帳・保険情報の管理\n\nデータフォルダ: ") + toWx(dataDir_),
                 wxS("このプログラムについて"),
                 wxOK | wxICON_INFORMATION, this);
  }, wxID_ABOUT);
}

void MainFrame::buildToolBar() {
  // Text under each icon names the key, so the keyboard is learnt from the mouse.
  auto* bar = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_FLAT);
  const auto tool = [bar](int id, const wxString& label, const char* art) {
    bar->AddTool(id, label, wxArtProvider::GetBitmap(artId(art), artId(wxART_TOOLBAR), wxSize(24, 24)));
  };
  tool(kReceptionMenuId, wxS("受付一覧 F2"), wxART_LIST_VIEW);
  tool(wxID_FIND, wxS("検索 F3"), wxART_FIND);
  tool(wxID_EXECUTE, wxS("資格確認 F5"), wxART_TICK_MARK);
  tool(kArrivedMenuId, wxS("届いた結果 F11"), wxART_GO_DOWN);
  tool(wxID_NEW, wxS("新規患者 Ctrl+N"), wxART_NEW);
  tool(wxID_EDIT, wxS("編集 Ctrl+E"), wxART_EDIT);
  bar->AddSeparator();
  tool(kAppointmentMenuId, wxS("予約 F4"), wxART_ADD_BOOKMARK);
  tool(kWorklistMenuId, wxS("作業リスト F12"), wxART_REPORT_VIEW);
  tool(wxID_PRINT, wxS("カルテ Ctrl+P"), wxART_PRINT);
  bar->AddSeparator();
  tool(kFallbackMenuId, wxS("単独モード F8"), wxART_WARNING);
  tool(kDiagnosisMenuId, wxS("連携の点検 F9"), wxART_HELP_SETTINGS);
  bar->Realize();
}

}  // namespace rececon::gui
