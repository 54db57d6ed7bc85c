#include "linkage/message_schema.h"

#include <map>
#include <set>

#include "linkage/code_tables.h"
#include "linkage/decode_error.h"

namespace rececon::linkage {
namespace {

// Lists that exist in every kind where their parent appears.
bool isListPair(std::string_view parent, std::string_view child) {
  return (parent == "ResultList" && child == "ResultOfQualificationConfirmation") ||
         (parent == "SpecificDiseasesCertificateList" && child == "SpecificDiseasesCertificateInfo") ||
         (parent == "PublicExpenseResultList" && child == "MedicalTicketInfo");
}

std::string labelled(std::string_view element) {
  const auto label = elementLabel(element);
  return "<" + std::string(element) + ">" + (label ? "（" + *label + "）" : "");
}

}  // namespace

bool mayRepeat(MessageKind kind, std::string_view parent, std::string_view child) {
  if (!elementLabel(child)) return true;
  if (isListPair(parent, child)) return true;
  if (parent != "MessageBody") return false;
  switch (kind) {
    case MessageKind::BulkCheckRequest: return child == "QualificationConfirmSearchInfo";
    case MessageKind::BulkCheckResult: return child == "BulkConfirmUnit";
    case MessageKind::BulkReferenceRequest: return child == "ReferenceNumberRegistrationInfo";
    default: return false;
  }
}

void validateStructure(MessageKind kind, const XmlElement& root, std::vector<std::string>& warnings) {
  if (root.name != "XmlMsg") {
    throw DecodeError(DecodeErrorCode::WrongRoot, "ルート要素が <" + root.name + "> です（<XmlMsg> のはずです）。");
  }
  for (const char* section : {"MessageHeader", "MessageBody"}) {
    const auto count = root.all(section).size();
    if (count != 1) {
      throw DecodeError(DecodeErrorCode::WrongRoot, std::string("<") + section + "> が" + std::to_string(count) +
                                                        "個あります（1個のはずです）。");
    }
  }
  std::set<std::string> unknown;
  std::set<std::string> unknownCodes;
  std::vector<const XmlElement*> pending{&root};
  while (!pending.empty()) {
    const XmlElement* element = pending.back();
    pending.pop_back();
    std::map<std::string_view, int> seen;
    for (const XmlElement& child : element->children) {
      if (++seen[child.name] == 2 && !mayRepeat(kind, element->name, child.name)) {
        throw DecodeError(DecodeErrorCode::DuplicateElement,
                          labelled(child.name) + " が " + labelled(element->name) + " の中に2回以上あります。");
      }
      if (!elementLabel(child.name)) unknown.insert(child.name);
      if (child.isLeaf() && !child.text.empty() && hasCodeTable(child.name) && !codeLabel(child.name, child.text)) {
        unknownCodes.insert(child.name + "=" + child.text);
      }
      pending.push_back(&child);
    }
  }
  for (const auto& name : unknown) warnings.push_back("未知の要素 <" + name + "> をそのまま保持しました。");
  for (const auto& code : unknownCodes) warnings.push_back("コード表にない値 " + code + " をそのまま保持しました。");
}

std::optional<MessageKind> inferKind(const XmlElement& root) {
  const XmlElement* header = root.child("MessageHeader");
  const XmlElement* body = root.child("MessageBody");
  if (!header || !body) return std::nullopt;
  const bool isResult = header->child("SegmentOfResult") != nullptr;
  if (body->child("BulkConfirmUnit") || (isResult && header->child("NumberOfProcessingResult"))) {
    return MessageKind::BulkCheckResult;
  }
  if (isResult && header->child("ReceptionNumber")) return MessageKind::BulkCheckResult;
  if (isResult && body->child("ReceptionNumber")) return MessageKind::BulkCheckAccept;
  if (!isResult && body->child("ReceptionNumber")) return MessageKind::BulkCheckDownloadRequest;
  if (body->child("EmergencySearchInfo")) return MessageKind::EmergencySearchRequest;
  if (const auto registrations = body->all("ReferenceNumberRegistrationInfo"); !registrations.empty()) {
    return registrations.size() > 1 ? MessageKind::BulkReferenceRequest : MessageKind::ReferenceRegistrationRequest;
  }
  if (isResult) {
    if (header->value("ReferenceClassification") == std::optional<std::string>("1")) return MessageKind::FaceResult;
    if (body->child("NumberOfCandidates")) return MessageKind::EmergencySearchResult;
    if (body->child("ResultList") || body->child("QualificationValidity") || header->child("ReferenceClassification")) {
      return MessageKind::SingleCheckResult;
    }
    return MessageKind::ReferenceRegistrationResult;
  }
  if (const auto searches = body->all("QualificationConfirmSearchInfo"); !searches.empty()) {
    return searches.size() > 1 ? MessageKind::BulkCheckRequest : MessageKind::SingleCheckRequest;
  }
  return std::nullopt;
}

}  // namespace rececon::linkage
