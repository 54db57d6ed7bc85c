#include "linkage/codes.h"

namespace rececon::linkage {
namespace {

// A one-digit code in [min, max] listed in `allowed`, as the enum T.
template <typename T>
std::optional<T> oneDigit(std::string_view code, std::initializer_list<int> allowed) {
  if (code.size() != 1 || code[0] < '0' || code[0] > '9') return std::nullopt;
  const int value = code[0] - '0';
  for (const int a : allowed) {
    if (a == value) return static_cast<T>(value);
  }
  return std::nullopt;
}

const char* kDigits[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

}  // namespace

std::optional<SegmentOfResult> segmentOfResult(std::string_view c) { return oneDigit<SegmentOfResult>(c, {1, 2, 9}); }
std::optional<ProcessingStatus> processingStatus(std::string_view c) { return oneDigit<ProcessingStatus>(c, {1, 2}); }
std::optional<ReferenceClassification> referenceClassification(std::string_view c) {
  return oneDigit<ReferenceClassification>(c, {1, 2});
}
std::optional<QualificationValidity> qualificationValidity(std::string_view c) {
  return oneDigit<QualificationValidity>(c, {1, 2, 3, 4, 5, 6});
}
std::optional<CharacterCode> characterCode(std::string_view c) { return oneDigit<CharacterCode>(c, {0, 1}); }

const char* codeText(SegmentOfResult v) { return kDigits[static_cast<int>(v)]; }
const char* codeText(ProcessingStatus v) { return kDigits[static_cast<int>(v)]; }
const char* codeText(ReferenceClassification v) { return kDigits[static_cast<int>(v)]; }
const char* codeText(QualificationValidity v) { return kDigits[static_cast<int>(v)]; }
const char* codeText(CharacterCode v) { return kDigits[static_cast<int>(v)]; }

}  // namespace rececon::linkage
