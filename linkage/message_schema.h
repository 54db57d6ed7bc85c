#pragma once
// What the contract says about a message's structure: the XmlMsg/MessageHeader/MessageBody frame,
// which elements may repeat, and how to tell a message's kind from its content. Unknown elements and
// unknown code values are kept and reported as warnings, never rejected. Pure; any thread.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linkage/message_kind.h"
#include "linkage/xml_document.h"

namespace rececon::linkage {

// True when `child` may appear more than once inside `parent` in a message of this kind
// (e.g. BulkConfirmUnit in MessageBody of a bulk result). Unknown elements may repeat.
bool mayRepeat(MessageKind kind, std::string_view parent, std::string_view child);

// Checks the frame and that no single-valued element repeats. Throws DecodeError (WrongRoot,
// DuplicateElement). Appends Japanese warnings for unknown elements and unknown code values.
void validateStructure(MessageKind kind, const XmlDocument& document, std::vector<std::string>& warnings);

// The kind a document's content points to when its file name does not tell (support staff decoding
// a renamed file); nullopt when nothing fits. Looks at the header and body only.
std::optional<MessageKind> inferKind(XmlNode root);

}  // namespace rececon::linkage
