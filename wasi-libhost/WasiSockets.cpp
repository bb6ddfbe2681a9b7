//===- WasiSockets.cpp ----------------------------------------------------===//
//
// Sockets: sock_accept, sock_recv, sock_send, sock_shutdown on descriptors that
// are sockets.
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
// sockets
//===----------------------------------------------------------------------===//

int32_t wasi_sock_accept(VMContext *Ctx, int32_t Fd, int32_t Flags,
                         int32_t OutFd) {
  WasiContext &W = getWasi(Ctx);
  WasiFd *E;
  if (int32_t Err = checkSocket(W, uint32_t(Fd), R_SOCK_ACCEPT, E))
    return Err;
  Guest G(Ctx);
  if (!G.ok(OutFd, 4))
    return E_FAULT;
  if (Flags & ~FDF_NONBLOCK)
    return E_INVAL;
  int HostFd;
  do
    HostFd =
        accept4(E->HostFd, nullptr, nullptr,
                SOCK_CLOEXEC | ((Flags & FDF_NONBLOCK) ? SOCK_NONBLOCK : 0));
  while (HostFd < 0 && errno == EINTR);
  if (HostFd < 0)
    return fromHostErrno(errno);
  WasiFd New;
  New.HostFd = HostFd;
  New.OwnsHostFd = true;
  New.FileType = E->FileType;
  New.Flags = uint16_t(Flags);
  // A connection accepts nothing itself.
  New.RightsBase = getRightsOfType(New.FileType) & ~R_SOCK_ACCEPT;
  return addOwnedFd(W, G, New, OutFd);
}

int32_t wasi_sock_recv(VMContext *Ctx, int32_t Fd, int32_t Iovs,
                       int32_t IovsLen, int32_t RiFlags, int32_t OutLen,
                       int32_t OutFlags) {
  WasiFd *E;
  if (int32_t Err = checkSocket(getWasi(Ctx), uint32_t(Fd), R_FD_READ, E))
    return Err;
  Guest G(Ctx);
  if (!G.ok(OutLen, 4) || !G.ok(OutFlags, 2))
    return E_FAULT;
  if (RiFlags & ~3)
    return E_INVAL;
  std::vector<iovec> V;
  if (int32_t Err = gatherIovs(G, Iovs, uint32_t(IovsLen), V))
    return Err;
  msghdr M;
  memset(&M, 0, sizeof M);
  M.msg_iov = V.data();
  M.msg_iovlen = V.size();
  int HostFlags =
      ((RiFlags & 1) ? MSG_PEEK : 0) | ((RiFlags & 2) ? MSG_WAITALL : 0);
  ssize_t N;
  do
    N = recvmsg(E->HostFd, &M, HostFlags);
  while (N < 0 && errno == EINTR);
  if (N < 0)
    return fromHostErrno(errno);
  G.store(OutLen, uint32_t(N));
  G.store(OutFlags, uint16_t((M.msg_flags & MSG_TRUNC) ? 1 : 0));
  return E_SUCCESS;
}

int32_t wasi_sock_send(VMContext *Ctx, int32_t Fd, int32_t Iovs,
                       int32_t IovsLen, int32_t SiFlags, int32_t OutLen) {
  WasiFd *E;
  if (int32_t Err = checkSocket(getWasi(Ctx), uint32_t(Fd), R_FD_WRITE, E))
    return Err;
  Guest G(Ctx);
  if (!G.ok(OutLen, 4))
    return E_FAULT;
  if (SiFlags != 0)
    return E_INVAL;
  std::vector<iovec> V;
  if (int32_t Err = gatherIovs(G, Iovs, uint32_t(IovsLen), V))
    return Err;
  msghdr M;
  memset(&M, 0, sizeof M);
  M.msg_iov = V.data();
  M.msg_iovlen = V.size();
  ssize_t N;
  do
    N = sendmsg(E->HostFd, &M, MSG_NOSIGNAL);
  while (N < 0 && errno == EINTR);
  if (N < 0)
    return fromHostErrno(errno);
  G.store(OutLen, uint32_t(N));
  return E_SUCCESS;
}

int32_t wasi_sock_shutdown(VMContext *Ctx, int32_t Fd, int32_t How) {
  WasiFd *E;
  if (int32_t Err = checkSocket(getWasi(Ctx), uint32_t(Fd), R_SOCK_SHUTDOWN, E))
    return Err;
  int H;
  switch (How) {
  case 1:
    H = SHUT_RD;
    break;
  case 2:
    H = SHUT_WR;
    break;
  case 3:
    H = SHUT_RDWR;
    break;
  default:
    return E_INVAL;
  }
  return shutdown(E->HostFd, H) == 0 ? E_SUCCESS : fromHostErrno(errno);
}

} // namespace wasmaot::wasi
