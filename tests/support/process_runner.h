#pragma once
// Runs a program to completion and collects its exit code, stdout and stderr (for end-to-end tests
// of the real executables).

#include <string>
#include <vector>

namespace rececon::test {

struct ProcessResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args);

}  // namespace rececon::test
