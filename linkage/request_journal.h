#pragma once
// The journal of requests sent to the linkage app. The exchange records a request before its file
// exists and moves it from state to state with compare-and-set transitions, so that after a crash
// or restart every request is in exactly one state and nothing is sent or applied twice.
// The application persists it (in its database); implementations must make each call atomic.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linkage/message_kind.h"

namespace rececon::linkage {

enum class RequestState {
  Pending,    // recorded; the file may not exist yet
  Sent,       // the request file is in req
  Answered,   // a result was received and handed to the application
  Failed,     // refused by the linkage app (.err) or by us (unreadable result)
  TimedOut,   // no answer within the kind's time-out
  Cancelled,  // withdrawn by a person before an answer came
};

const char* toString(RequestState state);  // "pending", "sent", …
// The state a stored word names; nullopt for a word no state has.
std::optional<RequestState> requestStateFromString(std::string_view word);

struct RequestRecord {
  std::int64_t id = 0;
  MessageKind kind = MessageKind::SingleCheckRequest;
  std::string fileName;         // OQSsiquc01req_202611210001.xml
  std::string fileIdentifier;   // ArbitraryFileIdentifier we sent ("" for download requests)
  std::string receptionNumber;  // for download requests
  std::string requestBytes;     // exactly what was (or is to be) written, for a re-send after a crash
  RequestState state = RequestState::Pending;
  std::int64_t createdAt = 0;   // seconds since the epoch
  std::int64_t deadline = 0;    // seconds since the epoch; past it a sent request times out
  std::string resultFile;       // the result or .err file that ended it
  std::string detail;           // Japanese: why it failed, timed out or was cancelled
};

class RequestJournal {
 public:
  virtual ~RequestJournal() = default;
  // Records a new request in state Pending and returns its id.
  virtual std::int64_t add(const RequestRecord& pending) = 0;
  // Moves the request from `from` to `to`; returns false (and changes nothing) when it is not in `from`.
  virtual bool transition(std::int64_t id, RequestState from, RequestState to, const std::string& detail,
                          const std::string& resultFile) = 0;
  // Requests still waiting: Pending and Sent (and TimedOut ones, which a late answer may still end).
  // Only Pending ones need their requestBytes (to be written after a crash); others may leave it empty.
  virtual std::vector<RequestRecord> waiting() = 0;
  // Any request of this journal by its file name, in whatever state (without its bytes); nullopt when
  // this journal never wrote that name.
  virtual std::optional<RequestRecord> findByFileName(const std::string& fileName) = 0;
};

}  // namespace rececon::linkage
