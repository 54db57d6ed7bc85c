#include "app/gui/main_frame.h"

#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>

#include "app/core/error.h"
#include "app/gui/diagnosis_dialog.h"
#include "app/gui/patient_detail_panel.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/linkage_result_store.h"
#include "app/jobs/linkage_settings.h"
#include "linkage/exchange_watcher.h"

namespace rececon::gui {
namespace {

// Long enough to skip the intermediate states of a word being typed, short enough to feel immediate.
constexpr int kSearchDelayMs = 150;
constexpr int kSearchLimit = 200;
constexpr int kBrowseLimit = 500;

enum Column { kNumber, kName, kKana, kSex, kBirth, kAge };

const int kDiagnosisMenuId = wxWindow::NewControlId();

}  // namespace

MainFrame::MainFrame(PatientRegister& reg, const std::string& dataDir)
    : wxFrame(nullptr, wxID_ANY, wxS("レセコン — 受付"), wxDefaultPosition, wxSize(1200, 760)), reg_(reg),
      dataDir_(dataDir), searchDelay_(this) {
  buildMenu();
  auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
  auto* left = new wxPanel(splitter);
  auto* searchRow = new wxBoxSizer(wxHORIZONTAL);
  searchRow->Add(new wxStaticText(left, wxID_ANY, wxS("患者検索(&F)")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  search_ = new wxTextCtrl(left, wxID_ANY, wxS(""), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
  search_->SetHint(wxS("カナ・患者番号・生年月日（例: ﾐﾎﾝ / 123 / S22.3.10）"));
  searchRow->Add(search_, 1, wxEXPAND);

  resultSummary_ = new wxStaticText(left, wxID_ANY, wxS(""));
  list_ = new wxListCtrl(left, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
  list_->AppendColumn(wxS("患者番号"), wxLIST_FORMAT_RIGHT, 80);
  list_->AppendColumn(wxS("氏名"), wxLIST_FORMAT_LEFT, 120);
  list_->AppendColumn(wxS("カナ"), wxLIST_FORMAT_LEFT, 140);
  list_->AppendColumn(wxS("性別"), wxLIST_FORMAT_CENTER, 44);
  list_->AppendColumn(wxS("生年月日"), wxLIST_FORMAT_LEFT, 130);
  list_->AppendColumn(wxS("年齢"), wxLIST_FORMAT_RIGHT, 44);

  auto* leftSizer = new wxBoxSizer(wxVERTICAL);
  leftSizer->Add(searchRow, 0, wxEXPAND | wxALL, 8);
  leftSizer->Add(resultSummary_, 0, wxLEFT | wxRIGHT | wxBOTTOM, 8);
  leftSizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
  left->SetSizer(leftSizer);

  detail_ = new PatientDetailPanel(splitter, reg_);
  splitter->SplitVertically(left, detail_, 590);
  splitter->SetMinimumPaneSize(300);

  CreateStatusBar(3);
  SetStatusText(wxS("データフォルダ: ") + toWx(dataDir), 0);
  SetStatusText(wxS("操作者: ") + toWx(reg_.operatorId()), 1);
  startLinkageWatcher(dataDir);

  search_->Bind(wxEVT_TEXT, &MainFrame::onSearchText, this);
  search_->Bind(wxEVT_TEXT_ENTER, &MainFrame::onSearchEnter, this);
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, &MainFrame::onSelected, this);
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) { runSearch(); }, searchDelay_.GetId());
  Bind(wxEVT_CHAR_HOOK, &MainFrame::onCharHook, this);

  runSearch();
  search_->SetFocus();
}

MainFrame::~MainFrame() {
  if (watcher_) watcher_->stop();  // joins: no poll can call back into a destroyed window
}

void MainFrame::startLinkageWatcher(const std::string& dataDir) {
  linkage::ExchangeConfig config;
  try {
    config = exchangeConfigFromSettings(reg_.database(), dataDir);
  } catch (const Error&) {
    showLinkageStatus(wxS("連携: 未設定"));
    return;
  }
  const std::filesystem::path databaseFile = reg_.database().file();
  // The watcher thread polls with its own connection and one poller kept for the window's life; it
  // reaches the window only through CallAfter. Both are made on the watcher thread at its first pass.
  struct WatcherState {
    std::unique_ptr<db::Database> connection;
    std::unique_ptr<LinkagePoller> poller;
  };
  auto state = std::make_shared<WatcherState>();
  watcher_ = std::make_unique<linkage::ExchangeWatcher>(
      std::vector<std::filesystem::path>{config.resDir, config.faceDir}, std::chrono::seconds(1),
      [this, config, databaseFile, state] {
        if (!state->poller) {
          state->connection = std::make_unique<db::Database>(databaseFile);
          state->poller = std::make_unique<LinkagePoller>(*state->connection, config);
        }
        const std::int64_t waiting = state->poller->poll();
        CallAfter([this, waiting] {
          showLinkageStatus(wxString::Format(wxS("未処理の結果 %lld 件"), static_cast<long long>(waiting)));
        });
      },
      [this](const std::string& error) {
        const wxString text = toWx(error);
        CallAfter([this, text] { showLinkageStatus(wxS("連携: ") + text); });
      });
  watcher_->start();
}

void MainFrame::showLinkageStatus(const wxString& text) { SetStatusText(text, 2); }

void MainFrame::buildMenu() {
  auto* file = new wxMenu;
  file->Append(wxID_FIND, wxS("患者検索(&F)\tF3"));
  file->AppendSeparator();
  file->Append(wxID_EXIT, wxS("終了(&X)\tCtrl+Q"));
  auto* linkageMenu = new wxMenu;
  linkageMenu->Append(kDiagnosisMenuId, wxS("連携の点検(&D)\tF9"));
  auto* help = new wxMenu;
  help->Append(wxID_ABOUT, wxS("このプログラムについて(&A)"));
  auto* bar = new wxMenuBar;
  bar->Append(file, wxS("ファイル(&F)"));
  bar->Append(linkageMenu, wxS("連携(&L)"));
  bar->Append(help, wxS("ヘルプ(&H)"));
  SetMenuBar(bar);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { search_->SetFocus(); search_->SelectAll(); }, wxID_FIND);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    DiagnosisDialog dialog(this, reg_.database(), dataDir_);
    dialog.ShowModal();
  }, kDiagnosisMenuId);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    wxMessageBox(wxS("レセコン（オンライン資格確認連携）\n患者台帳・保険情報の管理"), wxS("このプログラムについて"),
                 wxOK | wxICON_INFORMATION, this);
  }, wxID_ABOUT);
}

