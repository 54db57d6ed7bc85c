// The state tables: every state has its word, every word names one state, and both directions agree.

#include <catch2/catch.hpp>

#include <set>

#include "app/core/bulk_stage.h"
#include "app/core/reference_attempt.h"
#include "app/core/result_decision.h"
#include "app/core/result_source.h"
#include "app/core/visit_verification.h"

using namespace rececon;

namespace {

template <class E>
void checkTable(int enumerators) {
  std::set<std::string_view> words;
  for (int i = 0; i < enumerators; ++i) {
    const auto state = static_cast<E>(i);
    const std::string_view word = nameOf(state);
    INFO("state " << i);
    REQUIRE_FALSE(word.empty());
    CHECK(words.insert(word).second);
    CHECK(enumFromName<E>(word) == state);
  }
  CHECK(std::size(EnumNames<E>::table) == static_cast<std::size_t>(enumerators));
}

}  // namespace

TEST_CASE("Visit verification states and their stored words agree both ways", "[enum_names]") {
  checkTable<VisitVerification>(5);
  CHECK(nameOf(VisitVerification::NeedsAttention) == "needs_attention");
  CHECK_FALSE(enumFromName<VisitVerification>("needs attention").has_value());
}

TEST_CASE("Result sources and their stored words agree both ways", "[enum_names]") {
  checkTable<ResultSource>(2);
  CHECK(nameOf(ResultSource::Face) == "face");
}

TEST_CASE("Result decisions, bulk stages and reference attempts agree with their stored words", "[enum_names]") {
  checkTable<ResultDecision>(4);
  CHECK(nameOf(ResultDecision::NoChange) == "no_change");
  checkTable<BulkStage>(8);
  CHECK(nameOf(BulkStage::Waiting) == "waiting");
  CHECK_FALSE(enumFromName<BulkStage>("Waiting").has_value());
  checkTable<BulkEntryState>(2);
  checkTable<ReferenceAttempt>(3);
  CHECK(nameOf(ReferenceAttempt::Registered) == "registered");
}
