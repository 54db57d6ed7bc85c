#pragma once
// `audit verify` and `db check`: the tamper-evident trail walked against the head this machine last
// recorded outside the register; when it is intact, the head is moved up to the newest link (the nightly
// run and every check do so, so a truncated tail is caught from the next day on).

#include "app/jobs/data_folder.h"
#include "db/trail_chain.h"

namespace rececon {

// Throws EnvironmentError when the register or the head file cannot be read.
using TrailVerdict = db::TrailVerdict;

TrailVerdict verifyTrail(DataFolder& folder);

}  // namespace rececon
