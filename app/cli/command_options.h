#pragma once
// Parsing a subcommand's options with Poco's OptionProcessor (Unix style: --name value, --name=value).

#include <Poco/Util/OptionSet.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/core/error.h"
#include "app/core/japanese_date.h"

namespace rececon::cli {

// A command line that does not fit the command (unknown option, missing argument). Exit 64.
class UsageError : public InvalidInput {
 public:
  using InvalidInput::InvalidInput;
};

struct CommandOptions {
  std::map<std::string, std::string> values;  // option name -> value ("" for flags)
  std::vector<std::string> positional;

  bool has(const std::string& name) const { return values.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const;
  // Throws UsageError naming the option when it was not given.
  std::string require(const std::string& name) const;
};

// A positive whole number typed for `label` (full-width digits allowed). Throws InvalidInput naming label.
std::int64_t parseCount(const std::string& text, const std::string& label);

// The date given for option `name` in any form the desk accepts (和暦 included); nullopt when the option
// was not given. Throws InvalidInput "label: what was expected".
std::optional<Date> dateOption(const CommandOptions& options, const std::string& name, const std::string& label);

// An option taking a value, e.g. option("name", "氏名（漢字）", "NAME").
Poco::Util::Option valueOption(const std::string& name, const std::string& description, const std::string& argName);
// A flag without value.
Poco::Util::Option flagOption(const std::string& name, const std::string& description);

struct Verb {
  const char* name;
  std::function<int(const std::vector<std::string>& rest)> run;
};

// Runs the verb named by args[0] with the words after it; throws UsageError listing the verbs of
// `group` (e.g. "patient") when args[0] names none of them.
int runVerb(const std::string& group, const std::vector<std::string>& args, const std::vector<Verb>& verbs);

// Parses args (the words after the subcommand's name). "--help" prints usage and returns nullopt.
// Throws UsageError with a Japanese message for anything Poco's processor refuses.
std::optional<CommandOptions> parseCommandOptions(const std::vector<std::string>& args,
                                                  Poco::Util::OptionSet options, const std::string& usage,
                                                  std::ostream& out);

}  // namespace rececon::cli
