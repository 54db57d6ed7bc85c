// Typed messages: every example reads into its struct, writes back, and reads the same again;
// elements the structs do not name survive in `other`.

#include <catch2/catch.hpp>

#include "linkage/code_tables.h"
#include "linkage/codes.h"
#include "linkage/message_codec.h"
#include "linkage/messages.h"
#include "tests/linkage/fixture_files.h"

using namespace rececon::linkage;
using rececon::test::readFixture;

namespace {

DecodedMessage decodeExample(const std::string& file) {
  return decodeMessage(readFixture("examples/" + file), file.substr(file.find('/') + 1));
}

// Writes m in both encodings and reads it back with reader; the result must equal m.
template <typename M, typename Reader>
void checkRoundTrip(const M& m, const std::string& fileName, Reader reader) {
  for (const Encoding encoding : {Encoding::Utf8, Encoding::ShiftJis}) {
    const DecodedMessage again = decodeMessage(encodeMessage(toXml(m), encoding), fileName);
    // A result written in the other encoding still says the first one in CharacterCodeIdentifier:
    // that is the only thing the reader may remark on.
    for (const auto& w : again.warnings) CHECK(w.find("CharacterCodeIdentifier") != std::string::npos);
    CHECK(reader(again.root()) == m);
  }
}

}  // namespace

TEST_CASE("Single check request E1 reads and writes", "[linkage][messages]") {
  const auto m = readSingleCheckRequest(decodeExample("E1/OQSsiquc01req_202501150001.xml").root());
  CHECK(m.header.institutionCode == Text("9919999999"));
  CHECK(m.key.branch == Text("02"));
  CHECK(m.key.limitConsent == Text("1"));
  CHECK(m.key.arbitraryIdentifier == Text("P0000123"));
  checkRoundTrip(m, "OQSsiquc01req_1.xml", readSingleCheckRequest);
}

TEST_CASE("Single result E2 with limit certificate", "[linkage][messages]") {
  const auto m = readQualificationResult(decodeExample("E2/OQSsiquc01res_202501150001.xml").root());
  CHECK(m.header.segmentOfResult == Text("1"));
  CHECK(m.validity == Text("1"));
  REQUIRE(m.searchInfo);
  CHECK(m.searchInfo->arbitraryIdentifier == Text("P0000123"));
  REQUIRE(m.qualifications.size() == 1);
  const Qualification& q = m.qualifications[0];
  CHECK(q.nameKana == Text("ｶｸｳ ﾊﾅｺ"));
  CHECK(q.referenceNumber == Text("123"));
  REQUIRE(q.limitCertificate);
  CHECK(q.limitCertificate->classificationFlag == Text("A03"));
  CHECK_FALSE(q.limitCertificate->longTermDate);
  CHECK_FALSE(q.elderly);
  CHECK(q.other.empty());
  checkRoundTrip(m, "OQSsiquc01res_1.xml", readQualificationResult);
}

TEST_CASE("Errors E3a and E3b keep their codes and messages verbatim", "[linkage][messages]") {
  const auto person = readQualificationResult(decodeExample("E3a/OQSsiquc01res_202501150003.xml").root());
  CHECK(person.processingStatus == Text("2"));
  CHECK(person.processingCode == Text("SIMERR0004"));
  CHECK(person.validity == Text("4"));
  CHECK(person.searchInfo->insurerNumber == Text("  999995"));
  CHECK_FALSE(person.searchInfo->branch);
  CHECK(person.qualifications.empty());
  const auto file = readQualificationResult(decodeExample("E3b/OQSsiquc01res_202501150004.xml").root());
  CHECK(file.header.segmentOfResult == Text("9"));
  CHECK(file.header.errorMessage == Text("（シミュレータ）オンライン資格確認等システムに接続できません。"));
  CHECK_FALSE(file.processingStatus);
  checkRoundTrip(person, "OQSsiquc01res_1.xml", readQualificationResult);
  checkRoundTrip(file, "OQSsiquc01res_1.xml", readQualificationResult);
}

