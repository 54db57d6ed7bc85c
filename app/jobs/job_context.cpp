#include "app/jobs/job_context.h"

#include "app/core/error.h"
#include "db/change_log.h"

namespace rececon {

void JobContext::step(std::int64_t done, std::int64_t total, const std::string& what) {
  if (progress_) progress_(done, total, what);
  if (cancelled_) throw Cancelled();
}

std::string logTimestamp() { return db::nowTimestamp(); }

}  // namespace rececon
