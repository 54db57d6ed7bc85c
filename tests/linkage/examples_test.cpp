// The examples E1–E11 of oqs-interface.md §10 decode as their kind, keep every value as written,
// and survive a round trip through the writer in both encodings.

#include <catch2/catch.hpp>

#include "linkage/decode_error.h"
#include "linkage/message_codec.h"
#include "linkage/message_schema.h"
#include "tests/linkage/fixture_files.h"

using namespace rececon::linkage;
using rececon::test::readFixture;

namespace {

struct Example {
  const char* file;
  MessageKind kind;
  Encoding encoding;
};

const Example kExamples[] = {
    {"examples/E1/OQSsiquc01req_202501150001.xml", MessageKind::SingleCheckRequest, Encoding::Utf8},
    {"examples/E2/OQSsiquc01res_202501150001.xml", MessageKind::SingleCheckResult, Encoding::Utf8},
    {"examples/E3a/OQSsiquc01res_202501150003.xml", MessageKind::SingleCheckResult, Encoding::Utf8},
    {"examples/E3b/OQSsiquc01res_202501150004.xml", MessageKind::SingleCheckResult, Encoding::ShiftJis},
    {"examples/E4/OQSsiquc01res_face_99199999990a1b2c3d4e5f60718293_20250115101530.xml", MessageKind::FaceResult,
     Encoding::ShiftJis},
    {"examples/E5/OQSmuquc01req_202501140001.xml", MessageKind::BulkCheckRequest, Encoding::ShiftJis},
    {"examples/E6/OQSmuquc01res_202501140001.xml", MessageKind::BulkCheckAccept, Encoding::ShiftJis},
    {"examples/E7/OQSmuquc02req_202501150001.xml", MessageKind::BulkCheckDownloadRequest, Encoding::ShiftJis},
    {"examples/E8/OQSmuquc02res_202501150001.xml", MessageKind::BulkCheckResult, Encoding::ShiftJis},
    {"examples/E9/OQSmuquc02res_202501150002.xml", MessageKind::BulkCheckResult, Encoding::ShiftJis},
    {"examples/E10/OQSsiimm01req_202501150002.xml", MessageKind::ReferenceRegistrationRequest, Encoding::Utf8},
    {"examples/E10/OQSsiimm01res_202501150002.xml", MessageKind::ReferenceRegistrationResult, Encoding::Utf8},
    {"examples/E11/OQSsiemq01req_202501150001.xml", MessageKind::EmergencySearchRequest, Encoding::Utf8},
};

DecodeOptions ours() {
  DecodeOptions o;
  o.institutionCode = "9919999999";
  return o;
}

}  // namespace

TEST_CASE("Every example decodes as its kind in its encoding, without warnings", "[linkage][examples]") {
  for (const auto& e : kExamples) {
    INFO(e.file);
    const DecodedMessage m = decodeMessage(readFixture(e.file), e.file, ours());
    CHECK(m.kind == e.kind);
    CHECK(m.encoding().encoding == e.encoding);
    CHECK(m.warnings.empty());
  }
}

TEST_CASE("Every example survives a round trip in both encodings", "[linkage][examples]") {
  for (const auto& e : kExamples) {
    INFO(e.file);
    const DecodedMessage original = decodeMessage(readFixture(e.file), e.file, ours());
    for (const Encoding encoding : {Encoding::Utf8, Encoding::ShiftJis}) {
      const std::string bytes = encodeMessage(original.root().toElement(), encoding);
      const DecodedMessage again = decodeMessage(bytes, e.file, ours());
      CHECK(again.root().toElement() == original.root().toElement());
      CHECK(again.encoding().encoding == encoding);
    }
  }
}

TEST_CASE("A renamed example is still recognised by its content", "[linkage][examples]") {
  for (const auto& e : kExamples) {
    INFO(e.file);
    const DecodedMessage m = decodeMessage(readFixture(e.file), "renamed.xml", ours());
    CHECK(m.kind == e.kind);
  }
}

TEST_CASE("Values keep their leading spaces and zeros; empty and missing are different", "[linkage][examples]") {
  const auto e8 = decodeMessage(readFixture(kExamples[8].file), kExamples[8].file, ours());
  const auto units = e8.body().all("BulkConfirmUnit");
  REQUIRE(units.size() == 2);
  CHECK(units[1].valueAt("QualificationConfirmSearchInfo/InsurerNumber") == std::optional<std::string>("  999995"));
  CHECK(units[0].valueAt("QualificationConfirmSearchInfo/InsuredBranchNumber") == std::optional<std::string>("02"));
  CHECK(units[1].value("QualificationValidity") == std::optional<std::string>("4"));
  CHECK(e8.header().value("NumberOfError") == std::optional<std::string>("1"));

  const auto e9 = decodeMessage(readFixture(kExamples[9].file), kExamples[9].file, ours());
  CHECK(e9.header().value("SegmentOfResult") == std::optional<std::string>("2"));
  CHECK(e9.body().childCount() == 0);

  const auto e4 = decodeMessage(readFixture(kExamples[4].file), kExamples[4].file, ours());
  const XmlNode result = e4.body().child("ResultList").child("ResultOfQualificationConfirmation");
  REQUIRE(result);
  CHECK(result.value("NameKana") == std::optional<std::string>("ﾐﾎﾝ ﾀﾛｳ"));
  CHECK(result.value("Name") == std::optional<std::string>("見本　太郎"));
  CHECK(result.value("ReferenceNumber") == std::optional<std::string>("4711"));
  CHECK_FALSE(result.value("InsuredBranchNumber"));  // 後期高齢: no 枝番
}

TEST_CASE("Result file names follow the request's", "[linkage]") {
  CHECK(resultFileNameFor("OQSsiquc01req_202501150001.xml") == std::optional<std::string>("OQSsiquc01res_202501150001.xml"));
  CHECK(resultFileNameFor("OQSmuquc02req_X.xml") == std::optional<std::string>("OQSmuquc02res_X.xml"));
  CHECK_FALSE(resultFileNameFor("notes.txt"));
  CHECK(kindFromFileName("C:\\OQS\\face\\OQSsiquc01res_face_x_20250115101530.xml") == MessageKind::FaceResult);
  CHECK(kindFromFileName("/mnt/oqs/res/OQSsiquc01res_1.xml") == MessageKind::SingleCheckResult);
  CHECK_FALSE(kindFromFileName("del20250115.txt"));
}
