#pragma once
// Runs a program to completion and collects its exit code, stdout and stderr (for end-to-end tests
// of the real executables).

#include <map>
#include <string>
#include <vector>

namespace rececon::test {

struct ProcessResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args);
// The same with variables added to (or replacing those of) this process's environment.
ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env);
// The same with `input` as the program's standard input (a pipe, closed after it).
ProcessResult runProcessWithInput(const std::string& program, const std::vector<std::string>& args, const std::string& input);

}  // namespace rececon::test
