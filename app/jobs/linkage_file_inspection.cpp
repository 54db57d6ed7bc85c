#include "app/jobs/linkage_file_inspection.h"

#include <fstream>
#include <iterator>

#include "app/core/error.h"
#include "linkage/code_tables.h"
#include "linkage/decode_error.h"
#include "linkage/message_codec.h"
#include "linkage/message_schema.h"

namespace rececon {
namespace {

// Recursion is safe here: the decoder has already capped the depth.
InspectedElement describe(linkage::XmlNode element, linkage::MessageKind kind, bool list) {
  InspectedElement out;
  out.name = std::string(element.name());
  out.label = linkage::elementLabel(element.name());
  out.leaf = element.isLeaf();
  out.list = list;
  if (out.leaf) {
    out.text = std::string(element.text());
    out.codeMeaning = linkage::codeLabel(element.name(), element.text());
    return out;
  }
  for (linkage::XmlNode child = element.firstChild(); child; child = child.nextSibling()) {
    const bool repeats = linkage::mayRepeat(kind, element.name(), child.name()) || element.all(child.name()).size() > 1;
    out.children.push_back(describe(child, kind, repeats));
  }
  return out;
}

linkage::DecodedMessage decodeFile(const std::filesystem::path& file, const std::optional<std::string>& institutionCode) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw EnvironmentError("ファイル「" + file.string() + "」が見つからないか、通常のファイルではありません。");
  }
  linkage::DecodeOptions options;
  options.institutionCode = institutionCode;
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > options.limits.maxBytes) {
    throw InvalidInput("[OQS-TOO-LARGE] ファイルが大きすぎます（" + std::to_string(size) + "バイト）。");
  }
  std::ifstream in(file, std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  if (!in && !in.eof()) throw EnvironmentError("ファイル「" + file.string() + "」を読めませんでした。");
  try {
    return linkage::decodeMessage(bytes, file.filename().string(), options);
  } catch (const linkage::DecodeError& e) {
    throw InvalidInput(std::string("[") + linkage::errorCodeName(e.code()) + "] " + e.what());
  }
}

}  // namespace

InspectedFile inspectLinkageFile(const std::filesystem::path& file, const std::optional<std::string>& institutionCode) {
  const linkage::DecodedMessage m = decodeFile(file, institutionCode);
  const auto& info = linkage::kindInfo(m.kind);
  InspectedFile out;
  out.kindPrefix = info.prefix;
  out.kindName = info.name;
  out.encoding = linkage::declarationName(m.encoding().encoding);
  out.bom = m.encoding().bom;
  out.warnings = m.warnings;
  out.root = describe(m.root(), m.kind, false);
  return out;
}

}  // namespace rececon