TEST_CASE("Face result E4: consents the structs do not name are kept in order", "[linkage][messages]") {
  const auto m = readQualificationResult(
      decodeExample("E4/OQSsiquc01res_face_99199999990a1b2c3d4e5f60718293_20250115101530.xml").root());
  CHECK(m.header.referenceClassification == Text("1"));
  CHECK(m.prescriptionIssueSelect == Text("1"));
  REQUIRE(m.qualifications.size() == 1);
  const Qualification& q = m.qualifications[0];
  CHECK(q.referenceNumber == Text("4711"));
  CHECK(q.partialContributionRatio == Text("020"));
  REQUIRE(q.other.size() >= 7);
  CHECK(q.other[0].name == "PharmacistsInfoConsFlg");
  checkRoundTrip(m, "OQSsiquc01res_face_x_20250115101530.xml", readQualificationResult);
}

TEST_CASE("Bulk request, acceptance, download and result E5–E9", "[linkage][messages]") {
  const auto request = readBulkCheckRequest(decodeExample("E5/OQSmuquc01req_202501140001.xml").root());
  REQUIRE(request.keys.size() >= 2);
  CHECK(request.header.confirmationDate);
  checkRoundTrip(request, "OQSmuquc01req_1.xml", readBulkCheckRequest);

  const auto accept = readAcceptResult(decodeExample("E6/OQSmuquc01res_202501140001.xml").root());
  CHECK(accept.receptionNumber == Text("SIMRCPT0000000001"));
  checkRoundTrip(accept, "OQSmuquc01res_1.xml", readAcceptResult);

  const auto download = readDownloadRequest(decodeExample("E7/OQSmuquc02req_202501150001.xml").root());
  CHECK(download.receptionNumber == Text("SIMRCPT0000000001"));
  CHECK(download.institutionCode == Text("9919999999"));
  checkRoundTrip(download, "OQSmuquc02req_1.xml", readDownloadRequest);

  const auto result = readBulkResult(decodeExample("E8/OQSmuquc02res_202501150001.xml").root());
  CHECK(result.header.processedCount == Text("2"));
  REQUIRE(result.units.size() == 2);
  CHECK(result.units[0].searchInfo->arbitraryIdentifier == Text("123_1"));
  CHECK(result.units[0].referenceNumber == Text("123"));
  CHECK(result.units[0].qualification->limitCertificateChanged == Text("0"));
  CHECK(result.units[1].validity == Text("4"));
  CHECK_FALSE(result.units[1].qualification);
  checkRoundTrip(result, "OQSmuquc02res_1.xml", readBulkResult);

  const auto notReady = readBulkResult(decodeExample("E9/OQSmuquc02res_202501150002.xml").root());
  CHECK(notReady.header.segmentOfResult == Text("2"));
  CHECK(notReady.units.empty());
}

TEST_CASE("Reference-number registration E10 and the provisional emergency search E11", "[linkage][messages]") {
  const auto request = readReferenceRegistrationRequest(decodeExample("E10/OQSsiimm01req_202501150002.xml").root());
  REQUIRE(request.entries.size() == 1);
  CHECK(request.entries[0].referenceNumber == Text("123"));
  checkRoundTrip(request, "OQSsiimm01req_1.xml", readReferenceRegistrationRequest);
  const auto result = readRegistrationResult(decodeExample("E10/OQSsiimm01res_202501150002.xml").root());
  CHECK(result.processingStatus == Text("1"));
  checkRoundTrip(result, "OQSsiimm01res_1.xml", readRegistrationResult);

  const auto emergency = readEmergencySearchRequest(decodeExample("E11/OQSsiemq01req_202501150001.xml").root());
  CHECK(emergency.header.medicalTreatmentFlag == Text("4"));
  CHECK(emergency.search.sex == Text("1"));
  checkRoundTrip(emergency, "OQSsiemq01req_1.xml", readEmergencySearchRequest);
}

