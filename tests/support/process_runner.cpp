#include "tests/support/process_runner.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <thread>

namespace rececon::test {

ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args) {
  return runProcess(program, args, {});
}

namespace {

ProcessResult run(const std::string& program, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env, const std::string* input) {
  Poco::Pipe inPipe;
  Poco::Pipe outPipe;
  Poco::Pipe errPipe;
  Poco::Process::Env childEnv(env.begin(), env.end());
  Poco::ProcessHandle handle =
      Poco::Process::launch(program, args, std::string(), input ? &inPipe : nullptr, &outPipe, &errPipe, childEnv);
  ProcessResult result;
  std::thread inWriter([&] {
    if (!input) return;
    Poco::PipeOutputStream in(inPipe);
    in << *input;
    in.close();
  });
  // Read stderr on its own thread so neither pipe can fill up and block the child.
  std::thread errReader([&] {
    Poco::PipeInputStream err(errPipe);
    Poco::StreamCopier::copyToString(err, result.err);
  });
  Poco::PipeInputStream out(outPipe);
  Poco::StreamCopier::copyToString(out, result.out);
  errReader.join();
  inWriter.join();
  result.exitCode = handle.wait();
  return result;
}

}  // namespace

ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env) {
  return run(program, args, env, nullptr);
}

ProcessResult runProcessWithInput(const std::string& program, const std::vector<std::string>& args, const std::string& input) {
  return run(program, args, {}, &input);
}

}  // namespace rececon::test
