#include "app/gui/result_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

#include "app/core/error.h"
#include "app/gui/approval_dialog.h"
#include "app/gui/error_text.h"
#include "app/gui/form_preview_dialog.h"
#include "app/gui/outcome_style.h"
#include "app/gui/wrapped_label.h"
#include "app/gui/wx_convert.h"
#include "app/jobs/desk_check.h"
#include "app/jobs/diagnosis_files.h"
#include "app/jobs/access_record.h"
#include "app/jobs/form_documents.h"

namespace rececon::gui {
namespace {

constexpr std::int64_t kNewPatient = -1;
constexpr std::int64_t kNobody = 0;

wxStaticText* heading(wxWindow* parent, const wxString& text) {
  auto* label = new wxStaticText(parent, wxID_ANY, text);
  label->SetForegroundColour(wxColour(90, 90, 90));
  return label;
}

// Rows that differ stand out from the rows that agree, whatever the text colour.
const wxColour kDiffersBackground(255, 243, 205);
const wxColour kUnchangedColour(0, 110, 50);

wxString nextStepLabel(ResultNextStep step) {
  switch (step) {
    case ResultNextStep::EditInsurance: return _("Correct the insurance (&E)");
    case ResultNextStep::ReceiveUnverified: return _("Receive on the insurance card (&U)");
    case ResultNextStep::StandAlone: return _("Stand-alone mode (&S)");
    case ResultNextStep::None: break;
  }
  return wxS("");
}

wxString verbatim(const std::string& code, const std::string& message) {
  if (code.empty() && message.empty()) return wxS("—");
  return toWx(code) + wxS("　") + toWx(message);
}

}  // namespace

ResultDialog::ResultDialog(wxWindow* parent, QualificationService& service, PatientRegister& reg,
                           CheckReport report)
    : wxDialog(parent, wxID_ANY, _("Qualification check result"), wxDefaultPosition, wxSize(820, 640),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      service_(service),
      reg_(reg),
      report_(std::move(report)),
      handbook_(loadErrorHandbook()) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);

  auto* outcome = new wxStaticText(this, wxID_ANY, toWx(outcomeWords(report_.outcome)));
  outcome->SetFont(outcome->GetFont().Scaled(2.0f).Bold());
  outcome->SetForegroundColour(outcomeColour(report_.outcome));
  auto* head = new wxBoxSizer(wxHORIZONTAL);
  head->Add(outcome, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 16);
  const wxString source = report_.checkId ? wxString(_("Answer to the check sent from the desk"))
                                          : wxString(_("Result from a My Number card (face-recognition card reader)"));
  head->Add(new wxStaticText(this, wxID_ANY, source), 0, wxALIGN_CENTER_VERTICAL);
  sizer->Add(head, 0, wxLEFT | wxRIGHT | wxTOP, 12);

  summary_ = new wxStaticText(this, wxID_ANY, wxS(""));
  summary_->SetFont(summary_->GetFont().Scaled(1.3f).Bold());
  sizer->Add(summary_, 0, wxLEFT | wxRIGHT | wxTOP, 12);
  advice_ = new wxStaticText(this, wxID_ANY, wxS(""));
  sizer->Add(advice_, 0, wxALL, 12);
  if (!report_.findings.empty()) {  // what disagrees with the question or the contract: a person looks first
    wxString lines = _("Needs checking - this result cannot be applied:");
    for (const auto& f : report_.findings) lines += wxS("\n  ") + toWx(f.message);
    auto* findings = new wxStaticText(this, wxID_ANY, lines);
    findings->SetForegroundColour(kActionColour);
    wrapLabel(findings, 780);
    sizer->Add(findings, 0, wxLEFT | wxRIGHT | wxBOTTOM, 12);
  }

