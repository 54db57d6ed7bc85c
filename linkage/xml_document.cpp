#include "linkage/xml_document.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <climits>

#include "linkage/code_tables.h"
#include "linkage/decode_error.h"

namespace rececon::linkage {
namespace {

bool isText(const pugi::xml_node& n) { return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata; }

bool isXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A complete document ends with its root's end tag (or is one empty root element). A document that
// fails to parse and does not end so stops early: most likely it is still being written, so the caller
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

// pugixml never expands DTD entities; we refuse any DOCTYPE all the same: the linkage app never
// writes one, so a file that has one is not what it claims to be.
[[noreturn]] void refuseDoctype() {
  throw DecodeError(DecodeErrorCode::DoctypeRefused,
                    "DOCTYPE（文書型宣言）またはENTITY宣言を含むファイルは受け付けません。連携アプリが出力する形式ではありません。");
}

// Text split by comments or CDATA (<A>12<!-- -->34</A>) becomes one value, as the writer meant it.
// Returns the joined text (owned by the document).
const char* joinText(pugi::xml_node node) {
  std::string joined;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (isText(c)) joined += c.value();
  }
  pugi::xml_node first;
  for (pugi::xml_node c = node.first_child(); c;) {
    const pugi::xml_node next = c.next_sibling();
    if (isText(c)) {
      if (!first) first = c;
      else node.remove_child(c);
    }
    c = next;
  }
  first.set_value(joined.c_str());
  return first.value();
}

}  // namespace

struct XmlDocument::Impl {
  std::string text;  // parsed in place: pugixml's strings point into it
  pugi::xml_document doc;
  std::vector<FlatElement> elements;  // views into text and doc
};

XmlDocument::XmlDocument(Token) : impl_(std::make_unique<Impl>()) {}
XmlDocument::~XmlDocument() = default;

std::shared_ptr<XmlDocument> XmlDocument::parse(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.empty()) {
    throw DecodeError(DecodeErrorCode::Empty, "ファイルが空です（0バイト）。書き込み中の可能性があります。");
  }
  if (bytes.size() > limits.maxBytes) {
    throw DecodeError(DecodeErrorCode::TooLarge, "ファイルが大きすぎます（" + std::to_string(bytes.size()) + "バイト、上限 " +
                                                     std::to_string(limits.maxBytes) + "バイト）。");
  }
  auto document = std::make_shared<XmlDocument>(Token{});  // one allocation for object and count
  document->encoding_ = detectEncoding(bytes);
  std::string& text = document->impl_->text;
  text = decodeToUtf8(bytes, document->encoding_);

  // parse_doctype keeps a DOCTYPE as a node (instead of skipping it) so that it can be refused.
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype;
  const pugi::xml_parse_result parsed =
      document->impl_->doc.load_buffer_inplace(text.data(), text.size(), options, pugi::encoding_utf8);
  if (parsed.status == pugi::status_bad_doctype) refuseDoctype();
  if (!parsed) {
    // load_buffer_inplace has overwritten parts of text; judge completeness on a fresh decode.
    const std::string original = decodeToUtf8(bytes, document->encoding_);
    if (parsed.status == pugi::status_no_document_element || !endsLikeComplete(original)) {
      throw DecodeError(DecodeErrorCode::Truncated,
                        "ファイルが途中で終わっています。書き込み中か、書き込みが中断された可能性があります。");
    }
    throw DecodeError(DecodeErrorCode::Malformed, std::string("XMLとして正しくありません（") + parsed.description() +
                                                      "、" + std::to_string(parsed.offset + 1) + "文字目付近）。");
  }
  int roots = 0;
  for (const pugi::xml_node child : document->impl_->doc.children()) {
    if (child.type() == pugi::node_doctype) refuseDoctype();
    roots += child.type() == pugi::node_element;
  }
  if (roots != 1) {
    throw DecodeError(DecodeErrorCode::Malformed, "XMLのルート要素が" + std::to_string(roots) + "個あります（1個のはずです）。");
  }
  document->flatten(limits.maxDepth);
  return document;
}

XmlNode XmlDocument::root() const { return XmlNode(impl_->elements.data()); }

const std::vector<FlatElement>& XmlDocument::elements() const { return impl_->elements; }