TEST_CASE("A request built in code is written with the contract's values", "[linkage][messages]") {
  SingleCheckRequest r;
  r.header.confirmationDate = "20261121";
  r.header.institutionCode = "9919999999";
  r.header.fileIdentifier = "RZ202611210001";
  r.key.insurerNumber = "  131011";
  r.key.symbol = "";  // the card has none: sent as an empty element
  r.key.number = "0077";
  r.key.birthdate = "19500101";
  r.key.limitConsent = "0";
  const std::string sjis = encodeMessage(toXml(r), Encoding::ShiftJis);
  CHECK(sjis.rfind("<?xml version=\"1.0\" encoding=\"Shift_JIS\" standalone=\"no\"?>", 0) == 0);
  CHECK(sjis.find("<InsurerNumber>  131011</InsurerNumber>") != std::string::npos);
  CHECK(sjis.find("<InsuredCardSymbol></InsuredCardSymbol>") != std::string::npos);
  CHECK(sjis.find("InsuredBranchNumber") == std::string::npos);
  const auto back = readSingleCheckRequest(decodeMessage(sjis, "OQSsiquc01req_1.xml").root());
  CHECK(back == r);
  CHECK(back.key.symbol == Text(""));
}

TEST_CASE("Code values the application branches on, with labels for all tables", "[linkage][codes]") {
  CHECK(qualificationValidity("3") == QualificationValidity::InvalidNewerExists);
  CHECK_FALSE(qualificationValidity("7"));
  CHECK_FALSE(qualificationValidity("03"));
  CHECK(segmentOfResult("9") == SegmentOfResult::Failed);
  CHECK_FALSE(segmentOfResult("3"));  // one source's "3" for 異常終了 is not accepted as 9
  CHECK(std::string(codeText(QualificationValidity::Multiple)) == "5");
  CHECK(codeLabel("QualificationValidity", "5") == std::optional<std::string>("複数該当"));
  CHECK(codeLabel("LimitApplicationCertificateClassificationFlag", "B09") == std::optional<std::string>("一般Ⅱ"));
  CHECK(codeLabel("ReasonOfLoss", "99") == std::optional<std::string>("その他"));
  CHECK_FALSE(codeLabel("ReasonOfLoss", "98"));
  CHECK(elementLabel("InsuredBranchNumber") == std::optional<std::string>("被保険者証枝番"));
}

TEST_CASE("医療扶助 in a qualification is read as named fields (reconstructed from public evidence)", "[messages]") {
  const auto m = decodeMessage(readFixture("公開情報から再構成/OQSsiquc01res_medical_aid.xml"), "OQSsiquc01res_medical_aid.xml");
  const auto r = readQualificationResult(m.root());
  REQUIRE(r.qualifications.size() == 1);
  const Qualification& q = r.qualifications.front();
  CHECK(q.publicExpenseNumber == Text("12999996"));
  CHECK(q.beneficiaryNumber == Text("9999995"));
  CHECK(q.welfareOfficeName == Text("見本市福祉事務所"));
  for (const auto& w : m.warnings) CHECK(w.find("未知の要素") == std::string::npos);
  checkRoundTrip(r, "OQSsiquc01res_medical_aid.xml", readQualificationResult);
}

TEST_CASE("A bulk registration result with a unit per person is read unit by unit (reconstructed from public evidence)",
          "[messages]") {
  const auto m = decodeMessage(readFixture("公開情報から再構成/OQSmuimm02res_per_unit.xml"), "OQSmuimm02res_per_unit.xml");
  const auto r = readRegistrationResult(m.root());
  CHECK_FALSE(r.processingStatus);  // no body-level status in this layout
  REQUIRE(r.units.size() == 2);
  CHECK(r.units[0].entry.referenceNumber == Text("12"));
  CHECK(r.units[0].processingStatus == Text("1"));
  CHECK(r.units[1].entry.number == Text("99999"));
  CHECK(r.units[1].processingStatus == Text("2"));
  CHECK(r.units[1].processingCode == Text("EIMM0001"));
  checkRoundTrip(r, "OQSmuimm02res_per_unit.xml", readRegistrationResult);
}
