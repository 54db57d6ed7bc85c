#include "app/jobs/access_record.h"

#include <chrono>

#include "app/core/error.h"
#include "app/jobs/rights.h"
#include "app/jobs/terminal_identity.h"

namespace rececon {
namespace {

struct ActionNames {
  AccessAction action;
  const char* name;
  const char* label;
};

constexpr ActionNames kActions[] = {{AccessAction::View, "view", "閲覧"},
                                    {AccessAction::Change, "change", "変更"},
                                    {AccessAction::Decision, "decision", "結果の判断"},
                                    {AccessAction::Print, "print", "印刷"},
                                    {AccessAction::Export, "export", "書き出し"}};

}  // namespace

const char* accessActionName(AccessAction action) {
  for (const auto& a : kActions)
    if (a.action == action) return a.name;
  return "?";
}

std::string accessActionLabel(const std::string& name) {
  for (const auto& a : kActions)
    if (name == a.name) return a.label;
  return name;
}

AccessEntry accessEntry(const std::string& actor, AccessAction action, std::optional<std::int64_t> patientNumber,
                        const std::string& detail) {
  AccessEntry entry;
  entry.actor = actor;
  entry.terminal = hostName();
  entry.action = accessActionName(action);
  entry.patientNumber = patientNumber;
  entry.detail = detail;
  return entry;
}

void recordAccess(db::Database& db, const std::string& actor, AccessAction action, std::optional<std::int64_t> patientNumber,
                  const std::string& detail) {
  db::WriteTransaction tx(db);
  db::AccessLog(db).append(accessEntry(actor, action, patientNumber, detail));
  tx.commit();
}

std::vector<AccessEntry> readAccessLog(db::Database& db, const std::string& operatorId, Date from, Date to, int limit,
                                       bool* more) {
  requireRight(db, operatorId, Right::ReadAccessLog, "アクセス記録の表示");
  if (to < from) throw InvalidInput("期間の終わりが始まりより前です。");
  const Date dayAfter{std::chrono::sys_days(to) + std::chrono::days(1)};
  return db::AccessLog(db).between(toIsoString(from), toIsoString(dayAfter), limit, more);
}

}  // namespace rececon