  auto* facts = new wxFlexGridSizer(2, wxSize(12, 4));
  facts->Add(heading(this, _("Processing result (verbatim)")));
  facts->Add(new wxStaticText(this, wxID_ANY, verbatim(report_.processingCode, report_.processingMessage)));
  if (!report_.errorCode.empty() || !report_.errorMessage.empty()) {
    facts->Add(heading(this, _("Error (verbatim)")));
    auto* error = new wxStaticText(this, wxID_ANY, verbatim(report_.errorCode, report_.errorMessage));
    error->SetForegroundColour(kActionColour);
    facts->Add(error);
  }
  if (report_.limitCertificate) {
    const auto& c = *report_.limitCertificate;
    facts->Add(heading(this, _("Limit certificate")));
    facts->Add(
        new wxStaticText(this, wxID_ANY,
                         wxString::Format(_("Class %s %s  applied class %s %s  valid %s to %s"),
                                          toWx(c.classification), toWx(c.classificationLabel), toWx(c.flag),
                                          toWx(c.flagLabel), toWx(c.validStart), toWx(c.validEnd))));
  }
  if (report_.returned && report_.returned->publicAssistance) {
    const auto& a = *report_.returned->publicAssistance;
    facts->Add(heading(this, _("Public assistance")));
    facts->Add(new wxStaticText(this, wxID_ANY,
                                wxString::Format(_("payer %s  beneficiary %s  welfare office %s"), toWx(a.payerNumber),
                                                 toWx(a.beneficiaryNumber), toWx(a.welfareOfficeName))));
  }
  facts->Add(heading(this, _("Patient")));
  facts->Add(buildPatientChoice(), 1, wxEXPAND);
  facts->AddGrowableCol(1);
  sizer->Add(facts, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);

  sizer->Add(heading(this, _("Held and returned values - ticked items are applied (check name, date of birth "
                             "and insured number first)")),
             0, wxLEFT | wxRIGHT | wxTOP, 12);
  comparison_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);
  comparison_->EnableCheckBoxes();
  comparison_->AppendColumn(_("Item"), wxLIST_FORMAT_LEFT, 190);
  comparison_->AppendColumn(_("Held"), wxLIST_FORMAT_LEFT, 230);
  comparison_->AppendColumn(_("Returned"), wxLIST_FORMAT_LEFT, 230);
  comparison_->AppendColumn(_("Note"), wxLIST_FORMAT_LEFT, 130);
  sizer->Add(comparison_, 1, wxEXPAND | wxALL, 12);

  status_ = new wxStaticText(this, wxID_ANY, wxS(""));
  status_->SetForegroundColour(kActionColour);
  sizer->Add(status_, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  accept_ = new wxButton(this, wxID_OK, _("Apply (&A)"));
  auto* reject = new wxButton(this, wxID_NO, _("Do not apply (&R)"));
  buttons->Add(accept_, 0, wxRIGHT, 8);
  buttons->Add(reject, 0, wxRIGHT, 8);
  // What else the desk can do with this answer (correct the numbers, receive on the card, stand-alone).
  std::vector<wxButton*> nextButtons;
  for (const ResultNextStep step : adviseOnResult(report_, handbook_).nextSteps) {
    auto* next = new wxButton(this, wxID_ANY, nextStepLabel(step));
    next->Bind(wxEVT_BUTTON, [this, step](wxCommandEvent&) { takeNextStep(step); });
    buttons->Add(next, 0, wxRIGHT, 8);
    nextButtons.push_back(next);
  }
  auto* slip = new wxButton(this, wxID_PRINT, _("Result slip (&P)..."));
  auto* later = new wxButton(this, wxID_CANCEL, _("Decide later (Esc)"));
  buttons->Add(slip, 0, wxRIGHT, 8);
  buttons->AddStretchSpacer();
  buttons->Add(later);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
  SetSizer(sizer);

  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide(false); }, wxID_OK);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide(true); }, wxID_NO);
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { printSlip(); }, wxID_PRINT);
  if (!report_.resultId) {  // nothing to decide: the request ended without an answer
    accept_->Disable();
    reject->Disable();
    slip->Disable();
  }
  showComparison();
  // Enter does what this outcome calls for: apply a valid answer; otherwise the suggested next step (never
  // 反映する over an empty table); a result that needs checking is only ever not applied.
  wxButton* byDefault = accept_;
  if (!report_.findings.empty()) byDefault = reject;
  else if (report_.outcome != CheckOutcome::Valid && !nextButtons.empty()) byDefault = nextButtons.front();
  byDefault->SetDefault();
  (patientChoice_ && !chosenPatient() && !newPatientChosen() ? static_cast<wxWindow*>(patientChoice_) : byDefault)->SetFocus();
}

