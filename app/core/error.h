#pragma once
// The error categories of the project, named by who handles them.
// Adapters translate third-party errors (SQLite, Poco, pugixml) into these at their boundary;
// boundaries (CLI main, GUI event loop, import loops) turn them into messages and exit codes.
// what() is always a Japanese message a clerk can act on.

#include <stdexcept>
#include <string>

namespace rececon {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad data from a file or a person. Nothing was written.
class InvalidInput : public Error {
 public:
  using Error::Error;
};

// The environment failed: I/O, a locked or damaged database, a missing folder, a full disk.
class EnvironmentError : public Error {
 public:
  using Error::Error;
};

// Something that must not happen did: a bug.
class InternalError : public Error {
 public:
  using Error::Error;
};

// The person or the job runner asked to stop.
class Cancelled : public Error {
 public:
  Cancelled();
};

// Something asked for does not exist (e.g. an unknown patient number). Treated as invalid input.
class NotFound : public InvalidInput {
 public:
  using InvalidInput::InvalidInput;
};

}  // namespace rececon
