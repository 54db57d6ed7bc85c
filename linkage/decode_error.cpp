#include "linkage/decode_error.h"

namespace rececon::linkage {

const char* errorCodeName(DecodeErrorCode code) {
  switch (code) {
    case DecodeErrorCode::Empty: return "OQS-EMPTY";
    case DecodeErrorCode::TooLarge: return "OQS-TOO-LARGE";
    case DecodeErrorCode::UnsupportedEncoding: return "OQS-UNSUPPORTED-ENCODING";
    case DecodeErrorCode::EncodingMismatch: return "OQS-ENCODING-MISMATCH";
    case DecodeErrorCode::InvalidBytes: return "OQS-INVALID-BYTES";
    case DecodeErrorCode::DoctypeRefused: return "OQS-DOCTYPE-REFUSED";
    case DecodeErrorCode::Truncated: return "OQS-TRUNCATED";
    case DecodeErrorCode::Malformed: return "OQS-MALFORMED";
    case DecodeErrorCode::TooDeep: return "OQS-TOO-DEEP";
    case DecodeErrorCode::MixedContent: return "OQS-MIXED-CONTENT";
    case DecodeErrorCode::WrongRoot: return "OQS-WRONG-ROOT";
    case DecodeErrorCode::DuplicateElement: return "OQS-DUPLICATE-ELEMENT";
    case DecodeErrorCode::WrongInstitution: return "OQS-WRONG-INSTITUTION";
    case DecodeErrorCode::UnknownKind: return "OQS-UNKNOWN-KIND";
    case DecodeErrorCode::SymbolicLink: return "OQS-SYMLINK";
    case DecodeErrorCode::NotRegularFile: return "OQS-NOT-A-FILE";
  }
  return "OQS-ERROR";
}

DecodeError::DecodeError(DecodeErrorCode code, const std::string& japaneseMessage)
    : std::runtime_error(japaneseMessage), code_(code) {}

}  // namespace rececon::linkage
