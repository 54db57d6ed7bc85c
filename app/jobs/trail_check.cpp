#include "app/jobs/trail_check.h"

namespace rececon {

db::TrailVerdict verifyTrail(DataFolder& folder) {
  const auto head = db::readTrailHead(folder.dir());
  db::TrailVerdict verdict = db::TrailChain(folder.database()).verify(head);
  if (verdict.intact && !head && verdict.head.seq > 0) {
    verdict.note = "この端末には監査証跡の先頭の記録（trail.head）がありませんでした。今回記録しました。"
                   "この端末で初めての検査でなければ、記録が削除されています（末尾の切り詰めは、記録のあった日からしか検出できません）。";
  }
  if (verdict.intact && verdict.head.seq > (head ? head->seq : 0)) db::writeTrailHead(folder.dir(), verdict.head);
  return verdict;
}

}  // namespace rececon
