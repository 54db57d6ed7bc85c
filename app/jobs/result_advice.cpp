#include "app/jobs/result_advice.h"

namespace rececon {

ResultAdvice adviseOnResult(const CheckReport& report, const ErrorHandbook& handbook) {
  ResultAdvice a;
  for (const auto& f : report.comparison) a.differing += f.differs() ? 1 : 0;
  const bool compared = !report.comparison.empty();
  if (compared && report.outcome == CheckOutcome::Valid) {
    a.unchanged = a.differing == 0;
    a.summary = a.unchanged ? "登録内容と一致（変更なし）"
                            : "登録内容と違う項目が " + std::to_string(a.differing) + " 件あります（色の付いた行）";
  }
  a.applicable = report.resultId && report.findings.empty() &&
                 (report.outcome == CheckOutcome::Valid || report.outcome == CheckOutcome::Invalid ||
                  report.outcome == CheckOutcome::InvalidNewerExists);
  a.nextText = outcomeAdvice(report.outcome);
  switch (report.outcome) {
    case CheckOutcome::Valid:
      if (a.unchanged) a.nextText = "登録内容はそのままで構いません。「反映する」で確認済みとして記録します。";
      break;
    case CheckOutcome::Invalid:
    case CheckOutcome::InvalidNewerExists:
    case CheckOutcome::NotFound:
    case CheckOutcome::Several:
      a.nextSteps = {ResultNextStep::EditInsurance, ResultNextStep::ReceiveUnverified};
      break;
    case CheckOutcome::Error: {
      const std::string code = !report.errorCode.empty() ? report.errorCode : report.processingCode;
      a.nextText = "確認できませんでした。";
      if (!code.empty()) {
        const ErrorExplanation x = handbook.explain(code);
        a.nextText += x.known ? "（" + code + " " + x.entry.title + "）" + x.entry.nextStep
                              : "コード「" + code + "」を控えてください。";
      }
      a.nextText += " 受付は保険証・資格確認書で続けられます（後で再確認）。";
      // A file-level error (the national system or the app) is the linkage failing; a person-level one
      // is about this person's data.
      a.nextSteps = report.errorCode.empty()
                        ? std::vector{ResultNextStep::EditInsurance, ResultNextStep::ReceiveUnverified}
                        : std::vector{ResultNextStep::ReceiveUnverified, ResultNextStep::StandAlone};
      break;
    }
  }
  if (!report.findings.empty()) a.nextText = "この結果には確認が必要な点があり、反映できません。" + report.findings.front().message;
  return a;
}

}  // namespace rececon
