#include "linkage/xml_reader.h"

#include <pugixml.hpp>

#include <cctype>
#include <utility>

#include "linkage/decode_error.h"

namespace rececon::linkage {
namespace {

bool isXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A complete document ends with its root's end tag (or is a single empty root). When a document that
// fails to parse does not, it stops early: most likely it is still being written, so the caller
// retries before quarantining.
bool endsLikeComplete(const std::string& text) {
  std::size_t start = 0;
  for (;;) {
    start = text.find('<', start);
    if (start == std::string::npos || start + 1 >= text.size()) return false;
    const char next = text[start + 1];
    if (std::isalpha(static_cast<unsigned char>(next)) || next == '_') break;
    ++start;  // declaration, comment or processing instruction
  }
  std::size_t nameEnd = start + 1;
  while (nameEnd < text.size() && !isXmlSpace(text[nameEnd]) && text[nameEnd] != '>' && text[nameEnd] != '/') ++nameEnd;
  const std::string closing = "</" + text.substr(start + 1, nameEnd - start - 1) + ">";
  std::size_t end = text.size();
  while (end > 0 && isXmlSpace(text[end - 1])) --end;
  if (end >= closing.size() && text.compare(end - closing.size(), closing.size(), closing) == 0) return true;
  return end >= 2 && text.compare(end - 2, 2, "/>") == 0 && text.find('<', nameEnd) == std::string::npos;
}

void refuseDeclarations(const std::string& text) {
  if (text.find("<!DOCTYPE") != std::string::npos || text.find("<!ENTITY") != std::string::npos) {
    throw DecodeError(DecodeErrorCode::DoctypeRefused,
                      "DOCTYPE（文書型宣言）またはENTITY宣言を含むファイルは受け付けません。連携アプリが出力する形式ではありません。");
  }
}

// Converts the pugixml tree iteratively, so that no recursion depends on the input's depth.
XmlElement convert(const pugi::xml_node& top, int maxDepth, std::vector<std::string>& warnings) {
  XmlElement root;
  struct Pending {
    pugi::xml_node node;
    XmlElement* target;
    int depth;
  };
  std::vector<Pending> stack{{top, &root, 1}};
  bool warnedAttributes = false;
  while (!stack.empty()) {
    const Pending item = stack.back();
    stack.pop_back();
    if (item.depth > maxDepth) {
      throw DecodeError(DecodeErrorCode::TooDeep,
                        "要素の入れ子が深すぎます（" + std::to_string(maxDepth) + "段まで）。連携アプリが出力する形式ではありません。");
    }
    XmlElement& target = *item.target;
    target.name = item.node.name();
    if (item.node.first_attribute() && !warnedAttributes) {
      warnings.push_back(std::string("属性は使われない形式のため無視しました（<") + item.node.name() + ">）。");
      warnedAttributes = true;
    }
    bool hasText = false;
    std::size_t elementCount = 0;
    for (const pugi::xml_node child : item.node.children()) {
      if (child.type() == pugi::node_element) {
        ++elementCount;
      } else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        target.text += child.value();
        hasText = true;
      }
    }
    if (elementCount > 0 && hasText) {
      bool onlySpace = true;
      for (const char c : target.text) onlySpace = onlySpace && isXmlSpace(c);
      if (!onlySpace) {
        throw DecodeError(DecodeErrorCode::MixedContent,
                          "<" + target.name + "> に文字と子要素が混在しています。連携アプリが出力する形式ではありません。");
      }
      target.text.clear();
    }
    if (elementCount == 0) continue;
    target.children.resize(elementCount);
    std::size_t index = 0;
    for (const pugi::xml_node child : item.node.children()) {
      if (child.type() == pugi::node_element) stack.push_back({child, &target.children[index++], item.depth + 1});
    }
  }
  return root;
}

}  // namespace

XmlReadResult readXml(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.empty()) {
    throw DecodeError(DecodeErrorCode::Empty, "ファイルが空です（0バイト）。書き込み中の可能性があります。");
  }
  if (bytes.size() > limits.maxBytes) {
    throw DecodeError(DecodeErrorCode::TooLarge, "ファイルが大きすぎます（" + std::to_string(bytes.size()) + "バイト、上限 " +
                                                     std::to_string(limits.maxBytes) + "バイト）。");
  }
  XmlReadResult result;
  result.encoding = detectEncoding(bytes);
  const std::string text = decodeToUtf8(bytes, result.encoding);
  refuseDeclarations(text);

  pugi::xml_document doc;
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single;
  const pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size(), options, pugi::encoding_utf8);
  if (!parsed) {
    if (parsed.status == pugi::status_no_document_element || !endsLikeComplete(text)) {
      throw DecodeError(DecodeErrorCode::Truncated,
                        "ファイルが途中で終わっています。書き込み中か、書き込みが中断された可能性があります。");
    }
    throw DecodeError(DecodeErrorCode::Malformed, std::string("XMLとして正しくありません（") + parsed.description() +
                                                      "、" + std::to_string(parsed.offset + 1) + "文字目付近）。");
  }
  int roots = 0;
  for (const pugi::xml_node child : doc.children()) roots += child.type() == pugi::node_element ? 1 : 0;
  if (roots != 1) {
    throw DecodeError(DecodeErrorCode::Malformed, "XMLのルート要素が" + std::to_string(roots) + "個あります（1個のはずです）。");
  }
  result.root = convert(doc.document_element(), limits.maxDepth, result.warnings);
  return result;
}

}  // namespace rececon::linkage