void MainFrame::runSearch() {
  const std::string text = fromWx(search_->GetValue());
  const PatientSearch query = interpretSearchText(text, kSearchLimit);
  const bool browsing = query.kana.empty() && query.number.empty() && query.birth.empty();
  try {
    if (browsing) {
      const auto total = reg_.count();
      const auto patients = reg_.list(0, kBrowseLimit);
      wxString summary = wxString::Format(wxS("登録患者 %lld 人"), static_cast<long long>(total));
      if (total > kBrowseLimit) summary += wxString::Format(wxS("（患者番号順に先頭 %d 人を表示）"), kBrowseLimit);
      showPatients(patients, summary);
    } else {
      const auto patients = reg_.search(query);
      wxString summary = patients.empty() ? wxString(wxS("該当する患者はいません"))
                                          : wxString::Format(wxS("%zu 人が該当"), patients.size());
      if (static_cast<int>(patients.size()) == kSearchLimit) summary += wxS("（先頭のみ表示。条件を増やしてください）");
      showPatients(patients, summary);
    }
  } catch (const InvalidInput& e) {
    showPatients({}, toWx(e.what()));
  }
}

void MainFrame::showPatients(const std::vector<Patient>& patients, const wxString& summary) {
  shown_ = patients;
  resultSummary_->SetLabel(summary);
  list_->Freeze();
  list_->DeleteAllItems();
  const Date now = today();
  for (std::size_t i = 0; i < patients.size(); ++i) {
    const Patient& p = patients[i];
    const long row = list_->InsertItem(static_cast<long>(i), wxString::Format(wxS("%lld"), static_cast<long long>(p.number)));
    list_->SetItem(row, kName, toWx(p.name));
    list_->SetItem(row, kKana, toWx(p.nameKana));
    list_->SetItem(row, kSex, toWx(sexLabel(p.sex)));
    list_->SetItem(row, kBirth, toWx(formatWareki(p.birthDate)));
    list_->SetItem(row, kAge, wxString::Format(wxS("%d"), ageOn(p.birthDate, now)));
  }
  list_->Thaw();
  if (!patients.empty()) {
    list_->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  } else {
    detail_->showNothing();
  }
}

void MainFrame::onSearchText(wxCommandEvent&) { searchDelay_.StartOnce(kSearchDelayMs); }

void MainFrame::onSearchEnter(wxCommandEvent&) {
  searchDelay_.Stop();
  runSearch();
  if (list_->GetItemCount() > 0) list_->SetFocus();
}

void MainFrame::onSelected(wxListEvent& event) {
  const long row = event.GetIndex();
  if (row >= 0 && static_cast<std::size_t>(row) < shown_.size()) detail_->showPatient(shown_[static_cast<std::size_t>(row)].number);
}

void MainFrame::onCharHook(wxKeyEvent& event) {
  if (event.GetKeyCode() == WXK_ESCAPE && !search_->GetValue().empty()) {
    search_->Clear();
    search_->SetFocus();
    return;
  }
  event.Skip();
}

}  // namespace rececon::gui
