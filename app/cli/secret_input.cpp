#include "app/cli/secret_input.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "app/cli/command_options.h"

namespace rececon::cli {
namespace {

// Echo off for as long as it lives (restored even when reading fails).
class EchoOff {
 public:
  EchoOff() {
    active_ = ::tcgetattr(STDIN_FILENO, &saved_) == 0;
    if (!active_) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  ~EchoOff() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

bool onTerminal() { return ::isatty(STDIN_FILENO) == 1; }

}  // namespace

std::string readSecret(const std::string& prompt) {
  std::string line;
  if (onTerminal()) {
    std::cerr << prompt << std::flush;
    bool read = false;
    {
      EchoOff quiet;
      read = static_cast<bool>(std::getline(std::cin, line));
    }
    std::cerr << "\n";
    if (!read) throw UsageError(prompt + " 入力が終わりました。");
  } else if (!std::getline(std::cin, line)) {
    throw UsageError(prompt + " 標準入力から読めませんでした（1行に1つ入力してください）。");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string readNewSecret(const std::string& prompt) {
  const std::string first = readSecret(prompt);
  if (onTerminal() && readSecret("確認のためもう一度: ") != first) throw UsageError("2回の入力が一致しません。");
  return first;
}

}  // namespace rececon::cli
