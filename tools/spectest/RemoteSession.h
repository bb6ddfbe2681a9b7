//===- RemoteSession.h - Running a script's modules in another process ----===//
//
// A Session whose instances live in a wasmaot-spectest-exec process, started
// once per script (under qemu-user when it is built for another target), and
// spoken to with the line protocol of Protocol.h over its standard input and
// output. If the process dies, every later request of the script fails with
// how it ended; the runner goes on with the next script.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_SPECTEST_REMOTESESSION_H
#define WASMAOT_TOOLS_SPECTEST_REMOTESESSION_H

#include "Session.h"

#include <cstdio>
#include <sys/types.h>

namespace wasmaot::spectest {

class RemoteSession : public Session {
public:
  /// Starts the executor, Argv[0] being the program to run; null with Error
  /// set when it cannot be started.
  static std::unique_ptr<RemoteSession>
  start(const std::vector<std::string> &Argv, std::string &Error);
  /// Ends the executor (end of its input) and waits for it.
  ~RemoteSession() override;

  InstantiateOutcome instantiate(const CompiledModule &M) override;
  bool registerInstance(int Id, const std::string &As,
                        std::string &Error) override;
  ActionOutcome invoke(int Id, const std::string &Field,
                       const std::vector<Value> &Args) override;
  ActionOutcome getGlobal(int Id, const std::string &Field) override;

private:
  RemoteSession() = default;
  /// Sends Request and reads the reply line into Reply; false, with Reply
  /// saying why, when the executor is gone or answered nothing readable.
  bool roundTrip(const std::string &Request, std::string &Reply);
  /// Marks the session dead: why, with how the process ended.
  void die(const std::string &Why);

  pid_t Pid = -1;
  FILE *ToExecutor = nullptr;
  FILE *FromExecutor = nullptr;
  std::string DeadBecause; // non-empty once the executor is gone
};

} // namespace wasmaot::spectest

#endif