void ResultDialog::takeNextStep(ResultNextStep step) {
  nextStep_ = step;
  // The answer has been seen and the register stays as it is: recorded, so it leaves the arrived results.
  if (report_.resultId && chosenPatient()) {
    decide(true);
    if (IsModal()) EndModal(wxID_OK);  // recording failed (said in the status line): the step is taken anyway
    return;
  }
  EndModal(wxID_CANCEL);
}

wxWindow* ResultDialog::buildPatientChoice() {
  const auto describe = [this](std::int64_t number) {
    const Patient p = reg_.patient(number);
    return wxString::Format(_("Patient number %lld "), static_cast<long long>(number)) + toWx(p.name) +
           wxS("（") + toWx(p.nameKana) + wxS("）") + toWx(formatWareki(p.birthDate)) + _(" born");
  };
  if (!report_.match) {  // a check of a registered patient: the patient is known
    const wxString who = report_.patientNumber ? describe(*report_.patientNumber) : wxString(wxS("—"));
    return new wxStaticText(this, wxID_ANY, who);
  }
  auto* panel = new wxPanel(this);
  auto* column = new wxBoxSizer(wxVERTICAL);
  auto* why = new wxStaticText(panel, wxID_ANY,
                               wxString::Format(_("Match: %s. %s"), toWx(matchKindWords(report_.match->kind)),
                                                toWx(report_.match->explanation)));
  wrapLabel(why, 620);
  if (report_.match->kind != MatchKind::Unique) why->SetForegroundColour(kLookColour);
  patientChoice_ = new wxChoice(panel, wxID_ANY);
  if (report_.match->kind != MatchKind::Unique) {
    patientChoice_->Append(_("(choose the patient to apply it to)"));
    choices_.push_back(kNobody);
  }
  for (const auto number : report_.match->candidates) {
    patientChoice_->Append(describe(number));
    choices_.push_back(number);
  }
  if (report_.match->kind == MatchKind::None) {
    patientChoice_->Append(
        _("Register as a new patient (with the returned name, date of birth and insurance)"));
    choices_.push_back(kNewPatient);
  }
  patientChoice_->SetSelection(0);
  patientChoice_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { onPatientChosen(); });
  column->Add(why, 0, wxBOTTOM, 4);
  column->Add(patientChoice_, 0, wxEXPAND);
  panel->SetSizer(column);
  return panel;
}

std::optional<std::int64_t> ResultDialog::chosenPatient() const {
  if (!patientChoice_) return report_.patientNumber;
  const int index = patientChoice_->GetSelection();
  if (index < 0) return std::nullopt;
  const std::int64_t chosen = choices_[static_cast<std::size_t>(index)];
  if (chosen <= 0) return std::nullopt;
  return chosen;
}

bool ResultDialog::newPatientChosen() const {
  if (!patientChoice_) return false;
  const int index = patientChoice_->GetSelection();
  return index >= 0 && choices_[static_cast<std::size_t>(index)] == kNewPatient;
}

void ResultDialog::onPatientChosen() {
  // The comparison is against the chosen patient's register, so it is read again for them.
  if (report_.resultId) {
    try {
      const auto chosen = chosenPatient();
      const auto match = report_.match;
      report_ = service_.reportForResult(*report_.resultId, chosen);
      if (!chosen) report_.patientNumber.reset();
      report_.match = match;
    } catch (const Error& e) {
      status_->SetLabel(toWx(e.what()));
    }
  }
  showComparison();
}

