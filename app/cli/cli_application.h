#pragma once
// rececon-cli as a Poco::Util::Application: global options, subcommand dispatch, and the one place
// where errors become messages on stderr and exit codes (0 ok, 64 usage, 65 invalid input,
// 70 internal error, 74 I/O or database problem).

#include <Poco/Util/Application.h>

#include <string>
#include <vector>

#include "app/cli/cli_context.h"

namespace rececon::cli {

class CliApplication : public Poco::Util::Application {
 public:
  CliApplication();

  // Moves the global options (--data-dir, --json, --operator, --help) in front of the subcommand,
  // wherever they were typed, and ends Poco's option processing after them, so each subcommand
  // parses its own options.
  static std::vector<std::string> arrangeArguments(const std::vector<std::string>& argv);

 protected:
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int main(const std::vector<std::string>& args) override;

 private:
  int dispatch(const std::vector<std::string>& args);
  void printUsage();

  CliContext context_;
  bool helpRequested_ = false;
};

}  // namespace rececon::cli
