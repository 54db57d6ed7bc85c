#include "linkage/message_codec.h"

#include "linkage/decode_error.h"
#include "linkage/message_schema.h"
#include "linkage/xml_writer.h"

namespace rececon::linkage {
namespace {

void checkInstitution(const DecodedMessage& m, const std::string& ours) {
  const auto theirs = m.header().value("MedicalInstitutionCode");
  if (!theirs) {
    throw DecodeError(DecodeErrorCode::WrongInstitution, "医療機関コード（MedicalInstitutionCode）がありません。");
  }
  if (*theirs != ours) {
    throw DecodeError(DecodeErrorCode::WrongInstitution, "医療機関コード「" + *theirs + "」は当院（" + ours +
                                                             "）のものではありません。別の医療機関のファイルです。");
  }
}

// The encoding is taken from the bytes; CharacterCodeIdentifier is only compared with it.
void crossCheckCharacterCode(DecodedMessage& m) {
  const auto identifier = m.header().value("CharacterCodeIdentifier");
  if (!identifier) return;
  const char* expected = m.encoding().encoding == Encoding::Utf8 ? "0" : "1";
  if (*identifier == "0" || *identifier == "1") {
    if (*identifier != expected) {
      m.warnings.push_back("文字コード識別（CharacterCodeIdentifier）は「" + *identifier + "」ですが、ファイルは" +
                           declarationName(m.encoding().encoding) + "で書かれています。ファイルの文字コードで読みました。");
    }
  } else {
    m.warnings.push_back("文字コード識別（CharacterCodeIdentifier）に想定外の値「" + *identifier +
                         "」があります。ファイルの文字コードで読みました。");
  }
}

}  // namespace

DecodedMessage decodeMessage(std::string_view bytes, std::string_view fileName, const DecodeOptions& options) {
  std::shared_ptr<XmlDocument> document = XmlDocument::parse(bytes, options.limits);
  std::optional<MessageKind> kind = kindFromFileName(fileName);
  if (!kind) kind = inferKind(document->root());
  if (!kind) {
    throw DecodeError(DecodeErrorCode::UnknownKind,
                      "ファイル名からも内容からも、どの種類の電文か判断できません（" + std::string(fileName) + "）。");
  }
  DecodedMessage m;
  m.kind = *kind;
  m.warnings = document->warnings();
  validateStructure(m.kind, *document, m.warnings);
  m.document = std::move(document);
  if (options.institutionCode) checkInstitution(m, *options.institutionCode);
  if (!kindInfo(m.kind).request) crossCheckCharacterCode(m);
  return m;
}

std::string encodeMessage(const XmlElement& root, Encoding encoding) {
  if (root.name != "XmlMsg") throw EncodeError("電文のルートは <XmlMsg> でなければなりません。");
  return writeXml(root, encoding);
}

}  // namespace rececon::linkage
