#pragma once
// What became of an arrived qualification result: waiting for a person, or decided. Pure.

#include <string_view>
#include <utility>

#include "app/core/enum_names.h"

namespace rececon {

enum class ResultDecision {
  Arrived,   // stored, nobody has decided yet (the arrived-results panel shows it)
  Applied,   // the register took what the result says
  NoChange,  // decided: the register already held what the result says
  Rejected,  // decided: not applied (wrong patient, error answer, a clerk's choice)
};

template <>
struct EnumNames<ResultDecision> {
  static constexpr std::pair<ResultDecision, std::string_view> table[] = {
      {ResultDecision::Arrived, "arrived"},
      {ResultDecision::Applied, "applied"},
      {ResultDecision::NoChange, "no_change"},
      {ResultDecision::Rejected, "rejected"},
  };
};

}  // namespace rececon
