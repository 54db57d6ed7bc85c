#pragma once
// Where a reception visit stands with the online check of its insurance. Pure.

#include <string_view>
#include <utility>

#include "app/core/enum_names.h"

namespace rececon {

enum class VisitVerification {
  Verified,        // checked online at the desk: valid
  Unverified,      // received without an online answer (stand-alone, no answer, a linkage error): to re-verify
  Checking,        // a check was sent for it and is awaited
  Reverified,      // re-verified after an outage: valid and as received
  NeedsAttention,  // an answer that a person must look at (not valid, changed, not found…)
};

template <>
struct EnumNames<VisitVerification> {
  static constexpr std::pair<VisitVerification, std::string_view> table[] = {
      {VisitVerification::Verified, "verified"},   {VisitVerification::Unverified, "unverified"},
      {VisitVerification::Checking, "checking"},   {VisitVerification::Reverified, "reverified"},
      {VisitVerification::NeedsAttention, "needs_attention"},
  };
};

}  // namespace rececon
