#pragma once
// Passwords and codes read from standard input: on a terminal the prompt goes to standard error and
// what is typed is not echoed; from a pipe, one line each (for scripts and the nightly key file).

#include <string>

namespace rececon::cli {

// One line without its end. Throws UsageError when standard input has ended.
std::string readSecret(const std::string& prompt);
// A new password: on a terminal typed twice and compared; from a pipe, one line.
std::string readNewSecret(const std::string& prompt);

}  // namespace rececon::cli
