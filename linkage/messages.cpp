#include "linkage/messages.h"

#include "linkage/code_tables.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace rececon::linkage {
namespace {

// One table per struct maps element names to members; reading and writing both walk it, so the
// two directions cannot disagree.
template <typename T>
struct Field {
  std::string_view element;
  Text T::*member;
};

// A table with its members indexed by element id (code_tables.h): reading a field is one catalog
// lookup, not a scan through the table. Built during static initialisation, read-only afterwards.
template <typename T>
class FieldTable {
 public:
  FieldTable(std::initializer_list<Field<T>> fields) : fields_(fields), byId_(knownElementCount(), nullptr) {
    for (const auto& f : fields_) byId_[static_cast<std::size_t>(elementInfo(f.element)->id)] = f.member;
  }
  const std::vector<Field<T>>& fields() const { return fields_; }
  Text T::*memberFor(const ElementInfo& info) const { return byId_[static_cast<std::size_t>(info.id)]; }

 private:
  std::vector<Field<T>> fields_;
  std::vector<Text T::*> byId_;
};

const FieldTable<SearchKey> kSearchKey{
    {"InsurerNumber", &SearchKey::insurerNumber},
    {"InsuredCardSymbol", &SearchKey::symbol},
    {"InsuredIdentificationNumber", &SearchKey::number},
    {"InsuredBranchNumber", &SearchKey::branch},
    {"Birthdate", &SearchKey::birthdate},
    {"LimitApplicationCertificateRelatedConsFlg", &SearchKey::limitConsent},
    {"ArbitraryIdentifier", &SearchKey::arbitraryIdentifier},
};

const FieldTable<ElderlyRecipient> kElderly{
    {"ElderlyRecipientCertificateDate", &ElderlyRecipient::certificateDate},
    {"ElderlyRecipientValidStartDate", &ElderlyRecipient::validStart},
    {"ElderlyRecipientValidEndDate", &ElderlyRecipient::validEnd},
    {"ElderlyRecipientContributionRatio", &ElderlyRecipient::contributionRatio},
};

const FieldTable<LimitCertificate> kLimit{
    {"LimitApplicationCertificateClassification", &LimitCertificate::classification},
    {"LimitApplicationCertificateClassificationFlag", &LimitCertificate::classificationFlag},
    {"LimitApplicationCertificateDate", &LimitCertificate::issueDate},
    {"LimitApplicationCertificateValidStartDate", &LimitCertificate::validStart},
    {"LimitApplicationCertificateValidEndDate", &LimitCertificate::validEnd},
    {"LimitApplicationCertificateLongTermDate", &LimitCertificate::longTermDate},
};

const FieldTable<SpecificDisease> kDisease{
    {"SpecificDiseasesDiseaseCategory", &SpecificDisease::category},
    {"SpecificDiseasesCertificateDate", &SpecificDisease::issueDate},
    {"SpecificDiseasesValidStartDate", &SpecificDisease::validStart},
    {"SpecificDiseasesValidEndDate", &SpecificDisease::validEnd},
    {"SpecificDiseasesSelfPay", &SpecificDisease::selfPay},
};

const FieldTable<Qualification> kQualification{
    {"InsuredCardClassification", &Qualification::cardClassification},
    {"InsurerNumber", &Qualification::insurerNumber},
    {"InsuredCardSymbol", &Qualification::symbol},
    {"InsuredIdentificationNumber", &Qualification::number},
    {"InsuredBranchNumber", &Qualification::branch},
    {"PersonalFamilyClassification", &Qualification::personalFamily},
    {"InsuredName", &Qualification::insuredName},
    {"Name", &Qualification::name},
    {"NameOfOther", &Qualification::nameOfOther},
    {"NameKana", &Qualification::nameKana},
    {"NameOfOtherKana", &Qualification::nameOfOtherKana},
    {"Sex1", &Qualification::sex1},
    {"Sex2", &Qualification::sex2},
    {"Birthdate", &Qualification::birthdate},
    {"Address", &Qualification::address},
    {"PostNumber", &Qualification::postNumber},
    {"QualificationDate", &Qualification::qualificationDate},
    {"DisqualificationDate", &Qualification::disqualificationDate},
    {"InsuredCertificateIssuanceDate", &Qualification::certificateIssuanceDate},
    {"InsuredCardValidDate", &Qualification::cardValidDate},
    {"InsuredCardExpirationDate", &Qualification::cardExpirationDate},
    {"InsuredPartialContributionRatio", &Qualification::partialContributionRatio},
    {"PreschoolClassification", &Qualification::preschool},
    {"ReasonOfLoss", &Qualification::reasonOfLoss},
    {"InsurerName", &Qualification::insurerName},
    {"PublicExpenseNumber", &Qualification::publicExpenseNumber},
    {"BeneficiaryNumber", &Qualification::beneficiaryNumber},
    {"WelfareOfficeName", &Qualification::welfareOfficeName},
    {"LimitApplicationCertificateRelatedConsFlg", &Qualification::limitConsent},
    {"LimitApplicationCertificateRelatedConsTime", &Qualification::limitConsentTime},
    {"LimitApplicationCertificateChanged", &Qualification::limitCertificateChanged},
    {"SpecificDiseasesCertificateRelatedConsFlg", &Qualification::specificDiseasesConsent},
    {"SpecificDiseasesCertificateRelatedConsTime", &Qualification::specificDiseasesConsentTime},
    {"ReferenceNumber", &Qualification::referenceNumber},
    {"ArbitraryIdentifier", &Qualification::arbitraryIdentifier},
};

const FieldTable<RequestHeader> kRequestHeader{
    {"QualificationConfirmationDate", &RequestHeader::confirmationDate},
    {"MedicalInstitutionCode", &RequestHeader::institutionCode},
    {"ArbitraryFileIdentifier", &RequestHeader::fileIdentifier},
    {"MedicalTreatmentFlag", &RequestHeader::medicalTreatmentFlag},
};

const FieldTable<ResultHeader> kResultHeader{
    {"ProcessExecutionTime", &ResultHeader::processExecutionTime},
    {"QualificationConfirmationDate", &ResultHeader::confirmationDate},
    {"MedicalInstitutionCode", &ResultHeader::institutionCode},
    {"ArbitraryFileIdentifier", &ResultHeader::fileIdentifier},
    {"ReferenceClassification", &ResultHeader::referenceClassification},
    {"ReceptionNumber", &ResultHeader::receptionNumber},
    {"SegmentOfResult", &ResultHeader::segmentOfResult},
    {"ErrorCode", &ResultHeader::errorCode},
    {"ErrorMessage", &ResultHeader::errorMessage},
    {"NumberOfProcessingResult", &ResultHeader::processedCount},
    {"NumberOfNormalProcessing", &ResultHeader::normalCount},
    {"NumberOfError", &ResultHeader::errorCount},
    {"CharacterCodeIdentifier", &ResultHeader::characterCode},
};

const FieldTable<DownloadRequest> kDownloadHeader{{"MedicalInstitutionCode", &DownloadRequest::institutionCode}};
const FieldTable<DownloadRequest> kDownloadBody{{"ReceptionNumber", &DownloadRequest::receptionNumber}};

const FieldTable<ReferenceRegistration> kRegistration{
    {"ReferenceNumber", &ReferenceRegistration::referenceNumber},
    {"InsurerNumber", &ReferenceRegistration::insurerNumber},
    {"InsuredCardSymbol", &ReferenceRegistration::symbol},
    {"InsuredIdentificationNumber", &ReferenceRegistration::number},
    {"InsuredBranchNumber", &ReferenceRegistration::branch},
};

const FieldTable<EmergencySearch> kEmergency{
    {"Name", &EmergencySearch::name},
    {"NameKana", &EmergencySearch::nameKana},
    {"Birthdate", &EmergencySearch::birthdate},
    {"Sex1", &EmergencySearch::sex},
    {"Address", &EmergencySearch::address},
    {"InsurerName", &EmergencySearch::insurerName},
};

const FieldTable<QualificationResult> kQualificationBody{
    {"ProcessingResultStatus", &QualificationResult::processingStatus},
    {"ProcessingResultCode", &QualificationResult::processingCode},
    {"ProcessingResultMessage", &QualificationResult::processingMessage},
    {"QualificationValidity", &QualificationResult::validity},
    {"PrescriptionIssueSelect", &QualificationResult::prescriptionIssueSelect},
    {"NumberOfCandidates", &QualificationResult::numberOfCandidates},
};

const FieldTable<AcceptResult> kAcceptBody{
    {"ReceptionNumber", &AcceptResult::receptionNumber},
    {"ReceptionDateTime", &AcceptResult::receptionDateTime},
    {"ProcessingResultStatus", &AcceptResult::processingStatus},
    {"ProcessingResultCode", &AcceptResult::processingCode},
    {"ProcessingResultMessage", &AcceptResult::processingMessage},
};

const FieldTable<BulkUnit> kBulkUnit{
    {"ProcessingResultStatus", &BulkUnit::processingStatus},
    {"ProcessingResultCode", &BulkUnit::processingCode},
    {"ProcessingResultMessage", &BulkUnit::processingMessage},
    {"QualificationValidity", &BulkUnit::validity},
    {"ReferenceNumber", &BulkUnit::referenceNumber},
};

const FieldTable<RegistrationResult> kRegistrationBody{
    {"ProcessingResultStatus", &RegistrationResult::processingStatus},
    {"ProcessingResultCode", &RegistrationResult::processingCode},
    {"ProcessingResultMessage", &RegistrationResult::processingMessage},
};

// Sets the member named by the child's element; false when the table has no such element.
template <typename T>
bool readField(XmlNode child, T& out, const FieldTable<T>& table) {
  const ElementInfo* info = child.info();  // resolved once when the document was read
  if (!info) return false;
  Text T::*member = table.memberFor(*info);
  if (!member) return false;
  (out.*member).emplace(child.text());
  return true;
}

// Reads every child of node that the table names; the rest go to other (or are dropped when null).
template <typename T>
void readAll(XmlNode node, T& out, const FieldTable<T>& fields, OtherElements* other) {
  for (XmlNode c = node.firstChild(); c; c = c.nextSibling()) {
    if (!readField(c, out, fields) && other) other->push_back(c.toElement());
  }
}

template <typename T>
void writeAll(XmlElement& into, const T& in, const FieldTable<T>& table) {
  for (const auto& f : table.fields()) into.add(std::string(f.element), in.*(f.member));
}

void appendOther(XmlElement& into, const OtherElements& other) {
  into.children.insert(into.children.end(), other.begin(), other.end());
}

SearchKey readSearchKey(XmlNode node) {
  SearchKey k;
  readAll(node, k, kSearchKey, nullptr);
  return k;
}

void writeSearchKey(XmlElement& parent, const SearchKey& k) {
  writeAll(parent.addGroup("QualificationConfirmSearchInfo"), k, kSearchKey);
}

void readQualification(XmlNode node, Qualification& q) {
  for (XmlNode c = node.firstChild(); c; c = c.nextSibling()) {
    if (readField(c, q, kQualification)) continue;
    const std::string_view name = c.name();
    if (name == "ElderlyRecipientCertificateInfo") {
      readAll(c, q.elderly.emplace(), kElderly, nullptr);
    } else if (name == "LimitApplicationCertificateRelatedInfo") {
      readAll(c, q.limitCertificate.emplace(), kLimit, nullptr);
    } else if (name == "SpecificDiseasesCertificateList") {
      for (const XmlNode info : c.all("SpecificDiseasesCertificateInfo")) readAll(info, q.specificDiseases.emplace_back(), kDisease, nullptr);
    } else {
      q.other.push_back(c.toElement());
    }
  }
}

void writeQualification(XmlElement& parent, const Qualification& q) {
  XmlElement& e = parent.addGroup("ResultOfQualificationConfirmation");
  writeAll(e, q, kQualification);
  if (q.elderly) writeAll(e.addGroup("ElderlyRecipientCertificateInfo"), *q.elderly, kElderly);
  if (q.limitCertificate) writeAll(e.addGroup("LimitApplicationCertificateRelatedInfo"), *q.limitCertificate, kLimit);
  if (!q.specificDiseases.empty()) {
    XmlElement& list = e.addGroup("SpecificDiseasesCertificateList");
    for (const auto& d : q.specificDiseases) writeAll(list.addGroup("SpecificDiseasesCertificateInfo"), d, kDisease);
  }
  appendOther(e, q.other);
}

ResultHeader readResultHeader(XmlNode root) {
  ResultHeader h;
  readAll(root.child("MessageHeader"), h, kResultHeader, &h.other);
  return h;
}

XmlElement messageFrame() {
  XmlElement root{"XmlMsg", {}, {}};
  root.children.reserve(2);
  root.addGroup("MessageHeader");
  root.addGroup("MessageBody");
  return root;
}

XmlElement& headerOf(XmlElement& root) { return root.children[0]; }
XmlElement& bodyOf(XmlElement& root) { return root.children[1]; }

RequestHeader readRequestHeader(XmlNode root) {
  RequestHeader h;
  readAll(root.child("MessageHeader"), h, kRequestHeader, nullptr);
  return h;
}

XmlElement requestFrame(const RequestHeader& h) {
  XmlElement root = messageFrame();
  writeAll(headerOf(root), h, kRequestHeader);
  return root;
}

XmlElement resultFrame(const ResultHeader& h) {
  XmlElement root = messageFrame();
  writeAll(headerOf(root), h, kResultHeader);
  appendOther(headerOf(root), h.other);
  return root;
}

}  // namespace

