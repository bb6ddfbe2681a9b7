//===- WasiClocksRandom.cpp -----------------------------------------------===//
//
// Clocks, random, scheduling and the process: clock_*, random_get, sched_yield,
// proc_exit, proc_raise.
//
//===----------------------------------------------------------------------===//
#include "wasi-libhost/WasiInternal.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <optional>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

namespace wasmaot::wasi {
//===----------------------------------------------------------------------===//
// clocks, random, scheduling, exit
//===----------------------------------------------------------------------===//

bool hostClock(uint32_t Id, clockid_t &Out) {
  switch (Id) {
  case 0:
    Out = CLOCK_REALTIME;
    return true;
  case 1:
    Out = CLOCK_MONOTONIC;
    return true;
  case 2:
    Out = CLOCK_PROCESS_CPUTIME_ID;
    return true;
  case 3:
    Out = CLOCK_THREAD_CPUTIME_ID;
    return true;
  }
  return false;
}

int32_t wasi_clock_res_get(VMContext *Ctx, int32_t Id, int32_t ResPtr) {
  Guest G(Ctx);
  clockid_t C;
  if (!hostClock(uint32_t(Id), C))
    return E_INVAL;
  if (!G.ok(ResPtr, 8))
    return E_FAULT;
  timespec T;
  if (clock_getres(C, &T) != 0)
    return fromHostErrno(errno);
  G.store(ResPtr, toNanos(T));
  return E_SUCCESS;
}

int32_t wasi_clock_time_get(VMContext *Ctx, int32_t Id, int64_t Precision,
                            int32_t TimePtr) {
  Guest G(Ctx);
  clockid_t C;
  if (!hostClock(uint32_t(Id), C))
    return E_INVAL;
  if (!G.ok(TimePtr, 8))
    return E_FAULT;
  timespec T;
  if (clock_gettime(C, &T) != 0)
    return fromHostErrno(errno);
  G.store(TimePtr, toNanos(T));
  return E_SUCCESS;
}

int32_t wasi_random_get(VMContext *Ctx, int32_t Buf, int32_t Len) {
  Guest G(Ctx);
  if (!G.ok(Buf, uint32_t(Len)))
    return E_FAULT;
  uint8_t *P = G.at(Buf);
  size_t Left = uint32_t(Len);
  while (Left) {
    ssize_t N = getrandom(P, Left, 0);
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return fromHostErrno(errno);
    }
    P += N;
    Left -= size_t(N);
  }
  return E_SUCCESS;
}

int32_t wasi_sched_yield(VMContext *) {
  sched_yield();
  return E_SUCCESS;
}

void wasi_proc_exit(VMContext *, int32_t Code) { exitGuest(uint32_t(Code)); }

//===----------------------------------------------------------------------===//
// proc_raise, sockets
//===----------------------------------------------------------------------===//

/// Never sends a real signal (the host may be a server): a signal whose
/// default action ignores or stops is a no-op; one that terminates ends the
/// guest with a trap.
int32_t wasi_proc_raise(VMContext *, int32_t Sig) {
  static const char *const Names[] = {
      nullptr,   "SIGHUP",    "SIGINT",  "SIGQUIT",  "SIGILL",  "SIGTRAP",
      "SIGABRT", "SIGBUS",    "SIGFPE",  "SIGKILL",  "SIGUSR1", "SIGSEGV",
      "SIGUSR2", "SIGPIPE",   "SIGALRM", "SIGTERM",  "SIGCHLD", "SIGCONT",
      "SIGSTOP", "SIGTSTP",   "SIGTTIN", "SIGTTOU",  "SIGURG",  "SIGXCPU",
      "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGPOLL", "SIGPWR",
      "SIGSYS"};
  if (Sig < 0 || Sig > 30)
    return E_INVAL;
  switch (Sig) {
  case 0:  // no signal
  case 16: // CHLD
  case 17: // CONT
  case 18: // STOP
  case 19: // TSTP
  case 20: // TTIN
  case 21: // TTOU
  case 22: // URG
  case 27: // WINCH
    return E_SUCCESS;
  }
  static thread_local char Message[64];
  snprintf(Message, sizeof Message, "guest raised %s", Names[Sig]);
  raiseTrap(TrapKind::HostError, Message);
}

} // namespace wasmaot::wasi
