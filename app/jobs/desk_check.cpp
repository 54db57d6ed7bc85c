#include "app/jobs/desk_check.h"

#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/reception_desk.h"
#include "app/jobs/site_settings.h"

namespace rececon {

StartedDeskCheck startDeskCheck(db::Database& db, const std::filesystem::path& dataDir, const std::string& operatorId,
                                std::int64_t patientNumber) {
  StartedDeskCheck started;
  started.exchange = exchangeConfigFromSettings(db, dataDir);
  started.terminal = SiteSettings(db).get("terminal").value;
  started.database = db.location();
  QualificationService service(db, started.exchange, operatorId, started.terminal);
  CheckTarget target;
  target.patientNumber = patientNumber;
  started.checkId = service.startCheck(target);
  started.visitId = ReceptionDesk(db, operatorId).checkIn(patientNumber, started.checkId).id;
  return started;
}

CheckReport waitForDeskCheck(const db::DatabaseLocation& database, const DeskExchange& exchange,
                             const std::string& operatorId, const std::string& terminal, std::int64_t checkId,
                             JobContext& job) {
  db::Database connection(database);
  return QualificationService(connection, exchange, operatorId, terminal).waitForCheck(checkId, job);
}

CheckReport settleDeskCheck(db::Database& db, const std::string& operatorId, const StartedDeskCheck& check,
                            const std::optional<CheckReport>& waited) {
  const CheckReport report =
      waited ? *waited : QualificationService(db, check.exchange, operatorId, check.terminal).report(check.checkId);
  ReceptionDesk(db, operatorId).settleCheck(check.visitId, report);
  return report;
}

DeskExchange deskExchangeIfSet(db::Database& db, const std::filesystem::path& dataDir) {
  try {
    return exchangeConfigFromSettings(db, dataDir);
  } catch (const ValidationFailed&) {
    return {};
  }
}

ApplyOutcome decideResult(QualificationService& service, db::Database& db, const std::string& operatorId,
                          std::int64_t resultId, ResultSource source, const ApplyDecision& decision) {
  const CheckReport report = service.reportForResult(resultId);
  const ApplyOutcome outcome = service.applyResult(resultId, decision);
  try {
    ReceptionDesk desk(db, operatorId);
    if (source == ResultSource::Face && outcome.patientNumber && outcome.state != ResultDecision::Rejected) {
      desk.checkInFromCardResult(*outcome.patientNumber, resultId, report.outcome);
    } else if (source == ResultSource::Check) {
      desk.settleLateAnswer(report);
    }
  } catch (const Error& e) {
    throw EnvironmentError(std::string("結果への判断は記録しましたが、受付を記録できませんでした: ") + e.what());
  }
  return outcome;
}

}  // namespace rececon
