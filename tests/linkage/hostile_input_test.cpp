// Broken and hostile files: each is refused with its own code and a Japanese message, quickly,
// without expanding entities or recursing on the input's depth.

#include <catch2/catch.hpp>

#include "linkage/decode_error.h"
#include "linkage/message_codec.h"
#include "tests/linkage/fixture_files.h"

using namespace rececon::linkage;
using rececon::test::readFixture;

namespace {

DecodeErrorCode errorOf(const std::string& name, const DecodeOptions& options = {}) {
  try {
    decodeMessage(readFixture("不正入力/" + name), "OQSsiquc01res_face_x_20250115101530.xml", options);
  } catch (const DecodeError& e) {
    INFO(e.what());
    CHECK(std::string(e.what()).size() > 10);
    return e.code();
  }
  FAIL("expected a DecodeError for " << name);
  return DecodeErrorCode::Malformed;
}

}  // namespace

TEST_CASE("DOCTYPE and entity declarations are refused before parsing", "[linkage][hostile]") {
  CHECK(errorOf("doctype_entity_expansion.xml") == DecodeErrorCode::DoctypeRefused);
  CHECK(errorOf("external_entity.xml") == DecodeErrorCode::DoctypeRefused);
}

TEST_CASE("A half-written file is told apart from a malformed one", "[linkage][hostile]") {
  CHECK(errorOf("truncated_half_written.xml") == DecodeErrorCode::Truncated);
  CHECK(errorOf("only_declaration.xml") == DecodeErrorCode::Truncated);
  CHECK(errorOf("empty_file.xml") == DecodeErrorCode::Empty);
  CHECK(errorOf("malformed_tag_mismatch.xml") == DecodeErrorCode::Malformed);
  CHECK(errorOf("two_roots.xml") == DecodeErrorCode::Malformed);
}

TEST_CASE("Structure violations name the element", "[linkage][hostile]") {
  CHECK(errorOf("deep_nesting.xml") == DecodeErrorCode::TooDeep);
  CHECK(errorOf("duplicate_segment_of_result.xml") == DecodeErrorCode::DuplicateElement);
  CHECK(errorOf("wrong_root.xml") == DecodeErrorCode::WrongRoot);
  CHECK(errorOf("two_message_bodies.xml") == DecodeErrorCode::WrongRoot);
  CHECK(errorOf("mixed_content.xml") == DecodeErrorCode::MixedContent);
}

TEST_CASE("Another institution's file is refused when our code is set", "[linkage][hostile]") {
  DecodeOptions ours;
  ours.institutionCode = "9919999999";
  CHECK(errorOf("wrong_institution.xml", ours) == DecodeErrorCode::WrongInstitution);
  // Without a configured code the file is readable (support staff inspecting it).
  CHECK_NOTHROW(decodeMessage(readFixture("不正入力/wrong_institution.xml"), "x.xml"));
}

TEST_CASE("Size cap", "[linkage][hostile]") {
  DecodeOptions small;
  small.limits.maxBytes = 100;
  CHECK(errorOf("unknown_elements_and_codes.xml", small) == DecodeErrorCode::TooLarge);
}

TEST_CASE("Unknown elements and code values are kept and reported, not rejected", "[linkage][hostile]") {
  const auto m = decodeMessage(readFixture("不正入力/unknown_elements_and_codes.xml"), "OQSsiquc01res_1.xml");
  CHECK(m.body().value("QualificationValidity") == std::optional<std::string>("7"));
  CHECK(m.body().all("FutureElement").size() == 2);
  REQUIRE(m.warnings.size() == 2);
  CHECK(m.warnings[0].find("FutureElement") != std::string::npos);
  CHECK(m.warnings[1].find("QualificationValidity=7") != std::string::npos);
}
