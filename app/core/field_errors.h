#pragma once
// Collecting per-field validation findings, so a person sees every problem at once
// and the GUI can mark the fields. Any thread.

#include <string>
#include <vector>

#include "app/core/error.h"

namespace rececon {

struct FieldError {
  std::string field;    // stable English key: "insurer_number"
  std::string label;    // Japanese label: "保険者番号"
  std::string message;  // Japanese, says what was expected
};

// Thrown when input fails validation; what() lists every finding, one per line.
class ValidationFailed : public InvalidInput {
 public:
  explicit ValidationFailed(std::vector<FieldError> errors);
  const std::vector<FieldError>& errors() const { return errors_; }

 private:
  std::vector<FieldError> errors_;
};

class FieldErrors {
 public:
  void add(std::string field, std::string label, std::string message);
  bool empty() const { return errors_.empty(); }
  const std::vector<FieldError>& list() const { return errors_; }
  // Throws ValidationFailed when anything was added.
  void throwIfAny() const;

 private:
  std::vector<FieldError> errors_;
};

// Checks a free-text field: valid UTF-8, no control characters (newlines and tabs allowed when
// multiLine), at most maxLength characters. Returns it trimmed (single-line) or as given.
std::string checkedText(FieldErrors& errors, const std::string& raw, const char* field, const char* label,
                        std::size_t maxLength, bool multiLine = false);

inline constexpr std::size_t kMaxNameLength = 50;
inline constexpr std::size_t kMaxAddressLength = 200;

}  // namespace rececon
