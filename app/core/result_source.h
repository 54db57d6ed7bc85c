#pragma once
// Where a qualification result came from. Pure.

#include <string_view>
#include <utility>

#include "app/core/enum_names.h"

namespace rececon {

enum class ResultSource {
  Check,  // the answer to a check the product sent (by the insurance card's numbers)
  Face,   // a card result from the face-recognition reader (My Number card), nobody asked for it
};

template <>
struct EnumNames<ResultSource> {
  static constexpr std::pair<ResultSource, std::string_view> table[] = {
      {ResultSource::Check, "check"},
      {ResultSource::Face, "face"},
  };
};

}  // namespace rececon
