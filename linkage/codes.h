#pragma once
// Code values the application branches on (oqs-interface.md §5), as enums. A value outside the
// table is nullopt here and stays available verbatim in the message; labels for every table
// (these and the rest) come from code_tables.h. Pure; any thread.

#include <optional>
#include <string_view>

namespace rececon::linkage {

enum class SegmentOfResult { Normal = 1, InProgress = 2, Failed = 9 };           // OQSCD003
enum class ProcessingStatus { Normal = 1, Error = 2 };                           // OQSCD004
enum class ReferenceClassification { MyNumberCard = 1, InsuranceCard = 2 };      // OQSCD002
enum class QualificationValidity {                                               // OQSCD006
  Valid = 1,
  Invalid = 2,
  InvalidNewerExists = 3,
  NotFound = 4,
  Multiple = 5,
  ValidUnregistered = 6,  // 医療扶助 only
};
enum class CharacterCode { Utf8 = 0, ShiftJis = 1 };                             // OQSCD005

std::optional<SegmentOfResult> segmentOfResult(std::string_view code);
std::optional<ProcessingStatus> processingStatus(std::string_view code);
std::optional<ReferenceClassification> referenceClassification(std::string_view code);
std::optional<QualificationValidity> qualificationValidity(std::string_view code);
std::optional<CharacterCode> characterCode(std::string_view code);

// The code as written in files ("1", "9", …).
const char* codeText(SegmentOfResult v);
const char* codeText(ProcessingStatus v);
const char* codeText(ReferenceClassification v);
const char* codeText(QualificationValidity v);
const char* codeText(CharacterCode v);

}  // namespace rececon::linkage