void ResultDialog::showComparison() {
  comparison_->Freeze();
  comparison_->DeleteAllItems();
  const bool patientKnown = chosenPatient().has_value();
  long row = 0;
  if (patientKnown) {
    for (const FieldComparison& f : report_.comparison) {
      comparison_->InsertItem(row, toWx(f.label));
      comparison_->SetItem(row, 1, toWx(f.heldShown));
      comparison_->SetItem(row, 2, toWx(f.returnedShown));
      if (f.differs()) {
        comparison_->SetItem(row, 3, (f.identity || f.insuredNumber) ? _("Check and approve") : _("Changed"));
        comparison_->SetItemTextColour(row, (f.identity || f.insuredNumber) ? kActionColour : kLookColour);
        comparison_->SetItemBackgroundColour(row, kDiffersBackground);
        comparison_->CheckItem(row, tickedByDefault(f));
      } else {
        comparison_->SetItemTextColour(row, wxColour(110, 110, 110));
      }
      ++row;
    }
  }
  comparison_->Thaw();
  const ResultAdvice advice = adviseOnResult(report_, handbook_);
  summary_->SetLabel(patientKnown ? toWx(advice.summary) : wxString());
  summary_->SetForegroundColour(advice.unchanged ? kUnchangedColour : kLookColour);
  summary_->Show(patientKnown && !advice.summary.empty());
  advice_->SetLabel(toWx(advice.nextText));
  wrapLabel(advice_, FromDIP(780));
  const bool decidable = advice.applicable && (patientKnown || newPatientChosen());
  accept_->Enable(decidable);
  if (newPatientChosen()) {
    status_->SetLabel(_("Registers a new patient from the returned data and applies the insurance."));
  } else if (!patientKnown && report_.resultId) {
    status_->SetLabel(_("Choose the patient to apply it to, and the comparison with the held data appears."));
  } else {
    status_->SetLabel(wxS(""));
  }
  Layout();
}

void ResultDialog::decide(bool reject) {
  if (!report_.resultId) return;
  ApplyDecision decision;
  decision.reject = reject;
  decision.patientNumber = chosenPatient();
  decision.newPatient = !reject && newPatientChosen();
  decision.all = decision.newPatient;
  for (long row = 0; row < comparison_->GetItemCount(); ++row) {
    const auto& f = report_.comparison[static_cast<std::size_t>(row)];
    if (comparison_->IsItemChecked(row) && f.differs()) decision.accept.push_back(f.field);
  }
  decision.reason = reject ? "受付で確認し、反映しない" : "受付で確認し、反映";
  // The check's own answer or an arrived one: the use case takes the reception along with the decision.
  const auto apply = [&] {
    outcome_ = decideResult(service_, reg_.database(), reg_.operatorId(), *report_.resultId,
                            report_.checkId ? ResultSource::Check : ResultSource::Face, decision);
    EndModal(wxID_OK);
  };
  try {
    try {
      apply();
    } catch (const InvalidInput& e) {
      // A changed name or birth date taken by a clerk: a supervisor may approve it here and now.
      if (!needsSupervisor(e)) throw;
      decision.approval = askSupervisorApproval(this, reg_);
      if (!decision.approval) throw;
      apply();
    }
  } catch (const Error& e) {
    status_->SetLabel(_("Not applied: ") + errorForPerson(e));
    Layout();
  }
}

void ResultDialog::printSlip() {
  const CheckReport report = report_;
  showFormPreview(
      this, [this, report] {
        recordAccess(reg_.database(), reg_.operatorId(), AccessAction::Print, report.patientNumber, "資格確認結果票（印刷・PDFの画面）");
        return resultSlipDocument(reg_.database(), report, today());
      },
      wxString::Format(_("qualification_result_%lld.pdf"),
                       static_cast<long long>(report.resultId.value_or(0))));
}

}  // namespace rececon::gui