SingleCheckRequest readSingleCheckRequest(XmlNode root) {
  return {readRequestHeader(root), readSearchKey(root.child("MessageBody").child("QualificationConfirmSearchInfo"))};
}

BulkCheckRequest readBulkCheckRequest(XmlNode root) {
  BulkCheckRequest m{readRequestHeader(root), {}};
  for (const XmlNode k : root.child("MessageBody").all("QualificationConfirmSearchInfo")) m.keys.push_back(readSearchKey(k));
  return m;
}

DownloadRequest readDownloadRequest(XmlNode root) {
  DownloadRequest m;
  readAll(root.child("MessageHeader"), m, kDownloadHeader, nullptr);
  readAll(root.child("MessageBody"), m, kDownloadBody, nullptr);
  return m;
}

ReferenceRegistrationRequest readReferenceRegistrationRequest(XmlNode root) {
  ReferenceRegistrationRequest m{readRequestHeader(root), {}};
  for (const XmlNode e : root.child("MessageBody").all("ReferenceNumberRegistrationInfo")) {
    readAll(e, m.entries.emplace_back(), kRegistration, nullptr);
  }
  return m;
}

EmergencySearchRequest readEmergencySearchRequest(XmlNode root) {
  EmergencySearchRequest m{readRequestHeader(root), {}};
  readAll(root.child("MessageBody").child("EmergencySearchInfo"), m.search, kEmergency, nullptr);
  return m;
}

