#pragma once
// Reconciling a bulk pre-check's results with the register (table 4.1.1-1 (6), oqs-interface.md §8.4):
// each BulkConfirmUnit is matched to its entry by the per-entry identifier and verified by birth date
// (and by reference number when one came back). Where the insurer and the numbers are unchanged and OQS
// returned only data we did not hold, the register takes it (the old record kept, the change logged);
// everything else is classified for a person's decision on the morning worklist.

#include <cstdint>
#include <string>

#include "db/bulk_repository.h"
#include "db/database.h"
#include "linkage/messages.h"

namespace rececon {

// Stored outcome names (bulk_entry.outcome).
namespace bulk_outcome {
inline constexpr const char* kNoChange = "no_change";          // 変更なし
inline constexpr const char* kSupplemented = "supplemented";   // 追加情報を反映
inline constexpr const char* kChanged = "changed";             // 保険情報に変更あり
inline constexpr const char* kLimitChanged = "limit_changed";  // 限度額適用認定証に変更あり
inline constexpr const char* kInvalid = "invalid";             // 無効
inline constexpr const char* kInvalidNewer = "invalid_newer";  // 無効（新しい資格あり）
inline constexpr const char* kNotFound = "not_found";          // 該当資格なし
inline constexpr const char* kSeveral = "several";             // 複数該当
inline constexpr const char* kError = "error";                 // エラー
inline constexpr const char* kNoInsurance = "no_insurance";    // 保険情報なし（照会できず）
}  // namespace bulk_outcome

// The outcome in the clerk's words ("" for a pending entry).
const char* bulkOutcomeLabel(const std::string& outcome);

// Reconciles one file whose results have been received, in one transaction: every entry of the file is
// reconciled exactly once, safe updates are applied and the file becomes "reconciled". Returns how many
// entries it reconciled (0 when the file was not in "received"). Throws InvalidInput when the stored
// answer is not the bulk result for the file's reception number (nothing is changed).
int reconcileBulkFile(db::Database& db, std::int64_t fileId, const std::string& operatorId);
// The same with the file's result already read from its stored answer (by the step that received it),
// so that a night's results are not parsed once more.
int reconcileBulkFile(db::Database& db, std::int64_t fileId, const std::string& operatorId,
                      const linkage::BulkResult& result);

}  // namespace rececon
