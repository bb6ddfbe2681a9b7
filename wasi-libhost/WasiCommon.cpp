//===- WasiCommon.cpp -----------------------------------------------------===//
//
// What every WASI area shares: host errnos to WASI's, checked access to guest
// memory, fd and rights checks.
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
// clang-format off
int32_t fromHostErrno(int E) {
  switch (E) {
  case 0: return E_SUCCESS;
  case E2BIG: return E_2BIG;
  case EACCES: return E_ACCES;
  case EADDRINUSE: return E_ADDRINUSE;
  case EADDRNOTAVAIL: return E_ADDRNOTAVAIL;
  case EAFNOSUPPORT: return E_AFNOSUPPORT;
  case EAGAIN: return E_AGAIN;
  case EALREADY: return E_ALREADY;
  case EBADF: return E_BADF;
  case EBADMSG: return E_BADMSG;
  case EBUSY: return E_BUSY;
  case ECANCELED: return E_CANCELED;
  case ECHILD: return E_CHILD;
  case ECONNABORTED: return E_CONNABORTED;
  case ECONNREFUSED: return E_CONNREFUSED;
  case ECONNRESET: return E_CONNRESET;
  case EDEADLK: return E_DEADLK;
  case EDESTADDRREQ: return E_DESTADDRREQ;
  case EDOM: return E_DOM;
  case EDQUOT: return E_DQUOT;
  case EEXIST: return E_EXIST;
  case EFAULT: return E_FAULT;
  case EFBIG: return E_FBIG;
  case EHOSTUNREACH: return E_HOSTUNREACH;
  case EIDRM: return E_IDRM;
  case EILSEQ: return E_ILSEQ;
  case EINPROGRESS: return E_INPROGRESS;
  case EINTR: return E_INTR;
  case EINVAL: return E_INVAL;
  case EIO: return E_IO;
  case EISCONN: return E_ISCONN;
  case EISDIR: return E_ISDIR;
  case ELOOP: return E_LOOP;
  case EMFILE: return E_MFILE;
  case EMLINK: return E_MLINK;
  case EMSGSIZE: return E_MSGSIZE;
  case EMULTIHOP: return E_MULTIHOP;
  case ENAMETOOLONG: return E_NAMETOOLONG;
  case ENETDOWN: return E_NETDOWN;
  case ENETRESET: return E_NETRESET;
  case ENETUNREACH: return E_NETUNREACH;
  case ENFILE: return E_NFILE;
  case ENOBUFS: return E_NOBUFS;
  case ENODEV: return E_NODEV;
  case ENOENT: return E_NOENT;
  case ENOEXEC: return E_NOEXEC;
  case ENOLCK: return E_NOLCK;
  case ENOLINK: return E_NOLINK;
  case ENOMEM: return E_NOMEM;
  case ENOMSG: return E_NOMSG;
  case ENOPROTOOPT: return E_NOPROTOOPT;
  case ENOSPC: return E_NOSPC;
  case ENOSYS: return E_NOSYS;
  case ENOTCONN: return E_NOTCONN;
  case ENOTDIR: return E_NOTDIR;
  case ENOTEMPTY: return E_NOTEMPTY;
  case ENOTRECOVERABLE: return E_NOTRECOVERABLE;
  case ENOTSOCK: return E_NOTSOCK;
  case ENOTSUP: return E_NOTSUP;
  case ENOTTY: return E_NOTTY;
  case ENXIO: return E_NXIO;
  case EOVERFLOW: return E_OVERFLOW;
  case EOWNERDEAD: return E_OWNERDEAD;
  case EPERM: return E_PERM;
  case EPIPE: return E_PIPE;
  case EPROTO: return E_PROTO;
  case EPROTONOSUPPORT: return E_PROTONOSUPPORT;
  case EPROTOTYPE: return E_PROTOTYPE;
  case ERANGE: return E_RANGE;
  case EROFS: return E_ROFS;
  case ESPIPE: return E_SPIPE;
  case ESRCH: return E_SRCH;
  case ESTALE: return E_STALE;
  case ETIMEDOUT: return E_TIMEDOUT;
  case ETXTBSY: return E_TXTBSY;
  case EXDEV: return E_XDEV;
  default: return E_IO;
  }
}
// clang-format on

WasiContext &getWasi(VMContext *Ctx) {
  WasiContext *W = WasiContext::get(Ctx);
  if (!W)
    raiseTrap(TrapKind::HostError,
              "WASI function called without a WASI context");
  return *W;
}

/// Checks an fd and its rights; returns 0 or the errno.
int32_t checkFd(WasiContext &W, uint32_t Fd, uint64_t Rights, WasiFd *&E) {
  E = W.getFd(Fd);
  if (!E)
    return E_BADF;
  if ((E->RightsBase & Rights) != Rights)
    return E_NOTCAPABLE;
  return E_SUCCESS;
}

int32_t checkFdOfKind(WasiContext &W, uint32_t Fd, uint64_t Rights,
                      bool (*IsKind)(uint8_t FileType), int32_t WrongKind,
                      WasiFd *&E) {
  E = W.getFd(Fd);
  if (!E)
    return E_BADF;
  if (!IsKind(E->FileType))
    return WrongKind;
  return checkFd(W, Fd, Rights, E);
}

/// Turns a guest iovec array into host iovecs, checking every buffer.
int32_t gatherIovs(const Guest &G, uint32_t Iovs, uint32_t IovsLen,
                   std::vector<iovec> &Out) {
  if (!G.ok(Iovs, uint64_t(IovsLen) * 8))
    return E_FAULT;
  for (uint32_t I = 0; I < IovsLen; ++I) {
    uint32_t Buf, Len;
    G.load(Iovs + I * 8, Buf);
    G.load(Iovs + I * 8 + 4, Len);
    if (!G.ok(Buf, Len))
      return E_FAULT;
    if (Out.size() < IOV_MAX)
      Out.push_back({G.at(Buf), Len});
  }
  return E_SUCCESS;
}

uint8_t fileTypeOf(mode_t Mode) {
  if (S_ISREG(Mode))
    return FT_REGULAR_FILE;
  if (S_ISDIR(Mode))
    return FT_DIRECTORY;
  if (S_ISCHR(Mode))
    return FT_CHARACTER_DEVICE;
  if (S_ISBLK(Mode))
    return FT_BLOCK_DEVICE;
  if (S_ISLNK(Mode))
    return FT_SYMBOLIC_LINK;
  if (S_ISSOCK(Mode))
    return FT_SOCKET_STREAM;
  return FT_UNKNOWN;
}

uint64_t toNanos(const timespec &T) {
  return uint64_t(T.tv_sec) * 1000000000ull + uint64_t(T.tv_nsec);
}

} // namespace wasmaot::wasi
