#pragma once
// Where a nightly bulk pre-check run, or one of its request files, has got to; and whether one of its
// patients' entries has been reconciled. Pure.

#include <string_view>
#include <utility>

#include "app/core/enum_names.h"

namespace rececon {

// A file goes Created → Submitted → Accepted → Waiting → Received → Reconciled (or Failed); a run is at the
// stage of its least advanced file, then Done (or Failed).
enum class BulkStage { Created, Submitted, Accepted, Waiting, Received, Reconciled, Done, Failed };

template <>
struct EnumNames<BulkStage> {
  static constexpr std::pair<BulkStage, std::string_view> table[] = {
      {BulkStage::Created, "created"},     {BulkStage::Submitted, "submitted"},   {BulkStage::Accepted, "accepted"},
      {BulkStage::Waiting, "waiting"},     {BulkStage::Received, "received"},     {BulkStage::Reconciled, "reconciled"},
      {BulkStage::Done, "done"},           {BulkStage::Failed, "failed"},
  };
};

enum class BulkEntryState { Pending, Reconciled };

template <>
struct EnumNames<BulkEntryState> {
  static constexpr std::pair<BulkEntryState, std::string_view> table[] = {
      {BulkEntryState::Pending, "pending"},
      {BulkEntryState::Reconciled, "reconciled"},
  };
};

}  // namespace rececon
