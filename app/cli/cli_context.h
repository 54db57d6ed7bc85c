#pragma once
// What every subcommand gets: the global options and the lazily opened data folder.

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/jobs/data_folder.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/qualification_service.h"

namespace rececon::cli {

struct CliContext {
  std::optional<std::filesystem::path> dataDir;
  std::optional<std::string> database;  // --database: a file or a postgresql:// URL
  bool json = false;
  std::optional<std::string> operatorId;          // --operator: a site without accounts only
  std::optional<std::filesystem::path> keyFile;   // --key-file: the nightly run's batch account
  std::ostream* out = nullptr;
  bool loginExempt = false;  // the command works without a login (login itself, user init, …)

  // Opens the data folder on first use; on a site with accounts, refuses (LOGIN_REQUIRED) a command that
  // is not loginExempt without this machine's login or the key file.
  DataFolder& folder();
  // A register acting as the resolved operator.
  PatientRegister patientRegister();
  // The login of this machine (or the key file's batch account); the given --operator on a site
  // without accounts (operator_identity.h).
  std::string resolvedOperator();
  // Checks and results, with the linkage settings of the data folder, acting as the resolved operator.
  QualificationService qualificationService();

 private:
  std::unique_ptr<DataFolder> folder_;
  std::optional<std::string> operator_;  // resolved once: a key file's login is one event
};

// A subcommand: args are the words after its name (e.g. for "patient add …", {"add", …}).
// Returns the exit code; throws rececon errors or UsageError.
using Command = int (*)(CliContext& context, const std::vector<std::string>& args);

int runPatientCommand(CliContext& context, const std::vector<std::string>& args);
int runInsuranceCommand(CliContext& context, const std::vector<std::string>& args);
int runConfigCommand(CliContext& context, const std::vector<std::string>& args);
int runDbCommand(CliContext& context, const std::vector<std::string>& args);
int runLinkageCommand(CliContext& context, const std::vector<std::string>& args);
int runDemoCommand(CliContext& context, const std::vector<std::string>& args);
int runCheckCommand(CliContext& context, const std::vector<std::string>& args);
int runResultsCommand(CliContext& context, const std::vector<std::string>& args);
int runRefnoCommand(CliContext& context, const std::vector<std::string>& args);
int runReceptionCommand(CliContext& context, const std::vector<std::string>& args);
int runDiagCommand(CliContext& context, const std::vector<std::string>& args);
int runErrorsCommand(CliContext& context, const std::vector<std::string>& args);
int runFallbackCommand(CliContext& context, const std::vector<std::string>& args);
int runAppointmentCommand(CliContext& context, const std::vector<std::string>& args);
int runBulkCommand(CliContext& context, const std::vector<std::string>& args);
int runFormCommand(CliContext& context, const std::vector<std::string>& args);
int runUserCommand(CliContext& context, const std::vector<std::string>& args);
int runLoginCommand(CliContext& context, const std::vector<std::string>& args);
int runLogoutCommand(CliContext& context, const std::vector<std::string>& args);
int runWhoamiCommand(CliContext& context, const std::vector<std::string>& args);
int runAuditCommand(CliContext& context, const std::vector<std::string>& args);

}  // namespace rececon::cli