QualificationResult readQualificationResult(XmlNode root) {
  QualificationResult m;
  m.header = readResultHeader(root);
  for (XmlNode c = root.child("MessageBody").firstChild(); c; c = c.nextSibling()) {
    if (readField(c, m, kQualificationBody)) continue;
    if (c.name() == "QualificationConfirmSearchInfo") {
      m.searchInfo = readSearchKey(c);
    } else if (c.name() == "ResultList") {
      for (const XmlNode q : c.all("ResultOfQualificationConfirmation")) readQualification(q, m.qualifications.emplace_back());
    } else {
      m.other.push_back(c.toElement());
    }
  }
  return m;
}

AcceptResult readAcceptResult(XmlNode root) {
  AcceptResult m;
  m.header = readResultHeader(root);
  readAll(root.child("MessageBody"), m, kAcceptBody, &m.other);
  return m;
}

BulkResult readBulkResult(XmlNode root) {
  BulkResult m;
  m.header = readResultHeader(root);
  const XmlNode body = root.child("MessageBody");
  m.units.reserve(body.childCount());
  for (XmlNode c = body.firstChild(); c; c = c.nextSibling()) {
    if (c.name() != "BulkConfirmUnit") {
      m.other.push_back(c.toElement());
      continue;
    }
    BulkUnit& u = m.units.emplace_back();
    std::vector<std::string_view> seen;  // a unit has a handful of children
    for (XmlNode f = c.firstChild(); f; f = f.nextSibling()) {
      if (f.info() && std::find(seen.begin(), seen.end(), f.name()) != seen.end()) {
        u.problems.push_back("<" + std::string(f.name()) + "> が1人分の結果の中に2回以上あります。");
        continue;  // the first one is kept as read; the unit is not applied anyway
      }
      seen.push_back(f.name());
      if (readField(f, u, kBulkUnit)) continue;
      if (f.name() == "QualificationConfirmSearchInfo") u.searchInfo = readSearchKey(f);
      else if (f.name() == "ResultOfQualificationConfirmation") readQualification(f, u.qualification.emplace());
      else u.other.push_back(f.toElement());
    }
  }
  return m;
}

