#pragma once
// A decoded linkage file: its text (UTF-8) and parsed element tree, read through XmlNode views.
// Parsing is safe against hostile input: size cap, encoding by BOM and declaration with strict
// decoding, DOCTYPE/ENTITY refused, truncation told apart from malformed XML. The tree is walked once,
// iteratively and with a depth cap, by walk(). Immutable after walk(); any thread may read it.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linkage/text_encoding.h"
#include "linkage/xml_element.h"

namespace rececon::linkage {

struct ReadLimits {
  std::size_t maxBytes = 64 * 1024 * 1024;  // a 10,000-person bulk result is about 15 MiB
  int maxDepth = 16;                         // the deepest path in the contract is 7 levels
};

// A read-only view of one element; valid while its XmlDocument lives. A default-constructed or
// missing node is false.
class XmlNode {
 public:
  XmlNode() = default;
  explicit operator bool() const { return node_ != nullptr; }

  std::string_view name() const;
  // The text of a leaf ("" for <X/> and <X></X>); "" for a group.
  std::string_view text() const;
  bool isLeaf() const;

  // The first child element with this name; a false node when there is none.
  XmlNode child(std::string_view childName) const;
  std::vector<XmlNode> all(std::string_view childName) const;
  std::vector<XmlNode> children() const;
  // Element-only sibling iteration without allocating: for (c = n.firstChild(); c; c = c.nextSibling()).
  XmlNode firstChild() const;
  XmlNode nextSibling() const;
  std::size_t childCount() const;
  // The text of a child leaf: nullopt when the element is missing, "" when it is empty.
  std::optional<std::string> value(std::string_view childName) const;
  // Text of the leaf at a path such as "QualificationConfirmSearchInfo/InsurerNumber".
  std::optional<std::string> valueAt(std::string_view path) const;

  // An owned copy of this element and everything below it.
  XmlElement toElement() const;

 private:
  friend class XmlDocument;
  explicit XmlNode(void* node) : node_(node) {}
  void* node_ = nullptr;  // pugi::xml_node_struct*
};

// One element as the walk sees it: name and (for a leaf) text already read, so that a visitor makes
// no further calls into the parser for them.
struct WalkedElement {
  XmlNode node;
  std::string_view name;
  std::string_view text;  // "" for a group
};

class XmlDocument {
 public:
  // Throws DecodeError (Empty, TooLarge, UnsupportedEncoding, EncodingMismatch, InvalidBytes,
  // DoctypeRefused, Truncated, Malformed).
  static std::shared_ptr<XmlDocument> parse(std::string_view bytes, const ReadLimits& limits = {});

  ~XmlDocument();
  XmlDocument(const XmlDocument&) = delete;
  XmlDocument& operator=(const XmlDocument&) = delete;

  XmlNode root() const;
  const DetectedEncoding& encoding() const { return encoding_; }

  // Visits every element (the root included) once, depth-first without recursion, with its child
  // elements (empty for a leaf); the children's names are read, their texts not yet.
  // Throws DecodeError TooDeep past maxDepth, MixedContent for text beside child elements. Text
  // split by comments or CDATA is joined first. Appends a warning when attributes are present.
  template <typename Visit>
  void walk(int maxDepth, Visit&& visit, std::vector<std::string>& warnings) {
    walkWith(maxDepth, &visit,
             [](void* v, const WalkedElement& e, const std::vector<WalkedElement>& c) { (*static_cast<Visit*>(v))(e, c); },
             warnings);
  }

 private:
  // The walk itself, behind a plain function pointer: called for every element, so no std::function.
  using VisitFn = void (*)(void* visitor, const WalkedElement& element, const std::vector<WalkedElement>& children);
  void walkWith(int maxDepth, void* visitor, VisitFn visit, std::vector<std::string>& warnings);

  XmlDocument();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  DetectedEncoding encoding_;
};

}  // namespace rececon::linkage
