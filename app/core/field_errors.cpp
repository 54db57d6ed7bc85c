#include "app/core/field_errors.h"

namespace rececon {
namespace {

std::string joinMessages(const std::vector<FieldError>& errors) {
  std::string text;
  for (const auto& e : errors) {
    if (!text.empty()) text += "\n";
    text += e.label + ": " + e.message;
  }
  return text;
}

}  // namespace

ValidationFailed::ValidationFailed(std::vector<FieldError> errors)
    : InvalidInput(joinMessages(errors)), errors_(std::move(errors)) {}

void FieldErrors::add(std::string field, std::string label, std::string message) {
  errors_.push_back({std::move(field), std::move(label), std::move(message)});
}

void FieldErrors::throwIfAny() const {
  if (!errors_.empty()) throw ValidationFailed(errors_);
}

}  // namespace rececon
