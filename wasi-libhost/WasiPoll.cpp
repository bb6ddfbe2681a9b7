//===- WasiPoll.cpp -------------------------------------------------------===//
//
// poll_oneoff: clock and fd subscriptions.
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
// poll_oneoff
//===----------------------------------------------------------------------===//

namespace {

/// What pollOneoff returns instead of an errno when the instance was
/// interrupted while it waited.
constexpr int32_t PollInterrupted = -1;

/// How long an interruptible instance waits at a time before it looks at its
/// interrupt flag again.
constexpr uint64_t InterruptSliceNs = 10'000'000;

int32_t pollOneoff(VMContext *Ctx, int32_t In, int32_t Out, int32_t NSubs,
                   int32_t NEventsPtr) {
  WasiContext &W = getWasi(Ctx);
  Guest G(Ctx);
  uint32_t N = uint32_t(NSubs);
  if (!G.ok(In, uint64_t(N) * 48) || !G.ok(Out, uint64_t(N) * 32) ||
      !G.ok(NEventsPtr, 4))
    return E_FAULT;
  if (N == 0)
    return E_INVAL;
  // subscription: userdata u64 @0, tag u8 @8, then @16: clock {id u32 @16,
  // timeout u64 @24, precision u64 @32, flags u16 @40} or fd u32 @16.
  // event: userdata u64 @0, error u16 @8, type u8 @10, nbytes u64 @16,
  // flags u16 @24 (HANGUP 1).
  enum { EV_CLOCK = 0, EV_FD_READ = 1, EV_FD_WRITE = 2 };
  std::vector<pollfd> Polls;
  std::vector<uint32_t> PollSub; // the subscription of each pollfd
  uint32_t NEvents = 0;
  auto Emit = [&](uint32_t Sub, uint16_t Error, uint64_t NBytes,
                  uint16_t Flags) {
    uint32_t S = In + Sub * 48, E = Out + NEvents * 32;
    uint64_t UserData;
    uint8_t Tag;
    G.load(S, UserData);
    G.load(S + 8, Tag);
    memset(G.at(E), 0, 32);
    G.store(E, UserData);
    G.store(E + 8, Error);
    G.store(E + 10, Tag);
    if (Tag != EV_CLOCK) {
      G.store(E + 16, NBytes);
      G.store(E + 24, Flags);
    }
    ++NEvents;
  };
  // The earliest clock deadline, as a monotonic time in ns.
  bool HaveTimeout = false;
  uint64_t Deadline = 0;
  std::vector<std::pair<uint32_t, uint64_t>> Clocks; // sub, deadline
  timespec Now;
  clock_gettime(CLOCK_MONOTONIC, &Now);
  uint64_t NowNs = toNanos(Now);
  for (uint32_t I = 0; I < N; ++I) {
    uint32_t S = In + I * 48;
    uint8_t Tag;
    G.load(S + 8, Tag);
    if (Tag == EV_CLOCK) {
      uint32_t Id;
      uint64_t Timeout;
      uint16_t Flags;
      G.load(S + 16, Id);
      G.load(S + 24, Timeout);
      G.load(S + 40, Flags);
      clockid_t C;
      if (!hostClock(Id, C)) {
        Emit(I, E_INVAL, 0, 0);
        continue;
      }
      uint64_t Rel = Timeout;
      if (Flags & 1) { // ABSTIME: relative to that clock's now
        timespec T;
        clock_gettime(C, &T);
        uint64_t ClockNow = toNanos(T);
        Rel = Timeout > ClockNow ? Timeout - ClockNow : 0;
      }
      uint64_t D = Rel > UINT64_MAX - NowNs ? UINT64_MAX : NowNs + Rel;
      Clocks.push_back({I, D});
      if (!HaveTimeout || D < Deadline)
        Deadline = D;
      HaveTimeout = true;
    } else if (Tag == EV_FD_READ || Tag == EV_FD_WRITE) {
      uint32_t Fd;
      G.load(S + 16, Fd);
      WasiFd *E;
      if (int32_t Err = checkFd(W, Fd, R_POLL_FD_READWRITE, E)) {
        Emit(I, uint16_t(Err), 0, 0);
        continue;
      }
      if (E->MemoryStream >= 0) { // always ready; reads never block
        const WasiMemoryStdio &M = *W.options().MemoryStdio;
        uint64_t Left =
            E->MemoryStream == 0 ? uint64_t(M.Stdin.size() - M.StdinPos) : 0;
        // At the end of standard input, a hang-up, as for a pipe.
        Emit(I, 0, Left, E->MemoryStream == 0 && Left == 0 ? 1 : 0);
        continue;
      }
      Polls.push_back(
          {E->HostFd, short(Tag == EV_FD_READ ? POLLIN : POLLOUT), 0});
      PollSub.push_back(I);
    } else {
      Emit(I, E_INVAL, 0, 0);
    }
  }
  if (NEvents == 0) {
    // An interruptible instance (a server's handler, `run --timeout`) waits
    // in slices, so that a guest sleeping past its timeout is stopped too.
    bool Interruptible = Ctx->Owner && Ctx->Owner->isInterruptible();
    int R;
    for (;;) {
      timespec Wait, *WaitP = nullptr;
      uint64_t Left = UINT64_MAX;
      if (HaveTimeout) {
        clock_gettime(CLOCK_MONOTONIC, &Now);
        uint64_t T = toNanos(Now);
        Left = Deadline > T ? Deadline - T : 0;
      }
      uint64_t Slice = Interruptible ? std::min(Left, InterruptSliceNs) : Left;
      if (Slice != UINT64_MAX) {
        Wait.tv_sec =
            time_t(std::min<uint64_t>(Slice / 1000000000ull, INT32_MAX));
        Wait.tv_nsec = long(Slice % 1000000000ull);
        WaitP = &Wait;
      }
      R = ppoll(Polls.data(), Polls.size(), WaitP, nullptr);
      if (R < 0 && errno == EINTR)
        continue;
      if (R == 0 && Slice < Left) { // a slice ended, not the wait
        if (Ctx->Owner->isInterrupted())
          return PollInterrupted;
        continue;
      }
      break;
    }
    if (R < 0)
      return fromHostErrno(errno);
    for (size_t P = 0; P < Polls.size(); ++P) {
      short Rev = Polls[P].revents;
      if (!Rev)
        continue;
      uint32_t Sub = PollSub[P];
      if (Rev & POLLNVAL) {
        Emit(Sub, E_BADF, 0, 0);
        continue;
      }
      uint64_t NBytes = 0;
      uint16_t Flags = (Rev & POLLHUP) ? 1 : 0;
      uint16_t Error =
          (Rev & POLLERR) && !(Rev & (POLLIN | POLLOUT)) ? E_IO : 0;
      if (Polls[P].events == POLLIN) {
        struct stat St;
        int Avail = 0;
        if (fstat(Polls[P].fd, &St) == 0 && S_ISREG(St.st_mode)) {
          off_t Cur = lseek(Polls[P].fd, 0, SEEK_CUR);
          NBytes =
              Cur >= 0 && St.st_size > Cur ? uint64_t(St.st_size - Cur) : 0;
        } else if (ioctl(Polls[P].fd, FIONREAD, &Avail) == 0 && Avail > 0) {
          NBytes = uint64_t(Avail);
        }
      }
      Emit(Sub, Error, NBytes, Flags);
    }
    clock_gettime(CLOCK_MONOTONIC, &Now);
    NowNs = toNanos(Now);
    for (auto &[Sub, D] : Clocks)
      if (D <= NowNs || (NEvents == 0 && D == Deadline))
        Emit(Sub, 0, 0, 0);
  }
  G.store(NEventsPtr, NEvents);
  return E_SUCCESS;
}

} // namespace

int32_t wasi_poll_oneoff(VMContext *Ctx, int32_t In, int32_t Out, int32_t NSubs,
                         int32_t NEventsPtr) {
  // The trap unwinds with a longjmp: it is raised here, once pollOneoff's
  // vectors are gone.
  int32_t R = pollOneoff(Ctx, In, Out, NSubs, NEventsPtr);
  if (R == PollInterrupted)
    raiseTrap(TrapKind::Interrupted, nullptr);
  return R;
}

} // namespace wasmaot::wasi
