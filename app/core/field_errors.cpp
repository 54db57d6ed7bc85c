#include "app/core/field_errors.h"

#include <algorithm>

#include "app/core/utf8.h"

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

bool hasControlCharacter(std::string_view text, bool allowNewline) {
  return std::any_of(text.begin(), text.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (allowNewline && (c == '\n' || c == '\t')) return false;
    return u < 0x20 || u == 0x7F;
  });
}

}  // namespace

std::string checkedText(FieldErrors& errors, const std::string& raw, const char* field, const char* label,
                        std::size_t maxLength, bool multiLine) {
  if (!utf8::isValid(raw)) {
    errors.add(field, label, "文字コードが正しくありません（UTF-8で入力してください）。");
    return {};
  }
  std::string text = multiLine ? raw : utf8::trim(raw);
  if (hasControlCharacter(text, multiLine)) errors.add(field, label, "制御文字は使えません。");
  if (utf8::length(text) > maxLength) {
    errors.add(field, label, std::to_string(maxLength) + "文字以内で入力してください。");
  }
  return text;
}

ValidationFailed::ValidationFailed(std::vector<FieldError> errors)
    : InvalidInput(joinMessages(errors)), errors_(std::move(errors)) {}

void FieldErrors::add(std::string field, std::string label, std::string message) {
  errors_.push_back({std::move(field), std::move(label), std::move(message)});
}

void FieldErrors::throwIfAny() const {
  if (!errors_.empty()) throw ValidationFailed(errors_);
}

}  // namespace rececon
