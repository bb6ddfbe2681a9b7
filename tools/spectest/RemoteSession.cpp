//===- RemoteSession.cpp - Running a script's modules in another process --===//
#include "RemoteSession.h"
#include "Protocol.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace wasmaot::spectest {

using namespace protocol;

std::unique_ptr<RemoteSession>
RemoteSession::start(const std::vector<std::string> &Argv, std::string &Error) {
  // A write to an executor that died must fail with EPIPE, not kill the
  // runner.
  static std::once_flag IgnoreSigpipe;
  std::call_once(IgnoreSigpipe, [] { signal(SIGPIPE, SIG_IGN); });
  // Close-on-exec, so that executors started by other threads at the same
  // time do not hold these pipes open.
  int ToChild[2], FromChild[2];
  if (pipe2(ToChild, O_CLOEXEC) != 0) {
    Error = std::string("pipe: ") + strerror(errno);
    return nullptr;
  }
  if (pipe2(FromChild, O_CLOEXEC) != 0) {
    Error = std::string("pipe: ") + strerror(errno);
    close(ToChild[0]);
    close(ToChild[1]);
    return nullptr;
  }
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_adddup2(&Actions, ToChild[0], 0);
  posix_spawn_file_actions_adddup2(&Actions, FromChild[1], 1);
  std::vector<char *> Args;
  for (const std::string &A : Argv)
    Args.push_back(const_cast<char *>(A.c_str()));
  Args.push_back(nullptr);
  pid_t Pid;
  int Err =
      posix_spawnp(&Pid, Args[0], &Actions, nullptr, Args.data(), environ);
  posix_spawn_file_actions_destroy(&Actions);
  close(ToChild[0]);
  close(FromChild[1]);
  if (Err != 0) {
    Error = "cannot start " + Argv[0] + ": " + strerror(Err);
    close(ToChild[1]);
    close(FromChild[0]);
    return nullptr;
  }
  std::unique_ptr<RemoteSession> S(new RemoteSession());
  S->Pid = Pid;
  S->ToExecutor = fdopen(ToChild[1], "w");
  S->FromExecutor = fdopen(FromChild[0], "r");
  return S;
}

RemoteSession::~RemoteSession() {
  if (ToExecutor)
    fclose(ToExecutor);
  if (FromExecutor)
    fclose(FromExecutor);
  if (Pid > 0)
    waitpid(Pid, nullptr, 0);
}

void RemoteSession::die(const std::string &Why) {
  if (!DeadBecause.empty())
    return;
  fclose(ToExecutor);
  ToExecutor = nullptr;
  int Status = 0;
  std::string How = "";
  if (Pid > 0 && waitpid(Pid, &Status, 0) == Pid) {
    Pid = -1;
    How = WIFSIGNALED(Status)
              ? ", killed by signal " + std::to_string(WTERMSIG(Status))
              : ", exit status " + std::to_string(WEXITSTATUS(Status));
  }
  DeadBecause = "the executor " + Why + How;
}

bool RemoteSession::roundTrip(const std::string &Request, std::string &Reply) {
  if (DeadBecause.empty() &&
      (fputs(Request.c_str(), ToExecutor) < 0 || fflush(ToExecutor) != 0))
    die("could not be written to");
  if (!DeadBecause.empty()) {
    Reply = DeadBecause;
    return false;
  }
  char *Line = nullptr;
  size_t Capacity = 0;
  ssize_t Length = getline(&Line, &Capacity, FromExecutor);
  if (Length <= 0 || Line[Length - 1] != '\n') {
    free(Line);
    die("ended without answering");
    Reply = DeadBecause;
    return false;
  }
  Reply.assign(Line, size_t(Length - 1));
  free(Line);
  return true;
}

InstantiateOutcome RemoteSession::instantiate(const CompiledModule &M) {
  InstantiateOutcome O;
  std::string Reply;
  if (!roundTrip(LineWriter().word("instantiate").string(M.LibraryPath).str(),
                 Reply)) {
    O.Message = Reply;
    return O;
  }
  bool Ok;
  O = readInstantiate(Reply, Ok);
  if (!Ok) {
    O = InstantiateOutcome();
    O.Message = "unreadable reply from the executor: " + Reply.substr(0, 80);
  }
  return O;
}

bool RemoteSession::registerInstance(int Id, const std::string &As,
                                     std::string &Error) {
  std::string Reply;
  if (!roundTrip(LineWriter().word("register").number(Id).string(As).str(),
                 Reply)) {
    Error = Reply;
    return false;
  }
  LineReader R(Reply);
  bool Registered = R.number() == 1;
  Error = R.string();
  if (!R.ok()) {
    Error = "unreadable reply from the executor: " + Reply.substr(0, 80);
    return false;
  }
  return Registered;
}

/// The outcome of an invoke or get from its reply, or (not Sent) from why the
/// request could not be made.
static ActionOutcome readActionReply(bool Sent, const std::string &Reply) {
  ActionOutcome O;
  if (!Sent) {
    O.Message = Reply;
    return O;
  }
  bool Ok;
  O = readAction(Reply, Ok);
  if (!Ok) {
    O = ActionOutcome();
    O.Message = "unreadable reply from the executor: " + Reply.substr(0, 80);
  }
  return O;
}

ActionOutcome RemoteSession::invoke(int Id, const std::string &Field,
                                    const std::vector<Value> &Args) {
  LineWriter W;
  W.word("invoke").number(Id).string(Field).number(int64_t(Args.size()));
  for (const Value &V : Args)
    W.value(V);
  std::string Reply;
  bool Sent = roundTrip(W.str(), Reply);
  return readActionReply(Sent, Reply);
}

ActionOutcome RemoteSession::getGlobal(int Id, const std::string &Field) {
  std::string Reply;
  bool Sent =
      roundTrip(LineWriter().word("get").number(Id).string(Field).str(), Reply);
  return readActionReply(Sent, Reply);
}

} // namespace wasmaot::spectest
