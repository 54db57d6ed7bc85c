#include "linkage/request_journal.h"

namespace rececon::linkage {

const char* toString(RequestState state) {
  switch (state) {
    case RequestState::Pending: return "pending";
    case RequestState::Sent: return "sent";
    case RequestState::Answered: return "answered";
    case RequestState::Failed: return "failed";
    case RequestState::TimedOut: return "timed_out";
    case RequestState::Cancelled: return "cancelled";
  }
  return "pending";
}

std::optional<RequestState> requestStateFromString(std::string_view word) {
  for (const RequestState st : {RequestState::Pending, RequestState::Sent, RequestState::Answered, RequestState::Failed,
                                RequestState::TimedOut, RequestState::Cancelled}) {
    if (word == toString(st)) return st;
  }
  return std::nullopt;
}

}  // namespace rececon::linkage
