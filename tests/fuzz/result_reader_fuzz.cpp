// Fuzzes the result reader: any bytes, under any result file name, must either decode or be refused
// with a DecodeError — never crash, hang or leak. A decoded message must survive a round trip
// through the writer unchanged (the writer and reader agree on every value they accept), and so must
// its typed form for the kind the file name gives.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "linkage/decode_error.h"
#include "linkage/message_codec.h"
#include "linkage/messages.h"

using namespace rececon::linkage;

namespace {

template <typename Reader>
void checkTyped(const DecodedMessage& m, std::string_view name, const DecodeOptions& options, Reader read) {
  const auto typed = read(m.root());
  const DecodedMessage again = decodeMessage(encodeMessage(toXml(typed), Encoding::Utf8), name, options);
  if (!(read(again.root()) == typed)) std::abort();
}

void typedRoundTrip(const DecodedMessage& m, std::string_view name, const DecodeOptions& options) {
  switch (m.kind) {
    case MessageKind::SingleCheckResult:
    case MessageKind::FaceResult:
    case MessageKind::EmergencySearchResult: return checkTyped(m, name, options, readQualificationResult);
    case MessageKind::BulkCheckAccept:
    case MessageKind::BulkReferenceAccept: return checkTyped(m, name, options, readAcceptResult);
    case MessageKind::BulkCheckResult: return checkTyped(m, name, options, readBulkResult);
    case MessageKind::ReferenceRegistrationResult:
    case MessageKind::BulkReferenceResult: return checkTyped(m, name, options, readRegistrationResult);
    default: return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char* const kNames[] = {"OQSsiquc01res_1.xml", "OQSsiquc01res_face_x_20250115101530.xml",
                                       "OQSmuquc01res_1.xml", "OQSmuquc02res_1.xml", "OQSsiimm01res_1.xml",
                                       "unnamed.xml"};
  if (size == 0) return 0;
  const std::string_view name = kNames[data[0] % std::size(kNames)];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  DecodeOptions options;
  options.limits.maxBytes = 1 << 20;
  XmlElement decoded;
  try {
    decoded = decodeMessage(bytes, name, options).root().toElement();
  } catch (const DecodeError&) {
    return 0;
  }
  std::string written;
  try {
    written = encodeMessage(decoded, Encoding::Utf8);
  } catch (const EncodeError&) {
    return 0;  // e.g. a control character the reader let through; refusing to write it is right
  }
  try {
    const DecodedMessage again = decodeMessage(written, name, options);
    if (!(again.root().toElement() == decoded)) std::abort();
    typedRoundTrip(again, name, options);
  } catch (const DecodeError&) {
    std::abort();  // the writer produced something the reader refuses
  } catch (const EncodeError&) {
    // a typed form that cannot be written (e.g. a structure the typed view does not keep) is refused, fine
  }
  return 0;
}
