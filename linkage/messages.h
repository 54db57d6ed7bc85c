#pragma once
// Typed views of every message kind (oqs-interface.md §2–§9), readable from a decoded document and
// writable as an XmlElement tree. Every value is a string exactly as in the file (Text: nullopt =
// element absent, "" = present but empty); codes are interpreted by the application, not here.
// Elements the contract lists but these structs do not name (consents for 薬剤/診療/…, 医療扶助 tickets,
// anything new) are kept in `other` in document order, so nothing read is lost when written again.
// Pure; any thread.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "linkage/xml_document.h"
#include "linkage/xml_element.h"

namespace rececon::linkage {

using Text = std::optional<std::string>;
using OtherElements = std::vector<XmlElement>;

// QualificationConfirmSearchInfo: the keys of one person (request, and echoed in results).
struct SearchKey {
  Text insurerNumber, symbol, number, branch, birthdate, limitConsent, arbitraryIdentifier;
  bool operator==(const SearchKey&) const = default;
};

struct ElderlyRecipient {  // ElderlyRecipientCertificateInfo
  Text certificateDate, validStart, validEnd, contributionRatio;
  bool operator==(const ElderlyRecipient&) const = default;
};

struct LimitCertificate {  // LimitApplicationCertificateRelatedInfo
  Text classification, classificationFlag, issueDate, validStart, validEnd, longTermDate;
  bool operator==(const LimitCertificate&) const = default;
};

struct SpecificDisease {  // SpecificDiseasesCertificateInfo
  Text category, issueDate, validStart, validEnd, selfPay;
  bool operator==(const SpecificDisease&) const = default;
};

// ResultOfQualificationConfirmation.
struct Qualification {
  Text cardClassification, insurerNumber, symbol, number, branch, personalFamily, insuredName, name, nameOfOther,
      nameKana, nameOfOtherKana, sex1, sex2, birthdate, address, postNumber, qualificationDate, disqualificationDate,
      certificateIssuanceDate, cardValidDate, cardExpirationDate, partialContributionRatio, preschool, reasonOfLoss,
      insurerName, limitConsent, limitConsentTime, limitCertificateChanged, specificDiseasesConsent,
      specificDiseasesConsentTime, referenceNumber, arbitraryIdentifier;
  Text publicExpenseNumber, beneficiaryNumber, welfareOfficeName;  // 医療扶助: 公費負担者番号, 受給者番号, 福祉事務所
  std::optional<ElderlyRecipient> elderly;
  std::optional<LimitCertificate> limitCertificate;
  std::vector<SpecificDisease> specificDiseases;
  OtherElements other;
  bool operator==(const Qualification&) const = default;
};

struct RequestHeader {
  Text confirmationDate, institutionCode, fileIdentifier, medicalTreatmentFlag;
  bool operator==(const RequestHeader&) const = default;
};

struct ResultHeader {
  Text processExecutionTime, confirmationDate, institutionCode, fileIdentifier, referenceClassification,
      receptionNumber, segmentOfResult, errorCode, errorMessage, processedCount, normalCount, errorCount,
      characterCode;
  OtherElements other;
  bool operator==(const ResultHeader&) const = default;
};

// OQSsiquc01req_ (OQS-IF-001)
struct SingleCheckRequest {
  RequestHeader header;
  SearchKey key;
  bool operator==(const SingleCheckRequest&) const = default;
};

// OQSmuquc01req_ (OQS-IF-005)
struct BulkCheckRequest {
  RequestHeader header;
  std::vector<SearchKey> keys;
  bool operator==(const BulkCheckRequest&) const = default;
};

// OQSmuquc02req_ / OQSmuimm02req_ (download by reception number)
struct DownloadRequest {
  Text institutionCode, receptionNumber;
  bool operator==(const DownloadRequest&) const = default;
};

struct ReferenceRegistration {  // ReferenceNumberRegistrationInfo
  Text referenceNumber, insurerNumber, symbol, number, branch;
  bool operator==(const ReferenceRegistration&) const = default;
};

// OQSsiimm01req_ (one entry) / OQSmuimm01req_ (many)
struct ReferenceRegistrationRequest {
  RequestHeader header;
  std::vector<ReferenceRegistration> entries;
  bool operator==(const ReferenceRegistrationRequest&) const = default;
};

// Provisional (oqs-interface.md §9): element names are placeholders until the official layout is known.
struct EmergencySearch {
  Text name, nameKana, birthdate, sex, address, insurerName;
  bool operator==(const EmergencySearch&) const = default;
};

struct EmergencySearchRequest {
  RequestHeader header;
  EmergencySearch search;
  bool operator==(const EmergencySearchRequest&) const = default;
};

// OQSsiquc01res_ and face results (OQS-IF-002); also the provisional emergency result.
struct QualificationResult {
  ResultHeader header;
  Text processingStatus, processingCode, processingMessage, validity, prescriptionIssueSelect, numberOfCandidates;
  std::optional<SearchKey> searchInfo;
  std::vector<Qualification> qualifications;
  OtherElements other;
  bool operator==(const QualificationResult&) const = default;
};

// OQSmuquc01res_ / OQSmuimm01res_ (upload accepted: reception number)
struct AcceptResult {
  ResultHeader header;
  Text receptionNumber, receptionDateTime, processingStatus, processingCode, processingMessage;
  OtherElements other;
  bool operator==(const AcceptResult&) const = default;
};

struct BulkUnit {  // BulkConfirmUnit
  std::optional<SearchKey> searchInfo;
  Text processingStatus, processingCode, processingMessage, validity, referenceNumber;
  std::optional<Qualification> qualification;
  OtherElements other;
  // What makes this unit unusable while the rest of the file is fine (an element given twice), in
  // Japanese; empty for a sound unit. Such a unit is never applied.
  std::vector<std::string> problems;
  bool operator==(const BulkUnit&) const = default;
};

// OQSmuquc02res_ (OQS-IF-008)
struct BulkResult {
  ResultHeader header;
  std::vector<BulkUnit> units;
  OtherElements other;
  bool operator==(const BulkResult&) const = default;
};

// One person of a bulk registration result (BulkRegistrationUnit). Reconstructed from public evidence: a
// reader of the real OQSmuimm02res (YUKI-ENT/MynaReception, ReferenceNumberResultParser.cs) takes one unit per
// patient, with ReferenceNumberRegistrationInfo and its own ProcessingResultStatus (1 done, 2 error) and code.
struct RegistrationUnit {
  ReferenceRegistration entry;  // as echoed
  Text processingStatus, processingCode, processingMessage;
  bool operator==(const RegistrationUnit&) const = default;
};

// OQSsiimm01res_ / OQSmuimm02res_: a body-level status, and for the bulk form one unit per person when the
// linkage app writes them (read them first; the body level is the fallback).
struct RegistrationResult {
  ResultHeader header;
  Text processingStatus, processingCode, processingMessage;
  std::vector<RegistrationUnit> units;
  OtherElements other;
  bool operator==(const RegistrationResult&) const = default;
};

// Reading: root is the XmlMsg of a decoded message of the matching kind.
SingleCheckRequest readSingleCheckRequest(XmlNode root);
BulkCheckRequest readBulkCheckRequest(XmlNode root);
DownloadRequest readDownloadRequest(XmlNode root);
ReferenceRegistrationRequest readReferenceRegistrationRequest(XmlNode root);
EmergencySearchRequest readEmergencySearchRequest(XmlNode root);
QualificationResult readQualificationResult(XmlNode root);
AcceptResult readAcceptResult(XmlNode root);
BulkResult readBulkResult(XmlNode root);
RegistrationResult readRegistrationResult(XmlNode root);

// Writing: the XmlMsg tree, elements in the contract's order, absent values left out.
XmlElement toXml(const SingleCheckRequest& m);
XmlElement toXml(const BulkCheckRequest& m);
XmlElement toXml(const DownloadRequest& m);
XmlElement toXml(const ReferenceRegistrationRequest& m);
XmlElement toXml(const EmergencySearchRequest& m);
XmlElement toXml(const QualificationResult& m);
XmlElement toXml(const AcceptResult& m);
XmlElement toXml(const BulkResult& m);
XmlElement toXml(const RegistrationResult& m);

}  // namespace rececon::linkage
