#pragma once
// The error categories of the project, named by who handles them.
// Adapters translate third-party errors (SQLite, Poco, pugixml) into these at their boundary;
// boundaries (CLI main, GUI event loop, import loops) turn them into messages and exit codes.
// what() is always a Japanese message a clerk can act on.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace rececon {

// The values a coded error's sentence is made with, by name (see error_catalog.h).
using ErrorParams = std::vector<std::pair<std::string, std::string>>;

class Error : public std::runtime_error {
 public:
  // A message without a stable code: what() is all there is.
  explicit Error(const std::string& message) : std::runtime_error(message) {}
  explicit Error(const char* message) : std::runtime_error(message) {}
  // A coded error: its sentence comes from the catalog (what() is the Japanese one), and a front-end may
  // read it in its own language or add how to do it there (the lower layers never name a front-end's
  // keys or options).
  Error(std::string code, ErrorParams params);

  const std::string& code() const { return code_; }  // "" for an uncoded message
  const ErrorParams& params() const { return params_; }

 private:
  std::string code_;
  ErrorParams params_;
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
