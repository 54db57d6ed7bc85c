#pragma once
// --approved-by ID: a supervisor approves a clerk's change of a patient's identity at the clerk's
// terminal, typing their own password (and code) on standard input, never on the command line.

#include <optional>

#include <Poco/Util/OptionSet.h>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/jobs/rights.h"

namespace rececon::cli {

void addApprovalOption(Poco::Util::OptionSet& set);
// nullopt without --approved-by. Throws InvalidInput (wrong password or code, not a supervisor).
std::optional<SupervisorApproval> approvalFrom(CliContext& c, const CommandOptions& options);

}  // namespace rececon::cli