RegistrationResult readRegistrationResult(XmlNode root) {
  RegistrationResult m;
  m.header = readResultHeader(root);
  for (XmlNode c = root.child("MessageBody").firstChild(); c; c = c.nextSibling()) {
    if (c.name() != "BulkRegistrationUnit") {
      if (!readField(c, m, kRegistrationBody)) m.other.push_back(c.toElement());
      continue;
    }
    RegistrationUnit& u = m.units.emplace_back();
    for (XmlNode f = c.firstChild(); f; f = f.nextSibling()) {
      if (f.name() == "ReferenceNumberRegistrationInfo") readAll(f, u.entry, kRegistration, nullptr);
      else if (f.name() == "ProcessingResultStatus") u.processingStatus = std::string(f.text());
      else if (f.name() == "ProcessingResultCode") u.processingCode = std::string(f.text());
      else if (f.name() == "ProcessingResultMessage") u.processingMessage = std::string(f.text());
    }
  }
  return m;
}

XmlElement toXml(const SingleCheckRequest& m) {
  XmlElement root = requestFrame(m.header);
  writeSearchKey(bodyOf(root), m.key);
  return root;
}

XmlElement toXml(const BulkCheckRequest& m) {
  XmlElement root = requestFrame(m.header);
  bodyOf(root).children.reserve(m.keys.size());
  for (const auto& k : m.keys) writeSearchKey(bodyOf(root), k);
  return root;
}

