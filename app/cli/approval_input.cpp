#include "app/cli/approval_input.h"

#include "app/cli/secret_input.h"
#include "app/jobs/accounts.h"

namespace rececon::cli {

void addApprovalOption(Poco::Util::OptionSet& set) {
  set.addOption(valueOption("approved-by", "承認する責任者のユーザーID（氏名・生年月日・被保険者番号の変更。パスワードは標準入力から）", "ID"));
}

std::optional<SupervisorApproval> approvalFrom(CliContext& c, const CommandOptions& options) {
  const auto supervisor = options.get("approved-by");
  if (!supervisor) return std::nullopt;
  Accounts accounts = Accounts::onThisTerminal(c.folder().database());
  const std::string password = readSecret("承認する責任者のパスワード: ");
  std::optional<std::string> code;
  if (accounts.asksForCode(*supervisor)) code = readSecret("責任者の確認コード: ");
  return accounts.approve(*supervisor, password, code);
}

}  // namespace rececon::cli
