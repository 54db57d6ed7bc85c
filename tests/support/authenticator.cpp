#include "tests/support/authenticator.h"

#include <algorithm>
#include <ctime>
#include <regex>
#include <stdexcept>

#include "tests/support/process_runner.h"

namespace rececon::test {

std::string authenticatorCode(const std::string& base32Key, int stepsAhead) {
  const std::time_t at = std::time(nullptr) + 30L * stepsAhead;
  const ProcessResult r = runProcess("oathtool", {"--totp", "-b", "--now", "@" + std::to_string(at), base32Key});
  if (r.exitCode != 0) throw std::runtime_error("oathtool failed: " + r.err);
  return r.out.substr(0, r.out.find_first_of("\r\n"));
}

std::string keyShownIn(const std::string& text) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex("キー: ([A-Z2-7 ]+)"))) return {};
  std::string key = m[1];
  key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
  return key;
}

}  // namespace rececon::test