void XmlDocument::flatten(int maxDepth) {
  // One iterative, depth-capped pass over pugixml's tree records every element in document order
  // with its name, text and links (as indices), checking mixed content and joining split text; a
  // second pass over our own array turns indices into pointers and looks each name up in the catalog.
  constexpr std::uint32_t kNone = UINT32_MAX;
  struct Entry {
    const char* name;
    const char* text;
    std::uint32_t firstChild, nextSibling, lastChild, childCount;
  };
  struct Pending {
    pugi::xml_node node;
    std::uint32_t parent;
    int depth;
  };
  // Scratch space reused on this thread: a small result would otherwise spend a good part of its
  // decoding time allocating it.
  thread_local std::vector<Entry> entries;
  thread_local std::vector<Pending> stack;
  entries.clear();
  stack.clear();
  stack.push_back({impl_->doc.document_element(), kNone, 1});
  bool warnedAttributes = false;
  while (!stack.empty()) {
    const Pending item = stack.back();
    stack.pop_back();
    if (item.depth > maxDepth) {
      throw DecodeError(DecodeErrorCode::TooDeep,
                        "要素の入れ子が深すぎます（" + std::to_string(maxDepth) + "段まで）。連携アプリが出力する形式ではありません。");
    }
    pugi::xml_node node = item.node;
    const auto self = static_cast<std::uint32_t>(entries.size());
    entries.push_back({node.name(), "", kNone, kNone, kNone, 0});
    if (item.parent != kNone) {  // children are popped in document order: append to the parent's list
      Entry& parent = entries[item.parent];
      if (parent.lastChild == kNone) parent.firstChild = self;
      else entries[parent.lastChild].nextSibling = self;
      parent.lastChild = self;
      ++parent.childCount;
    }
    if (!warnedAttributes && node.first_attribute()) {
      warnings_.push_back(std::string("属性は使われない形式のため無視しました（<") + node.name() + ">）。");
      warnedAttributes = true;
    }
    const std::size_t firstPending = stack.size();
    std::size_t textParts = 0;
    const char* text = "";
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      const pugi::xml_node_type type = c.type();
      if (type == pugi::node_element) {
        stack.push_back({c, self, item.depth + 1});
      } else if (type == pugi::node_pcdata || type == pugi::node_cdata) {
        if (textParts++ == 0) text = c.value();
      }
    }
    if (stack.size() > firstPending && textParts > 0) {
      throw DecodeError(DecodeErrorCode::MixedContent,
                        std::string("<") + node.name() + "> に文字と子要素が混在しています。連携アプリが出力する形式ではありません。");
    }
    if (textParts > 1) text = joinText(node);
    entries[self].text = text;
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(firstPending), stack.end());  // document order
  }
  auto& elements = impl_->elements;
  elements.resize(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& entry = entries[i];
    FlatElement& e = elements[i];
    e.name = entry.name;
    e.text = entry.text;
    e.info = elementInfo(e.name);
    e.firstChild = entry.firstChild == kNone ? nullptr : &elements[entry.firstChild];
    e.nextSibling = entry.nextSibling == kNone ? nullptr : &elements[entry.nextSibling];
    e.childCount = entry.childCount;
  }
}

XmlNode XmlNode::child(std::string_view childName) const {
  for (XmlNode c = firstChild(); c; c = c.nextSibling()) {
    if (c.name() == childName) return c;
  }
  return {};
}

std::vector<XmlNode> XmlNode::all(std::string_view childName) const {
  std::vector<XmlNode> out;
  for (XmlNode c = firstChild(); c; c = c.nextSibling()) {
    if (c.name() == childName) out.push_back(c);
  }
  return out;
}

std::vector<XmlNode> XmlNode::children() const {
  std::vector<XmlNode> out;
  out.reserve(childCount());
  for (XmlNode c = firstChild(); c; c = c.nextSibling()) out.push_back(c);
  return out;
}

std::optional<std::string> XmlNode::value(std::string_view childName) const {
  const XmlNode c = child(childName);
  if (!c || !c.isLeaf()) return std::nullopt;
  return std::string(c.text());
}

std::optional<std::string> XmlNode::valueAt(std::string_view path) const {
  XmlNode node = *this;
  while (node) {
    const std::size_t slash = path.find('/');
    if (slash == std::string_view::npos) return node.value(path);
    node = node.child(path.substr(0, slash));
    path.remove_prefix(slash + 1);
  }
  return std::nullopt;
}

XmlElement XmlNode::toElement() const {
  XmlElement root;
  struct Pending {
    XmlNode node;
    XmlElement* target;
  };
  std::vector<Pending> stack{{*this, &root}};
  while (!stack.empty()) {
    const Pending p = stack.back();
    stack.pop_back();
    p.target->name = std::string(p.node.name());
    if (p.node.isLeaf()) {
      p.target->text = std::string(p.node.text());
      continue;
    }
    const auto kids = p.node.children();
    p.target->children.resize(kids.size());
    for (std::size_t i = 0; i < kids.size(); ++i) stack.push_back({kids[i], &p.target->children[i]});
  }
  return root;
}

}  // namespace rececon::linkage
