#include "app/jobs/trail_check.h"

namespace rececon {

db::TrailVerdict verifyTrail(DataFolder& folder) {
  const auto head = db::readTrailHead(folder.dir());
  db::TrailVerdict verdict = db::TrailChain(folder.database()).verify(head);
  if (verdict.intact && verdict.head.seq > (head ? head->seq : 0)) db::writeTrailHead(folder.dir(), verdict.head);
  return verdict;
}

}  // namespace rececon
