// rececon-cli audit verify: walks the tamper-evident trail over the change history, the audit log and
// the account events; exit 0 when intact, 65 with the first break otherwise.

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/trail_check.h"

namespace rececon::cli {

int runAuditCommand(CliContext& c, const std::vector<std::string>& args) {
  return runVerb("audit", args, {{"verify", [&](const std::vector<std::string>&) {
                                    const TrailVerdict v = verifyTrail(c.folder());
                                    if (c.json) {
                                      auto j = newJsonObject();
                                      j->set("intact", v.intact);
                                      j->set("links", v.links);
                                      j->set("finding", v.finding);
                                      j->set("head_seq", v.head.seq);
                                      printJson(*c.out, j);
                                    } else if (v.intact) {
                                      *c.out << "監査証跡: 改ざんはありません（" << v.links << " 件）。\n";
                                    } else {
                                      *c.out << "監査証跡: 問題があります。\n" << v.finding << "\n";
                                    }
                                    return v.intact ? 0 : 65;
                                  }}});
}

}  // namespace rececon::cli
