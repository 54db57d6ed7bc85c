#include "app/cli/command_options.h"

#include "app/cli/help_text.h"

#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>

#include <ostream>

#include "app/core/utf8.h"

namespace rececon::cli {

std::optional<std::string> CommandOptions::get(const std::string& name) const {
  const auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::string CommandOptions::require(const std::string& name) const {
  auto v = get(name);
  if (!v) throw UsageError("--" + name + " を指定してください。");
  return *v;
}

std::int64_t parseCount(const std::string& text, const std::string& label) {
  const std::string s = utf8::normalizeTyped(text);
  const bool digits = !s.empty() && s.size() <= 12 && s.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoll(s) == 0) throw InvalidInput(label + ": 1以上の数字で指定してください（「" + s + "」）。");
  return std::stoll(s);
}

std::optional<Date> dateOption(const CommandOptions& options, const std::string& name, const std::string& label) {
  const auto text = options.get(name);
  if (!text) return std::nullopt;
  const DateParseResult parsed = parseDate(*text);
  if (!parsed.date) throw InvalidInput(label + ": " + parsed.error);
  return parsed.date;
}

Poco::Util::Option valueOption(const std::string& name, const std::string& description, const std::string& argName) {
  return Poco::Util::Option(name, "", description).required(false).repeatable(false).argument(argName);
}

Poco::Util::Option flagOption(const std::string& name, const std::string& description) {
  return Poco::Util::Option(name, "", description).required(false).repeatable(false);
}

int runVerb(const std::string& group, const std::vector<std::string>& args, const std::vector<Verb>& verbs) {
  const std::string verb = args.empty() ? "" : args[0];
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  std::string names;
  for (const auto& v : verbs) {
    if (verb == v.name) return v.run(rest);
    names += std::string(names.empty() ? "" : "、") + v.name;
  }
  throw UsageError(group + " の後には " + names + " のいずれかを指定してください。");
}

std::optional<CommandOptions> parseCommandOptions(const std::vector<std::string>& args,
                                                  Poco::Util::OptionSet options, const std::string& usage,
                                                  std::ostream& out) {
  options.addOption(flagOption("help", "この説明を表示します"));
  Poco::Util::OptionProcessor processor(options);
  processor.setUnixStyle(true);
  CommandOptions parsed;
  try {
    for (const auto& arg : args) {
      std::string name;
      std::string value;
      if (!processor.process(arg, name, value)) {
        parsed.positional.push_back(arg);
      } else if (!name.empty()) {
        parsed.values[name] = value;
      }
    }
  } catch (const Poco::Util::UnknownOptionException& e) {
    throw UsageError("不明なオプションです: " + e.message() + "（--help で使えるオプションを確認できます）");
  } catch (const Poco::Util::MissingArgumentException& e) {
    throw UsageError("オプションに値がありません: " + e.message());
  } catch (const Poco::Util::DuplicateOptionException& e) {
    throw UsageError("同じオプションが2回指定されています: " + e.message());
  } catch (const Poco::Util::OptionException& e) {
    throw UsageError("オプションを解釈できません: " + e.displayText());
  }
  if (parsed.has("help")) {
    printHelp(out, options, "rececon-cli", usage);
    return std::nullopt;
  }
  return parsed;
}

}  // namespace rececon::cli
