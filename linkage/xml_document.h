#pragma once
// A decoded linkage file: its text (UTF-8) and element tree, read through XmlNode views.
// Parsing is safe against hostile input: size cap, encoding by BOM and declaration with strict
// decoding, DOCTYPE/ENTITY refused, truncation told apart from malformed XML, depth capped, mixed
// content refused. pugixml parses; one pass over its tree (iterative) then builds a compact array of
// elements — name, text, links, catalog entry — that every later read uses without calling the
// parser again. Immutable after parse(); any thread may read it.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linkage/text_encoding.h"
#include "linkage/xml_element.h"

namespace rececon::linkage {

struct ElementInfo;

struct ReadLimits {
  std::size_t maxBytes = 64 * 1024 * 1024;  // a 10,000-person bulk result is about 15 MiB
  int maxDepth = 16;                         // the deepest path in the contract is 7 levels
};

// One element of a decoded document.
struct FlatElement {
  std::string_view name;
  std::string_view text;                 // a leaf's text ("" for <X/>); "" for a group
  const ElementInfo* info = nullptr;     // the contract's entry for this name; nullptr when unknown
  const FlatElement* firstChild = nullptr;
  const FlatElement* nextSibling = nullptr;
  std::uint32_t childCount = 0;
};

// A read-only view of one element; valid while its XmlDocument lives. A default-constructed or
// missing node is false.
class XmlNode {
 public:
  XmlNode() = default;
  explicit XmlNode(const FlatElement* element) : e_(element) {}
  explicit operator bool() const { return e_ != nullptr; }

  std::string_view name() const { return e_ ? e_->name : std::string_view(); }
  // The text of a leaf ("" for <X/> and <X></X>); "" for a group.
  std::string_view text() const { return e_ ? e_->text : std::string_view(); }
  bool isLeaf() const { return !e_ || !e_->firstChild; }
  // The contract's entry for this element (label, code table); nullptr when the contract does not know it.
  const ElementInfo* info() const { return e_ ? e_->info : nullptr; }

  // The first child element with this name; a false node when there is none.
  XmlNode child(std::string_view childName) const;
  std::vector<XmlNode> all(std::string_view childName) const;
  std::vector<XmlNode> children() const;
  // Sibling iteration without allocating: for (c = n.firstChild(); c; c = c.nextSibling()).
  XmlNode firstChild() const { return XmlNode(e_ ? e_->firstChild : nullptr); }
  XmlNode nextSibling() const { return XmlNode(e_ ? e_->nextSibling : nullptr); }
  std::size_t childCount() const { return e_ ? e_->childCount : 0; }
  // The text of a child leaf: nullopt when the element is missing, "" when it is empty.
  std::optional<std::string> value(std::string_view childName) const;
  // Text of the leaf at a path such as "QualificationConfirmSearchInfo/InsurerNumber".
  std::optional<std::string> valueAt(std::string_view path) const;

  // An owned copy of this element and everything below it.
  XmlElement toElement() const;

 private:
  const FlatElement* e_ = nullptr;
};

class XmlDocument {
 public:
  // Throws DecodeError (Empty, TooLarge, UnsupportedEncoding, EncodingMismatch, InvalidBytes,
  // DoctypeRefused, Truncated, Malformed, TooDeep, MixedContent).
  static std::shared_ptr<XmlDocument> parse(std::string_view bytes, const ReadLimits& limits = {});

  ~XmlDocument();
  XmlDocument(const XmlDocument&) = delete;
  XmlDocument& operator=(const XmlDocument&) = delete;

  XmlNode root() const;
  const DetectedEncoding& encoding() const { return encoding_; }
  // All elements, the root first, in document order.
  const std::vector<FlatElement>& elements() const;
  // Japanese notes made while reading (attributes ignored).
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  struct Token {};  // lets parse() use make_shared while nobody else can construct one

 public:
  explicit XmlDocument(Token);

 private:
  void flatten(int maxDepth);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  DetectedEncoding encoding_;
  std::vector<std::string> warnings_;
};

}  // namespace rececon::linkage
