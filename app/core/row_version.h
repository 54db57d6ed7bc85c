#pragma once
// Which edit of a stored row a person's view was made from. Several terminals change one register: a
// save made on an older view than the stored one is refused (and the person reads the row again), never
// silently laid over the newer change. Pure.

#include <cstdint>
#include <string>

namespace rececon {

struct RowVersion {
  std::int64_t number = 0;  // 1 when stored, +1 with every change; 0 = not stored yet
  std::string changedAt;    // ISO timestamp of the newest change
  std::string changedOn;    // the terminal that made it ("" before terminals were recorded)
};

}  // namespace rececon
