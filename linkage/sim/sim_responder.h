#pragma once
// What the simulated OQS answers: pure functions from a request (and the dataset and state) to the
// result the linkage app would write. Error codes are SIMERR… placeholders, not real 別紙6-1 codes.

#include <string>

#include "linkage/messages.h"
#include "linkage/sim/sim_dataset.h"
#include "linkage/sim/sim_state.h"

namespace rececon::sim {

struct SimContext {
  const SimDataset& data;
  SimState& state;
  std::string institutionCode;
  std::string now;  // yyyyMMddHHmmss
  std::string characterCode;  // "0" / "1" for the file being written
};

linkage::QualificationResult answerSingleCheck(const linkage::SingleCheckRequest& request, const SimContext& ctx);
// Records the job (ready after bulkReadyMs) and returns the acceptance with its reception number.
linkage::AcceptResult acceptBulkCheck(const linkage::BulkCheckRequest& request, const SimContext& ctx,
                                      std::int64_t readyAtMs);
// SegmentOfResult 2 before the job is ready, the full result after, 9 for an unknown number.
linkage::BulkResult answerBulkDownload(const linkage::DownloadRequest& request, const SimContext& ctx,
                                       std::int64_t nowMs);
linkage::RegistrationResult answerReferenceRegistration(const linkage::ReferenceRegistrationRequest& request,
                                                        const SimContext& ctx);
// Bulk registration (OQSmuimm01): registers every entry, keeps the 02 result as a job, and returns the
// acceptance with its reception number.
// perUnit: the result carries one BulkRegistrationUnit per person, each with its own status (a card
// OQS does not know fails alone); else one status for the whole file.
linkage::AcceptResult acceptBulkRegistration(const linkage::ReferenceRegistrationRequest& request, const SimContext& ctx, bool perUnit,
                                             std::int64_t readyAtMs);
// OQSmuimm02: like answerBulkDownload, for registration jobs.
linkage::RegistrationResult answerBulkRegistrationDownload(const linkage::DownloadRequest& request,
                                                           const SimContext& ctx, std::int64_t nowMs);
linkage::QualificationResult answerEmergencySearch(const linkage::EmergencySearchRequest& request, const SimContext& ctx);
// A card-reader result for a person (what the face-recognition reader produces).
linkage::QualificationResult faceResultFor(const SimPerson& person, const SimContext& ctx);
// SegmentOfResult 9 for any request kind.
linkage::ResultHeader systemErrorHeader(const SimContext& ctx, const linkage::Text& fileIdentifier);

}  // namespace rececon::sim