XmlElement toXml(const DownloadRequest& m) {
  XmlElement root = messageFrame();
  writeAll(headerOf(root), m, kDownloadHeader);
  writeAll(bodyOf(root), m, kDownloadBody);
  return root;
}

XmlElement toXml(const ReferenceRegistrationRequest& m) {
  XmlElement root = requestFrame(m.header);
  for (const auto& e : m.entries) writeAll(bodyOf(root).addGroup("ReferenceNumberRegistrationInfo"), e, kRegistration);
  return root;
}

XmlElement toXml(const EmergencySearchRequest& m) {
  XmlElement root = requestFrame(m.header);
  writeAll(bodyOf(root).addGroup("EmergencySearchInfo"), m.search, kEmergency);
  return root;
}

XmlElement toXml(const QualificationResult& m) {
  XmlElement root = resultFrame(m.header);
  XmlElement& body = bodyOf(root);
  writeAll(body, m, kQualificationBody);
  if (m.searchInfo) writeSearchKey(body, *m.searchInfo);
  if (!m.qualifications.empty()) {
    XmlElement& list = body.addGroup("ResultList");
    list.children.reserve(m.qualifications.size());
    for (const auto& q : m.qualifications) writeQualification(list, q);
  }
  appendOther(body, m.other);
  return root;
}

XmlElement toXml(const AcceptResult& m) {
  XmlElement root = resultFrame(m.header);
  writeAll(bodyOf(root), m, kAcceptBody);
  appendOther(bodyOf(root), m.other);
  return root;
}

XmlElement toXml(const BulkResult& m) {
  XmlElement root = resultFrame(m.header);
  XmlElement& body = bodyOf(root);
  body.children.reserve(m.units.size() + m.other.size());
  for (const auto& u : m.units) {
    XmlElement& unit = body.addGroup("BulkConfirmUnit");
    if (u.searchInfo) writeSearchKey(unit, *u.searchInfo);
    writeAll(unit, u, kBulkUnit);
    if (u.qualification) writeQualification(unit, *u.qualification);
    appendOther(unit, u.other);
  }
  appendOther(body, m.other);
  return root;
}

XmlElement toXml(const RegistrationResult& m) {
  XmlElement root = resultFrame(m.header);
  writeAll(bodyOf(root), m, kRegistrationBody);
  for (const auto& u : m.units) {
    XmlElement& unit = bodyOf(root).addGroup("BulkRegistrationUnit");
    writeAll(unit.addGroup("ReferenceNumberRegistrationInfo"), u.entry, kRegistration);
    if (u.processingStatus) unit.add("ProcessingResultStatus", *u.processingStatus);
    if (u.processingCode) unit.add("ProcessingResultCode", *u.processingCode);
    if (u.processingMessage) unit.add("ProcessingResultMessage", *u.processingMessage);
  }
  appendOther(bodyOf(root), m.other);
  return root;
}

}  // namespace rececon::linkage
