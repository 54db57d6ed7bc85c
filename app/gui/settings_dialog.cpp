#include "app/core/front_end_words.h"
#include "app/gui/settings_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dirdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "app/gui/outcome_style.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/environment_check.h"
#include "app/jobs/site_settings.h"

namespace rececon::gui {
namespace {

const char* const kFolderKeys[] = {"linkage.req_dir", "linkage.res_dir", "linkage.face_dir"};
const char* const kEncodings[] = {"utf-8", "shift_jis"};

}  // namespace

SettingsDialog::SettingsDialog(wxWindow* parent, PatientRegister& reg, std::string operatorId)
    : wxDialog(parent, wxID_ANY, _("Settings"), wxDefaultPosition, wxSize(860, 600),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      reg_(reg),
      operatorId_(std::move(operatorId)) {
  auto* grid = new wxFlexGridSizer(3, 6, 8);
  grid->AddGrowableCol(1);
  addText(this, grid, "institution_code");
  addText(this, grid, "institution_name");
  addText(this, grid, "operator");
  addText(this, grid, "terminal");
  for (const char* key : kFolderKeys) addText(this, grid, key, true);

  SiteSettings settings(reg_.database());
  grid->Add(new wxStaticText(this, wxID_ANY, toWx(settings.get("linkage.request_encoding").spec->label)), 0, wxALIGN_CENTER_VERTICAL);
  encoding_ = new wxChoice(this, wxID_ANY);
  encoding_->Append(wxS("UTF-8"));
  encoding_->Append(wxS("Shift_JIS（CP932）"));
  encoding_->SetSelection(settings.get("linkage.request_encoding").value == "shift_jis" ? 1 : 0);
  grid->Add(encoding_, 0);
  grid->AddSpacer(0);
  addText(this, grid, "linkage.single_timeout_seconds");
  addText(this, grid, "linkage.bulk_timeout_seconds");
  addText(this, grid, "linkage.settle_seconds");

  status_ = new wxStaticText(this, wxID_ANY, wxS(""));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  auto* test = new wxButton(this, wxID_ANY, _("&Test the folders"));
  buttons->Add(test, 0, wxRIGHT, 8);
  buttons->AddStretchSpacer();
  buttons->Add(new wxButton(this, wxID_OK, _("Save (&O)")), 0, wxRIGHT, 8);
  buttons->Add(new wxButton(this, wxID_CANCEL, _("Cancel")));

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(grid, 0, wxEXPAND | wxALL, 12);
  sizer->Add(status_, 1, wxEXPAND | wxLEFT | wxRIGHT, 12);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
  SetSizer(sizer);

  test->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { testFolders(); });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); }, wxID_OK);
  texts_["institution_code"]->SetFocus();
}

void SettingsDialog::addText(wxWindow* parent, wxSizer* grid, const std::string& key, bool folder) {
  const SettingValue setting = SiteSettings(reg_.database()).get(key);
  grid->Add(new wxStaticText(parent, wxID_ANY, toWx(setting.spec->label)), 0, wxALIGN_CENTER_VERTICAL);
  auto* field = new wxTextCtrl(parent, wxID_ANY, toWx(setting.value));
  field->SetHint(toWx(setting.spec->expected));
  grid->Add(field, 1, wxEXPAND);
  texts_[key] = field;
  if (!folder) {
    grid->AddSpacer(0);
    return;
  }
  auto* browse = new wxButton(parent, wxID_ANY, _("Browse..."));
  browse->Bind(wxEVT_BUTTON, [this, field, label = setting.spec->label](wxCommandEvent&) {
    wxDirDialog pick(this, toWx(label), field->GetValue());
    if (pick.ShowModal() == wxID_OK) field->SetValue(pick.GetPath());
  });
  grid->Add(browse, 0);
}

void SettingsDialog::testFolders() {
  wxString text;
  bool allOk = true;
  for (const char* key : kFolderKeys) {
    const std::string label = SiteSettings(reg_.database()).get(key).spec->label;
    const std::string typedPath = fromWx(texts_[key]->GetValue());
    if (typedPath.empty()) {
      text += toWx(label) + _(": not set\n");
      allOk = false;
      continue;
    }
    const EnvironmentItem found = checkFolder(key, label, typedPath);
    allOk = allOk && found.level == CheckLevel::Ok;
    text += toWx(label + ": " + checkLevelLabel(found.level) + "　" + found.detail) +
            (found.nextStep.empty() ? wxString() : wxS("　→ ") + toWx(inFrontEndWords(found.nextStep, FrontEnd::Window))) + wxS("\n");
  }
  status_->SetForegroundColour(allOk ? kFineColour : kActionColour);
  status_->SetLabel(text);
  Layout();
}

void SettingsDialog::save() {
  SiteSettings settings(reg_.database());
  wxString problems;
  const auto store = [&](const std::string& key, const std::string& value) {
    try {
      if (settings.get(key).value != value) settings.set(key, value, operatorId_);
    } catch (const Error& e) {
      problems += toWx(std::string(settings.get(key).spec->label) + ": " + e.what()) + wxS("\n");
    }
  };
  for (const auto& [key, field] : texts_) store(key, fromWx(field->GetValue()));
  store("linkage.request_encoding", kEncodings[encoding_->GetSelection() == 1 ? 1 : 0]);
  if (problems.empty()) {
    EndModal(wxID_OK);
    return;
  }
  status_->SetForegroundColour(kActionColour);
  status_->SetLabel(_("These items were not saved (the others were):\n") + problems);
  Layout();
}

}  // namespace rececon::gui
