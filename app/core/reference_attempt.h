#pragma once
// Where one 照会番号 registration sent to the linkage app stands. Pure.

#include <string_view>
#include <utility>

#include "app/core/enum_names.h"

namespace rececon {

enum class ReferenceAttempt {
  Sent,        // the request is out, no answer yet
  Registered,  // the national system took the 照会番号
  Failed,      // refused or unanswered; the next registration tries again
};

template <>
struct EnumNames<ReferenceAttempt> {
  static constexpr std::pair<ReferenceAttempt, std::string_view> table[] = {
      {ReferenceAttempt::Sent, "sent"},
      {ReferenceAttempt::Registered, "registered"},
      {ReferenceAttempt::Failed, "failed"},
  };
};

}  // namespace rececon
