#include "linkage/message_schema.h"

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
  const ElementInfo* info = elementInfo(element);
  return "<" + std::string(element) + ">" + (info ? "（" + std::string(info->label) + "）" : "");
}

void checkFrame(XmlNode root) {
  if (root.name() != "XmlMsg") {
    throw DecodeError(DecodeErrorCode::WrongRoot, "ルート要素が <" + std::string(root.name()) + "> です（<XmlMsg> のはずです）。");
  }
  for (const char* section : {"MessageHeader", "MessageBody"}) {
    const auto count = root.all(section).size();
    if (count != 1) {
      throw DecodeError(DecodeErrorCode::WrongRoot, std::string("<") + section + "> が" + std::to_string(count) +
                                                        "個あります（1個のはずです）。");
    }
  }
}

// Inside one bulk unit a repeated element is that unit's problem, not the file's: the reader marks the unit
// (BulkUnit::problems) and the other units of the night still reconcile.
bool unitDecidesRepeats(MessageKind kind, std::string_view parent) {
  return kind == MessageKind::BulkCheckResult && parent == "BulkConfirmUnit";
}

}  // namespace

bool mayRepeat(MessageKind kind, std::string_view parent, std::string_view child) {
  if (!elementInfo(child)) return true;
  if (isListPair(parent, child)) return true;
  if (parent != "MessageBody") return false;
  switch (kind) {
    case MessageKind::BulkCheckRequest: return child == "QualificationConfirmSearchInfo";
    case MessageKind::BulkCheckResult: return child == "BulkConfirmUnit";
    case MessageKind::BulkReferenceRequest: return child == "ReferenceNumberRegistrationInfo";
    case MessageKind::BulkReferenceResult: return child == "BulkRegistrationUnit";
    default: return false;
  }
}

void validateStructure(MessageKind kind, const XmlDocument& document, std::vector<std::string>& warnings) {
  checkFrame(document.root());
  std::set<std::string, std::less<>> unknown;
  std::set<std::string, std::less<>> unknownCodes;
  thread_local std::vector<std::string_view> seen;  // names of one element's children (few distinct)
  for (const FlatElement& element : document.elements()) {
    if (!element.info) {
      unknown.emplace(element.name);
    } else if (element.info->codes && !element.firstChild && !element.text.empty() &&
               element.info->codes->find(element.text) == element.info->codes->end()) {
      unknownCodes.insert(std::string(element.name) + "=" + std::string(element.text));
    }
    if (element.childCount < 2) continue;
    // A linear scan over the distinct names seen so far is cheaper than a map for the handful of
    // names an element has (a bulk body has 10,000 children of one name).
    seen.clear();
    for (const FlatElement* child = element.firstChild; child; child = child->nextSibling) {
      bool repeated = false;
      for (const auto& s : seen) repeated = repeated || s == child->name;
      if (!repeated) {
        seen.push_back(child->name);
      } else if (!mayRepeat(kind, element.name, child->name) && !unitDecidesRepeats(kind, element.name)) {
        throw DecodeError(DecodeErrorCode::DuplicateElement,
                          labelled(child->name) + " が " + labelled(element.name) + " の中に2回以上あります。");
      }
    }
  }
  for (const auto& name : unknown) warnings.push_back("未知の要素 <" + name + "> をそのまま保持しました。");
  for (const auto& code : unknownCodes) warnings.push_back("コード表にない値 " + code + " をそのまま保持しました。");
}

std::optional<MessageKind> inferKind(XmlNode root) {
  const XmlNode header = root.child("MessageHeader");
  const XmlNode body = root.child("MessageBody");
  if (!header || !body) return std::nullopt;
  const bool isResult = static_cast<bool>(header.child("SegmentOfResult"));
  if (body.child("BulkConfirmUnit") || (isResult && header.child("NumberOfProcessingResult"))) {
    return MessageKind::BulkCheckResult;
  }
  if (isResult && header.child("ReceptionNumber")) return MessageKind::BulkCheckResult;
  if (isResult && body.child("ReceptionNumber")) return MessageKind::BulkCheckAccept;
  if (!isResult && body.child("ReceptionNumber")) return MessageKind::BulkCheckDownloadRequest;
  if (body.child("EmergencySearchInfo")) return MessageKind::EmergencySearchRequest;
  if (const auto registrations = body.all("ReferenceNumberRegistrationInfo"); !registrations.empty()) {
    return registrations.size() > 1 ? MessageKind::BulkReferenceRequest : MessageKind::ReferenceRegistrationRequest;
  }
  if (isResult) {
    if (header.value("ReferenceClassification") == std::optional<std::string>("1")) return MessageKind::FaceResult;
    if (body.child("NumberOfCandidates")) return MessageKind::EmergencySearchResult;
    if (body.child("ResultList") || body.child("QualificationValidity") || header.child("ReferenceClassification")) {
      return MessageKind::SingleCheckResult;
    }
    return MessageKind::ReferenceRegistrationResult;
  }
  if (const auto searches = body.all("QualificationConfirmSearchInfo"); !searches.empty()) {
    return searches.size() > 1 ? MessageKind::BulkCheckRequest : MessageKind::SingleCheckRequest;
  }
  return std::nullopt;
}

}  // namespace rececon::linkage
