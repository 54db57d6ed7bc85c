// rececon-cli entry point.

#include <Poco/Exception.h>

#include <iostream>
#include <memory>

#include "app/cli/cli_application.h"

int main(int argc, char** argv) {
  std::vector<std::string> arranged =
      rececon::cli::CliApplication::arrangeArguments(std::vector<std::string>(argv, argv + argc));
  auto app = std::make_unique<rececon::cli::CliApplication>();
  try {
    app->init(arranged);
  } catch (const Poco::Exception& e) {
    std::cerr << "rececon-cli: オプションを解釈できません: " << e.displayText() << "（--help で使い方を表示）\n";
    return Poco::Util::Application::EXIT_USAGE;
  }
  return app->run();
}
