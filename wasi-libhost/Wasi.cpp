//===- Wasi.cpp - wasi_snapshot_preview1 host functions -------------------===//
//
// Each function is called by compiled code as Code(vmctx, args...), with the
// importing instance's vmctx, and works on that instance's memory 0. Every
// guest pointer and length is checked against the memory's current size
// before any access: a bad one is errno FAULT, never a host access.
//
// Every preview1 function is implemented. Paths resolve beneath the
// directory fd they start from (openat2 RESOLVE_BENEATH, or a portable walk:
// see "Path resolution"); rights are checked before anything else; host
// errors map to WASI errnos (an escape attempt is NOTCAPABLE).
//
//===----------------------------------------------------------------------===//
#include "wasi-libhost/Wasi.h"

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

using namespace wasmaot;

namespace {

//===----------------------------------------------------------------------===//
// preview1 constants (wasi/api.h of wasi-libc)
//===----------------------------------------------------------------------===//

// clang-format off
enum Errno : int32_t {
  E_SUCCESS = 0, E_2BIG = 1, E_ACCES = 2, E_ADDRINUSE = 3, E_ADDRNOTAVAIL = 4,
  E_AFNOSUPPORT = 5, E_AGAIN = 6, E_ALREADY = 7, E_BADF = 8, E_BADMSG = 9,
  E_BUSY = 10, E_CANCELED = 11, E_CHILD = 12, E_CONNABORTED = 13,
  E_CONNREFUSED = 14, E_CONNRESET = 15, E_DEADLK = 16, E_DESTADDRREQ = 17,
  E_DOM = 18, E_DQUOT = 19, E_EXIST = 20, E_FAULT = 21, E_FBIG = 22,
  E_HOSTUNREACH = 23, E_IDRM = 24, E_ILSEQ = 25, E_INPROGRESS = 26,
  E_INTR = 27, E_INVAL = 28, E_IO = 29, E_ISCONN = 30, E_ISDIR = 31,
  E_LOOP = 32, E_MFILE = 33, E_MLINK = 34, E_MSGSIZE = 35, E_MULTIHOP = 36,
  E_NAMETOOLONG = 37, E_NETDOWN = 38, E_NETRESET = 39, E_NETUNREACH = 40,
  E_NFILE = 41, E_NOBUFS = 42, E_NODEV = 43, E_NOENT = 44, E_NOEXEC = 45,
  E_NOLCK = 46, E_NOLINK = 47, E_NOMEM = 48, E_NOMSG = 49, E_NOPROTOOPT = 50,
  E_NOSPC = 51, E_NOSYS = 52, E_NOTCONN = 53, E_NOTDIR = 54, E_NOTEMPTY = 55,
  E_NOTRECOVERABLE = 56, E_NOTSOCK = 57, E_NOTSUP = 58, E_NOTTY = 59,
  E_NXIO = 60, E_OVERFLOW = 61, E_OWNERDEAD = 62, E_PERM = 63, E_PIPE = 64,
  E_PROTO = 65, E_PROTONOSUPPORT = 66, E_PROTOTYPE = 67, E_RANGE = 68,
  E_ROFS = 69, E_SPIPE = 70, E_SRCH = 71, E_STALE = 72, E_TIMEDOUT = 73,
  E_TXTBSY = 74, E_XDEV = 75, E_NOTCAPABLE = 76,
};

enum : uint64_t {
  R_FD_DATASYNC = 1ull << 0, R_FD_READ = 1ull << 1, R_FD_SEEK = 1ull << 2,
  R_FD_FDSTAT_SET_FLAGS = 1ull << 3, R_FD_SYNC = 1ull << 4,
  R_FD_TELL = 1ull << 5, R_FD_WRITE = 1ull << 6, R_FD_ADVISE = 1ull << 7,
  R_FD_ALLOCATE = 1ull << 8, R_PATH_CREATE_DIRECTORY = 1ull << 9,
  R_PATH_CREATE_FILE = 1ull << 10, R_PATH_LINK_SOURCE = 1ull << 11,
  R_PATH_LINK_TARGET = 1ull << 12, R_PATH_OPEN = 1ull << 13,
  R_FD_READDIR = 1ull << 14, R_PATH_READLINK = 1ull << 15,
  R_PATH_RENAME_SOURCE = 1ull << 16, R_PATH_RENAME_TARGET = 1ull << 17,
  R_PATH_FILESTAT_GET = 1ull << 18, R_PATH_FILESTAT_SET_SIZE = 1ull << 19,
  R_PATH_FILESTAT_SET_TIMES = 1ull << 20, R_FD_FILESTAT_GET = 1ull << 21,
  R_FD_FILESTAT_SET_SIZE = 1ull << 22, R_FD_FILESTAT_SET_TIMES = 1ull << 23,
  R_PATH_SYMLINK = 1ull << 24, R_PATH_REMOVE_DIRECTORY = 1ull << 25,
  R_PATH_UNLINK_FILE = 1ull << 26, R_POLL_FD_READWRITE = 1ull << 27,
  R_SOCK_SHUTDOWN = 1ull << 28, R_SOCK_ACCEPT = 1ull << 29,
  R_ALL = (1ull << 30) - 1,
};

enum : uint8_t {
  FT_UNKNOWN = 0, FT_BLOCK_DEVICE = 1, FT_CHARACTER_DEVICE = 2,
  FT_DIRECTORY = 3, FT_REGULAR_FILE = 4, FT_SOCKET_DGRAM = 5,
  FT_SOCKET_STREAM = 6, FT_SYMBOLIC_LINK = 7,
};

enum : uint16_t {
  FDF_APPEND = 1, FDF_DSYNC = 2, FDF_NONBLOCK = 4, FDF_RSYNC = 8, FDF_SYNC = 16,
};

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

//===----------------------------------------------------------------------===//
// Guest memory access
//===----------------------------------------------------------------------===//

/// Memory 0 of the calling instance, as it is now (it cannot grow during a
/// host call).
struct Guest {
  uint8_t *Base = nullptr;
  uint64_t Size = 0;

  explicit Guest(VMContext *Ctx) {
    if (Ctx->Memory) {
      Base = Ctx->Memory->Base;
      Size = Ctx->Memory->SizeBytes;
    }
  }
  bool ok(uint32_t Ptr, uint64_t Len) const { return Ptr + Len <= Size; }
  template <typename T> bool load(uint32_t Ptr, T &V) const {
    if (!ok(Ptr, sizeof(T)))
      return false;
    memcpy(&V, Base + Ptr, sizeof(T));
    return true;
  }
  template <typename T> void store(uint32_t Ptr, T V) const {
    memcpy(Base + Ptr, &V, sizeof(T));
  }
  uint8_t *at(uint32_t Ptr) const { return Base + Ptr; }
};

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

//===----------------------------------------------------------------------===//
// The fd table
//===----------------------------------------------------------------------===//

/// Guest fds above this are refused (MFILE): bounds the table.
constexpr uint32_t MaxGuestFds = 1u << 16;

uint8_t socketTypeOf(int HostFd) {
  int Type = 0;
  socklen_t Len = sizeof Type;
  if (getsockopt(HostFd, SOL_SOCKET, SO_TYPE, &Type, &Len) == 0 &&
      Type == SOCK_DGRAM)
    return FT_SOCKET_DGRAM;
  return FT_SOCKET_STREAM;
}

uint8_t fileTypeOfFd(int HostFd, const struct stat &St) {
  uint8_t T = fileTypeOf(St.st_mode);
  return T == FT_SOCKET_STREAM ? socketTypeOf(HostFd) : T;
}

void storeFilestat(const Guest &G, uint32_t Out, const struct stat &St,
                   uint8_t FileType) {
  // filestat: dev @0, ino @8, filetype u8 @16, nlink @24, size @32,
  // atim @40, mtim @48, ctim @56.
  memset(G.at(Out), 0, 64);
  G.store(Out, uint64_t(St.st_dev));
  G.store(Out + 8, uint64_t(St.st_ino));
  G.store(Out + 16, FileType);
  G.store(Out + 24, uint64_t(St.st_nlink));
  G.store(Out + 32, uint64_t(St.st_size));
  G.store(Out + 40, toNanos(St.st_atim));
  G.store(Out + 48, toNanos(St.st_mtim));
  G.store(Out + 56, toNanos(St.st_ctim));
}

//===----------------------------------------------------------------------===//
// args, environ
//===----------------------------------------------------------------------===//

int32_t stringsSizes(VMContext *Ctx, const std::vector<std::string> &Strs,
                     uint32_t CountPtr, uint32_t BufSizePtr) {
  Guest G(Ctx);
  if (!G.ok(CountPtr, 4) || !G.ok(BufSizePtr, 4))
    return E_FAULT;
  uint64_t Bytes = 0;
  for (const std::string &S : Strs)
    Bytes += S.size() + 1;
  G.store(CountPtr, uint32_t(Strs.size()));
  G.store(BufSizePtr, uint32_t(Bytes));
  return E_SUCCESS;
}

int32_t stringsGet(VMContext *Ctx, const std::vector<std::string> &Strs,
                   uint32_t Ptrs, uint32_t Buf) {
  Guest G(Ctx);
  uint64_t Bytes = 0;
  for (const std::string &S : Strs)
    Bytes += S.size() + 1;
  if (!G.ok(Ptrs, uint64_t(Strs.size()) * 4) || !G.ok(Buf, Bytes))
    return E_FAULT;
  uint32_t At = Buf;
  for (size_t I = 0; I < Strs.size(); ++I) {
    G.store(Ptrs + uint32_t(I) * 4, At);
    memcpy(G.at(At), Strs[I].c_str(), Strs[I].size() + 1);
    At += uint32_t(Strs[I].size() + 1);
  }
  return E_SUCCESS;
}

int32_t wasi_args_sizes_get(VMContext *Ctx, int32_t Argc, int32_t BufSize) {
  return stringsSizes(Ctx, getWasi(Ctx).options().Args, Argc, BufSize);
}
int32_t wasi_args_get(VMContext *Ctx, int32_t Argv, int32_t Buf) {
  return stringsGet(Ctx, getWasi(Ctx).options().Args, Argv, Buf);
}
int32_t wasi_environ_sizes_get(VMContext *Ctx, int32_t Count, int32_t BufSize) {
  return stringsSizes(Ctx, getWasi(Ctx).options().Env, Count, BufSize);
}
int32_t wasi_environ_get(VMContext *Ctx, int32_t Environ, int32_t Buf) {
  return stringsGet(Ctx, getWasi(Ctx).options().Env, Environ, Buf);
}

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
// fds
//===----------------------------------------------------------------------===//

/// fd_read, fd_write, fd_pread, fd_pwrite: check the rights and the guest's
/// buffers (and, for the positioned ones, the offset), then move the bytes
/// with Transfer (readv, writev, or preadv/pwritev at the offset), retrying on
/// EINTR.
template <typename TransferFn>
int32_t transferIovs(VMContext *Ctx, int32_t Fd, uint64_t Rights, int32_t Iovs,
                     int32_t IovsLen, int32_t NDone, TransferFn Transfer,
                     std::optional<int64_t> Offset = std::nullopt) {
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), Rights, E))
    return Err;
  Guest G(Ctx);
  if (!G.ok(NDone, 4))
    return E_FAULT;
  if (Offset && *Offset < 0)
    return E_INVAL;
  std::vector<iovec> V;
  if (int32_t Err = gatherIovs(G, Iovs, uint32_t(IovsLen), V))
    return Err;
  ssize_t N;
  do
    N = V.empty() ? 0 : Transfer(E->HostFd, V.data(), int(V.size()));
  while (N < 0 && errno == EINTR);
  if (N < 0)
    return fromHostErrno(errno);
  G.store(NDone, uint32_t(N));
  return E_SUCCESS;
}

int32_t wasi_fd_write(VMContext *Ctx, int32_t Fd, int32_t Iovs, int32_t IovsLen,
                      int32_t NWritten) {
  return transferIovs(Ctx, Fd, R_FD_WRITE, Iovs, IovsLen, NWritten, ::writev);
}

int32_t wasi_fd_read(VMContext *Ctx, int32_t Fd, int32_t Iovs, int32_t IovsLen,
                     int32_t NRead) {
  return transferIovs(Ctx, Fd, R_FD_READ, Iovs, IovsLen, NRead, ::readv);
}

int32_t wasi_fd_seek(VMContext *Ctx, int32_t Fd, int64_t Offset, int32_t Whence,
                     int32_t NewOffset) {
  int HostWhence;
  switch (Whence) {
  case 0:
    HostWhence = SEEK_SET;
    break;
  case 1:
    HostWhence = SEEK_CUR;
    break;
  case 2:
    HostWhence = SEEK_END;
    break;
  default:
    return E_INVAL;
  }
  // Asking where we are (offset 0 from the current position) is fd_tell.
  uint64_t Rights =
      Offset == 0 && HostWhence == SEEK_CUR ? R_FD_TELL : R_FD_SEEK;
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), Rights, E))
    return Err;
  Guest G(Ctx);
  if (!G.ok(NewOffset, 8))
    return E_FAULT;
  off_t R = lseek(E->HostFd, off_t(Offset), HostWhence);
  if (R < 0)
    return fromHostErrno(errno);
  G.store(NewOffset, uint64_t(R));
  return E_SUCCESS;
}

int32_t wasi_fd_tell(VMContext *Ctx, int32_t Fd, int32_t OffsetPtr) {
  return wasi_fd_seek(Ctx, Fd, 0, 1, OffsetPtr);
}

int32_t wasi_fd_close(VMContext *Ctx, int32_t Fd) {
  return getWasi(Ctx).closeFd(uint32_t(Fd)) ? E_SUCCESS : E_BADF;
}

int32_t wasi_fd_fdstat_get(VMContext *Ctx, int32_t Fd, int32_t Out) {
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), 0, E))
    return Err;
  Guest G(Ctx);
  if (!G.ok(Out, 24))
    return E_FAULT;
  // fdstat: filetype u8 @0, flags u16 @2, rights_base u64 @8,
  // rights_inheriting u64 @16.
  memset(G.at(Out), 0, 24);
  G.store(Out, E->FileType);
  G.store(Out + 2, E->Flags);
  G.store(Out + 8, E->RightsBase);
  G.store(Out + 16, E->RightsInheriting);
  return E_SUCCESS;
}

int32_t wasi_fd_fdstat_set_flags(VMContext *Ctx, int32_t Fd, int32_t Flags) {
  WasiFd *E;
  if (int32_t Err =
          checkFd(getWasi(Ctx), uint32_t(Fd), R_FD_FDSTAT_SET_FLAGS, E))
    return Err;
  // Only what fcntl(F_SETFL) can change on Linux; the sync flags are fixed at
  // open time.
  if (Flags & ~(FDF_APPEND | FDF_NONBLOCK))
    return E_NOTSUP;
  int HostFlags = fcntl(E->HostFd, F_GETFL);
  if (HostFlags < 0)
    return fromHostErrno(errno);
  HostFlags &= ~(O_APPEND | O_NONBLOCK);
  if (Flags & FDF_APPEND)
    HostFlags |= O_APPEND;
  if (Flags & FDF_NONBLOCK)
    HostFlags |= O_NONBLOCK;
  if (fcntl(E->HostFd, F_SETFL, HostFlags) < 0)
    return fromHostErrno(errno);
  E->Flags = uint16_t((E->Flags & ~(FDF_APPEND | FDF_NONBLOCK)) | Flags);
  return E_SUCCESS;
}

int32_t wasi_fd_filestat_get(VMContext *Ctx, int32_t Fd, int32_t Out) {
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), R_FD_FILESTAT_GET, E))
    return Err;
  Guest G(Ctx);
  if (!G.ok(Out, 64))
    return E_FAULT;
  struct stat St;
  if (fstat(E->HostFd, &St) != 0)
    return fromHostErrno(errno);
  storeFilestat(G, Out, St, fileTypeOfFd(E->HostFd, St));
  return E_SUCCESS;
}

int32_t wasi_fd_prestat_get(VMContext *Ctx, int32_t Fd, int32_t Out) {
  WasiFd *E = getWasi(Ctx).getFd(uint32_t(Fd));
  if (!E || !E->IsPreopen)
    return E_BADF;
  Guest G(Ctx);
  if (!G.ok(Out, 8))
    return E_FAULT;
  // prestat: tag u8 @0 (0 = dir), pr_name_len u32 @4.
  memset(G.at(Out), 0, 8);
  G.store(Out + 4, uint32_t(E->PreopenName.size()));
  return E_SUCCESS;
}

int32_t wasi_fd_prestat_dir_name(VMContext *Ctx, int32_t Fd, int32_t Path,
                                 int32_t PathLen) {
  WasiFd *E = getWasi(Ctx).getFd(uint32_t(Fd));
  if (!E || !E->IsPreopen)
    return E_BADF;
  Guest G(Ctx);
  if (!G.ok(Path, uint32_t(PathLen)))
    return E_FAULT;
  if (uint32_t(PathLen) < E->PreopenName.size())
    return E_NAMETOOLONG;
  memcpy(G.at(Path), E->PreopenName.data(), E->PreopenName.size());
  return E_SUCCESS;
}

//===----------------------------------------------------------------------===//
// Path resolution: never leaves the directory of the fd it starts from
//===----------------------------------------------------------------------===//
//
// Two resolvers with the same contract: openat2(RESOLVE_BENEATH |
// RESOLVE_NO_MAGICLINKS) where the kernel has it, else a walk one component
// at a time (O_NOFOLLOW | O_DIRECTORY per step, symlinks read and spliced in
// by hand, `..` popping our own stack of held directory fds and refused at the
// root). Escapes (absolute paths, absolute symlinks, `..` above the root) are
// EXDEV inside and NOTCAPABLE for the guest. Every step works on an fd held
// since the step before, so renaming directories meanwhile cannot lead out.

std::atomic<bool> Openat2Missing{false};
constexpr int MaxSymlinks = 40;

int sysOpenat2(int Dir, const char *Path, int Flags, mode_t Mode) {
  open_how How;
  memset(&How, 0, sizeof How);
  How.flags = uint64_t(unsigned(Flags));
  How.mode = (Flags & O_CREAT) ? Mode : 0;
  How.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  for (int Try = 0; Try < 64; ++Try) {
    long R = syscall(SYS_openat2, Dir, Path, &How, sizeof How);
    if (R >= 0)
      return int(R);
    // EAGAIN: the kernel saw a concurrent rename and could not prove the
    // lookup stayed beneath; it is safe to try again.
    if (errno != EAGAIN && errno != EINTR)
      return -errno;
  }
  return -EAGAIN;
}

/// Closes the directory fds a walk holds, whatever way it ends.
struct FdStack {
  std::vector<int> Fds;
  ~FdStack() {
    for (int Fd : Fds)
      close(Fd);
  }
};

int walkOpen(int Root, std::string_view Path, int Flags, mode_t Mode,
             bool FollowFinal) {
  if (Path.empty())
    return -ENOENT;
  std::string Pending(Path);
  FdStack Stack; // the directories entered below Root, innermost last
  auto Top = [&] { return Stack.Fds.empty() ? Root : Stack.Fds.back(); };
  auto OpenCurrent = [&] {
    int Fd = openat(Top(), ".", (Flags & ~(O_CREAT | O_EXCL)) | O_CLOEXEC);
    if (Fd < 0 && (Flags & O_CREAT))
      return -EISDIR;
    return Fd < 0 ? -errno : Fd;
  };
  int Links = 0;
  size_t Pos = 0;
  for (;;) {
    if (Pending.empty() || Pending[0] == '/')
      return Pending.empty() ? -ENOENT : -EXDEV;
    while (Pos < Pending.size() && Pending[Pos] == '/')
      ++Pos;
    if (Pos == Pending.size())
      return OpenCurrent();
    size_t End = Pending.find('/', Pos);
    if (End == std::string::npos)
      End = Pending.size();
    size_t Next = End;
    while (Next < Pending.size() && Pending[Next] == '/')
      ++Next;
    bool Last = Next == Pending.size();
    bool Slash = End < Pending.size(); // more follows, or a trailing slash
    std::string Name = Pending.substr(Pos, End - Pos);
    if (Name == "." || Name == "..") {
      if (Name == "..") {
        if (Stack.Fds.empty())
          return -EXDEV;
        close(Stack.Fds.back());
        Stack.Fds.pop_back();
      }
      Pos = Next;
      if (Last)
        return OpenCurrent();
      continue;
    }
    int Err;
    if (!Last) {
      int Fd = openat(Top(), Name.c_str(),
                      O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (Fd >= 0) {
        Stack.Fds.push_back(Fd);
        Pos = Next;
        continue;
      }
      Err = errno;
    } else {
      bool Follow = FollowFinal || Slash;
      int F = Flags | O_NOFOLLOW | O_CLOEXEC | (Slash ? O_DIRECTORY : 0);
      int Fd = openat(Top(), Name.c_str(), F, Mode);
      if (Fd >= 0) {
        struct stat St;
        if (!(Follow && (Flags & O_PATH) && fstat(Fd, &St) == 0 &&
              S_ISLNK(St.st_mode)))
          return Fd;
        close(Fd); // an O_PATH fd of a symlink we are to follow
        Err = ELOOP;
      } else {
        Err = errno;
        if (!Follow)
          return -Err;
      }
    }
    // A symlink answers ELOOP (O_NOFOLLOW) or ENOTDIR (with O_DIRECTORY).
    if (Err != ELOOP && Err != ENOTDIR)
      return -Err;
    char Target[PATH_MAX];
    ssize_t N = readlinkat(Top(), Name.c_str(), Target, sizeof Target);
    if (N < 0)
      return errno == EINVAL ? -Err : -errno; // EINVAL: not a symlink
    if (N == 0 || size_t(N) >= sizeof Target)
      return N == 0 ? -ENOENT : -ENAMETOOLONG;
    if (++Links > MaxSymlinks)
      return -ELOOP;
    if (Target[0] == '/')
      return -EXDEV;
    Pending = std::string(Target, size_t(N)) + Pending.substr(End);
    Pos = 0;
  }
}

/// Opens Path beneath the directory Root. Returns an fd or -errno (EXDEV for
/// an attempt to leave Root).
int openBeneath(int Root, const std::string &Path, int Flags, mode_t Mode,
                bool Follow, bool ForceWalk) {
  if (!ForceWalk && !Openat2Missing.load(std::memory_order_relaxed)) {
    int R = sysOpenat2(Root, Path.c_str(),
                       Flags | O_CLOEXEC | (Follow ? 0 : O_NOFOLLOW), Mode);
    if (R != -ENOSYS)
      return R;
    Openat2Missing.store(true, std::memory_order_relaxed);
  }
  return walkOpen(Root, Path, Flags, Mode, Follow);
}

int32_t resolveErrno(int NegErr) {
  return NegErr == -EXDEV ? E_NOTCAPABLE : fromHostErrno(-NegErr);
}

/// Reads a guest path (no NUL inside).
int32_t readPath(const Guest &G, uint32_t Ptr, uint32_t Len, std::string &Out) {
  if (!G.ok(Ptr, Len))
    return E_FAULT;
  if (Len >= PATH_MAX)
    return E_NAMETOOLONG;
  Out.assign(reinterpret_cast<const char *>(G.at(Ptr)), Len);
  if (Out.find('\0') != std::string::npos)
    return E_INVAL;
  return E_SUCCESS;
}

/// A directory fd to work in: checks the rights and that it is a directory.
int32_t checkDir(WasiContext &W, uint32_t Fd, uint64_t Rights, WasiFd *&E) {
  if (int32_t Err = checkFd(W, Fd, Rights, E))
    return Err;
  return E->FileType == FT_DIRECTORY ? E_SUCCESS : E_NOTDIR;
}

/// The directory holding a path's last component, and that component: the
/// *at system calls then act on a plain name without following it.
struct ParentRef {
  int Fd = -1;
  bool Owned = false;
  std::string Last;           // a plain name; "." or ".." are left to callers
  bool TrailingSlash = false; // the path ended in '/': must be a directory
  ParentRef() = default;
  ParentRef(const ParentRef &) = delete;
  ParentRef &operator=(const ParentRef &) = delete;
  ~ParentRef() {
    if (Owned)
      close(Fd);
  }
  bool isDots() const { return Last == "." || Last == ".."; }
};

int32_t resolveParent(WasiContext &W, WasiFd *Dir, const std::string &Path,
                      ParentRef &Out) {
  if (Path.empty())
    return E_NOENT;
  if (Path[0] == '/')
    return E_NOTCAPABLE;
  size_t End = Path.size();
  while (End > 0 && Path[End - 1] == '/')
    --End;
  Out.TrailingSlash = End < Path.size();
  size_t Slash = Path.rfind('/', End - 1);
  if (Slash == std::string::npos) {
    Out.Fd = Dir->HostFd;
    Out.Last = Path.substr(0, End);
    return E_SUCCESS;
  }
  Out.Last = Path.substr(Slash + 1, End - Slash - 1);
  int Fd =
      openBeneath(Dir->HostFd, Path.substr(0, Slash + 1), O_PATH | O_DIRECTORY,
                  0, true, W.options().ForcePathWalk);
  if (Fd < 0)
    return resolveErrno(Fd);
  Out.Fd = Fd;
  Out.Owned = true;
  return E_SUCCESS;
}

/// The parent of a new link or symlink: "." and ".." already exist, and a
/// name with a trailing slash cannot be a new non-directory entry.
int32_t resolveNewEntry(WasiContext &W, WasiFd *Dir, const std::string &Path,
                        ParentRef &P) {
  if (int32_t Err = resolveParent(W, Dir, Path, P))
    return Err;
  if (P.isDots())
    return E_EXIST;
  if (P.TrailingSlash)
    return E_NOENT;
  return E_SUCCESS;
}

//===----------------------------------------------------------------------===//
// fd_* beyond stdio
//===----------------------------------------------------------------------===//

int32_t wasi_fd_advise(VMContext *Ctx, int32_t Fd, int64_t Offset, int64_t Len,
                       int32_t Advice) {
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), R_FD_ADVISE, E))
    return Err;
  static const int Host[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL,
                             POSIX_FADV_RANDOM,   POSIX_FADV_WILLNEED,
                             POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  if (uint32_t(Advice) > 5 || Offset < 0 || Len < 0)
    return E_INVAL;
  return fromHostErrno(posix_fadvise(E->HostFd, Offset, Len, Host[Advice]));
}

int32_t wasi_fd_allocate(VMContext *Ctx, int32_t Fd, int64_t Offset,
                         int64_t Len) {
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), R_FD_ALLOCATE, E))
    return Err;
  if (Offset < 0 || Len <= 0)
    return E_INVAL;
  return fromHostErrno(posix_fallocate(E->HostFd, Offset, Len));
}

int32_t wasi_fd_datasync(VMContext *Ctx, int32_t Fd) {
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), R_FD_DATASYNC, E))
    return Err;
  return fdatasync(E->HostFd) == 0 ? E_SUCCESS : fromHostErrno(errno);
}

int32_t wasi_fd_sync(VMContext *Ctx, int32_t Fd) {
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), R_FD_SYNC, E))
    return Err;
  return fsync(E->HostFd) == 0 ? E_SUCCESS : fromHostErrno(errno);
}

int32_t wasi_fd_fdstat_set_rights(VMContext *Ctx, int32_t Fd, int64_t Base,
                                  int64_t Inheriting) {
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), 0, E))
    return Err;
  // Rights can only be dropped.
  if ((uint64_t(Base) & ~E->RightsBase) ||
      (uint64_t(Inheriting) & ~E->RightsInheriting))
    return E_NOTCAPABLE;
  E->RightsBase = uint64_t(Base);
  E->RightsInheriting = uint64_t(Inheriting);
  return E_SUCCESS;
}

int32_t wasi_fd_filestat_set_size(VMContext *Ctx, int32_t Fd, int64_t Size) {
  WasiFd *E;
  if (int32_t Err =
          checkFd(getWasi(Ctx), uint32_t(Fd), R_FD_FILESTAT_SET_SIZE, E))
    return Err;
  if (Size < 0)
    return E_INVAL;
  return ftruncate(E->HostFd, Size) == 0 ? E_SUCCESS : fromHostErrno(errno);
}

/// fstflags: ATIM 1, ATIM_NOW 2, MTIM 4, MTIM_NOW 8.
int32_t makeTimes(int64_t Atim, int64_t Mtim, int32_t FstFlags,
                  timespec (&T)[2]) {
  if ((FstFlags & 3) == 3 || (FstFlags & 12) == 12 || (FstFlags & ~15))
    return E_INVAL;
  auto Set = [](timespec &S, int64_t Ns, bool Given, bool Now) {
    if (Now) {
      S.tv_sec = 0;
      S.tv_nsec = UTIME_NOW;
    } else if (Given) {
      S.tv_sec = time_t(uint64_t(Ns) / 1000000000ull);
      S.tv_nsec = long(uint64_t(Ns) % 1000000000ull);
    } else {
      S.tv_sec = 0;
      S.tv_nsec = UTIME_OMIT;
    }
  };
  Set(T[0], Atim, FstFlags & 1, FstFlags & 2);
  Set(T[1], Mtim, FstFlags & 4, FstFlags & 8);
  return E_SUCCESS;
}

int32_t wasi_fd_filestat_set_times(VMContext *Ctx, int32_t Fd, int64_t Atim,
                                   int64_t Mtim, int32_t FstFlags) {
  WasiFd *E;
  if (int32_t Err =
          checkFd(getWasi(Ctx), uint32_t(Fd), R_FD_FILESTAT_SET_TIMES, E))
    return Err;
  timespec T[2];
  if (int32_t Err = makeTimes(Atim, Mtim, FstFlags, T))
    return Err;
  if (utimensat(E->HostFd, "", T, AT_EMPTY_PATH) == 0)
    return E_SUCCESS;
  return fromHostErrno(errno);
}

int32_t wasi_fd_pread(VMContext *Ctx, int32_t Fd, int32_t Iovs, int32_t IovsLen,
                      int64_t Offset, int32_t NRead) {
  return transferIovs(
      Ctx, Fd, R_FD_READ | R_FD_SEEK, Iovs, IovsLen, NRead,
      [Offset](int HostFd, const iovec *V, int N) {
        return preadv(HostFd, V, N, Offset);
      },
      Offset);
}

int32_t wasi_fd_pwrite(VMContext *Ctx, int32_t Fd, int32_t Iovs,
                       int32_t IovsLen, int64_t Offset, int32_t NWritten) {
  return transferIovs(
      Ctx, Fd, R_FD_WRITE | R_FD_SEEK, Iovs, IovsLen, NWritten,
      [Offset](int HostFd, const iovec *V, int N) {
        return pwritev(HostFd, V, N, Offset);
      },
      Offset);
}

uint8_t direntType(int DirFd, const char *Name, unsigned char DType) {
  switch (DType) {
  case DT_REG:
    return FT_REGULAR_FILE;
  case DT_DIR:
    return FT_DIRECTORY;
  case DT_LNK:
    return FT_SYMBOLIC_LINK;
  case DT_CHR:
    return FT_CHARACTER_DEVICE;
  case DT_BLK:
    return FT_BLOCK_DEVICE;
  case DT_SOCK:
    return FT_SOCKET_STREAM;
  case DT_FIFO:
    return FT_UNKNOWN;
  default: {
    struct stat St;
    if (fstatat(DirFd, Name, &St, AT_SYMLINK_NOFOLLOW) == 0)
      return fileTypeOf(St.st_mode);
    return FT_UNKNOWN;
  }
  }
}

/// Cookie N is the position after the first N entries (`.` and `..`
/// included, in the host's order). wasi-libc's telldir keeps cookies in a
/// 32-bit long, so they cannot be the host's 64-bit offsets; reading on from
/// where the last call stopped is cached, any other cookie rescans.
int32_t wasi_fd_readdir(VMContext *Ctx, int32_t Fd, int32_t Buf, int32_t BufLen,
                        int64_t Cookie, int32_t BufUsed) {
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), R_FD_READDIR, E))
    return Err;
  Guest G(Ctx);
  if (!G.ok(Buf, uint32_t(BufLen)) || !G.ok(BufUsed, 4))
    return E_FAULT;
  if (E->FileType != FT_DIRECTORY)
    return E_NOTDIR;
  uint64_t Index = 0;
  off_t Start = 0;
  if (Cookie != 0 && uint64_t(Cookie) == E->ReaddirCookie) {
    Index = E->ReaddirCookie;
    Start = off_t(E->ReaddirHostOffset);
  }
  if (lseek(E->HostFd, Start, SEEK_SET) < 0)
    return fromHostErrno(errno);
  uint32_t Size = uint32_t(BufLen), Used = 0;
  alignas(8) char Host[4096];
  while (Used < Size) {
    ssize_t N = getdents64(E->HostFd, Host, sizeof Host);
    if (N < 0)
      return fromHostErrno(errno);
    if (N == 0)
      break;
    for (ssize_t At = 0; At < N && Used < Size;) {
      struct HostDirent {
        uint64_t Ino;
        int64_t Off;
        unsigned short RecLen;
        unsigned char Type;
        char Name[1];
      };
      const auto *D = reinterpret_cast<const HostDirent *>(Host + At);
      At += D->RecLen;
      if (Index++ < uint64_t(Cookie))
        continue; // before the cookie
      uint32_t NameLen = uint32_t(strlen(D->Name));
      // dirent: d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20.
      uint8_t Entry[24];
      memset(Entry, 0, sizeof Entry);
      uint8_t Type = direntType(E->HostFd, D->Name, D->Type);
      memcpy(Entry, &Index, 8);
      memcpy(Entry + 8, &D->Ino, 8);
      memcpy(Entry + 16, &NameLen, 4);
      Entry[20] = Type;
      // The last entry may be cut short: the guest sees a full buffer and
      // asks again from the entry before it.
      uint32_t Take = std::min<uint32_t>(24, Size - Used);
      memcpy(G.at(uint32_t(Buf) + Used), Entry, Take);
      Used += Take;
      Take = std::min<uint32_t>(NameLen, Size - Used);
      memcpy(G.at(uint32_t(Buf) + Used), D->Name, Take);
      Used += Take;
      if (Take == NameLen) {
        E->ReaddirCookie = Index;
        E->ReaddirHostOffset = D->Off;
      }
    }
  }
  G.store(BufUsed, Used);
  return E_SUCCESS;
}

int32_t wasi_fd_renumber(VMContext *Ctx, int32_t From, int32_t To) {
  WasiContext &W = getWasi(Ctx);
  return W.renumberFd(uint32_t(From), uint32_t(To)) ? E_SUCCESS : E_BADF;
}

//===----------------------------------------------------------------------===//
// path_*
//===----------------------------------------------------------------------===//

int32_t wasi_path_open(VMContext *Ctx, int32_t DirFd, int32_t DirFlags,
                       int32_t PathPtr, int32_t PathLen, int32_t OFlags,
                       int64_t RightsBase, int64_t RightsInheriting,
                       int32_t FdFlags, int32_t OpenedPtr) {
  WasiContext &W = getWasi(Ctx);
  enum { O_CREAT_ = 1, O_DIRECTORY_ = 2, O_EXCL_ = 4, O_TRUNC_ = 8 };
  uint64_t Need = R_PATH_OPEN;
  if (OFlags & O_CREAT_)
    Need |= R_PATH_CREATE_FILE;
  if (OFlags & O_TRUNC_)
    Need |= R_PATH_FILESTAT_SET_SIZE;
  WasiFd *Dir;
  if (int32_t Err = checkDir(W, uint32_t(DirFd), Need, Dir))
    return Err;
  Guest G(Ctx);
  std::string Path;
  if (int32_t Err = readPath(G, PathPtr, PathLen, Path))
    return Err;
  if (!G.ok(OpenedPtr, 4))
    return E_FAULT;
  if (OFlags & ~15)
    return E_INVAL;
  // What the new fd may do: what was asked, within what the directory passes
  // on.
  uint64_t Base = uint64_t(RightsBase) & Dir->RightsInheriting;
  uint64_t Inheriting = uint64_t(RightsInheriting) & Dir->RightsInheriting;
  bool Read = Base & (R_FD_READ | R_FD_READDIR);
  bool Write = Base & (R_FD_DATASYNC | R_FD_WRITE | R_FD_ALLOCATE |
                       R_FD_FILESTAT_SET_SIZE);
  int Flags = Write ? (Read ? O_RDWR : O_WRONLY) : O_RDONLY;
  if (OFlags & O_DIRECTORY_)
    Flags = O_RDONLY | O_DIRECTORY;
  if (OFlags & O_CREAT_)
    Flags |= O_CREAT;
  if (OFlags & O_EXCL_)
    Flags |= O_EXCL;
  if (OFlags & O_TRUNC_)
    Flags |= O_TRUNC;
  if (FdFlags & FDF_APPEND)
    Flags |= O_APPEND;
  if (FdFlags & FDF_DSYNC)
    Flags |= O_DSYNC;
  if (FdFlags & FDF_NONBLOCK)
    Flags |= O_NONBLOCK;
  if (FdFlags & FDF_RSYNC)
    Flags |= O_RSYNC;
  if (FdFlags & FDF_SYNC)
    Flags |= O_SYNC;
  if (FdFlags & ~31)
    return E_INVAL;
  bool Follow = DirFlags & 1;
  int HostFd = openBeneath(Dir->HostFd, Path, Flags, 0666, Follow,
                           W.options().ForcePathWalk);
  // Only metadata wanted, and the file is not readable: an O_PATH fd still
  // serves fstat.
  if (HostFd == -EACCES && !Read && !Write && !(Flags & (O_CREAT | O_TRUNC)))
    HostFd = openBeneath(Dir->HostFd, Path, O_PATH | (Flags & O_DIRECTORY), 0,
                         Follow, W.options().ForcePathWalk);
  if (HostFd < 0)
    return resolveErrno(HostFd);
  struct stat St;
  if (fstat(HostFd, &St) != 0) {
    int Err = errno;
    close(HostFd);
    return fromHostErrno(Err);
  }
  WasiFd New;
  New.HostFd = HostFd;
  New.OwnsHostFd = true;
  New.FileType = fileTypeOfFd(HostFd, St);
  New.Flags = uint16_t(FdFlags);
  New.RightsBase = Base;
  New.RightsInheriting = Inheriting;
  uint32_t Guest;
  if (!W.insertFd(New, Guest)) {
    close(HostFd);
    return E_MFILE;
  }
  G.store(OpenedPtr, Guest);
  return E_SUCCESS;
}

int32_t wasi_path_create_directory(VMContext *Ctx, int32_t Fd, int32_t PathPtr,
                                   int32_t PathLen) {
  WasiContext &W = getWasi(Ctx);
  WasiFd *Dir;
  if (int32_t Err = checkDir(W, uint32_t(Fd), R_PATH_CREATE_DIRECTORY, Dir))
    return Err;
  Guest G(Ctx);
  std::string Path;
  if (int32_t Err = readPath(G, PathPtr, PathLen, Path))
    return Err;
  ParentRef P;
  if (int32_t Err = resolveParent(W, Dir, Path, P))
    return Err;
  if (P.isDots())
    return E_EXIST;
  return mkdirat(P.Fd, P.Last.c_str(), 0777) == 0 ? E_SUCCESS
                                                  : fromHostErrno(errno);
}

/// An O_PATH fd for the object a path names (following a final symlink or
/// not), or -errno.
int openPathOnly(WasiContext &W, WasiFd *Dir, const std::string &Path,
                 bool Follow) {
  return openBeneath(Dir->HostFd, Path, O_PATH, 0, Follow,
                     W.options().ForcePathWalk);
}

int32_t wasi_path_filestat_get(VMContext *Ctx, int32_t Fd, int32_t Flags,
                               int32_t PathPtr, int32_t PathLen, int32_t Out) {
  WasiContext &W = getWasi(Ctx);
  WasiFd *Dir;
  if (int32_t Err = checkDir(W, uint32_t(Fd), R_PATH_FILESTAT_GET, Dir))
    return Err;
  Guest G(Ctx);
  std::string Path;
  if (int32_t Err = readPath(G, PathPtr, PathLen, Path))
    return Err;
  if (!G.ok(Out, 64))
    return E_FAULT;
  int HostFd = openPathOnly(W, Dir, Path, Flags & 1);
  if (HostFd < 0)
    return resolveErrno(HostFd);
  struct stat St;
  int R = fstat(HostFd, &St);
  int Err = errno;
  uint8_t Type = R == 0 ? fileTypeOf(St.st_mode) : 0;
  close(HostFd);
  if (R != 0)
    return fromHostErrno(Err);
  storeFilestat(G, Out, St, Type);
  return E_SUCCESS;
}

int32_t wasi_path_filestat_set_times(VMContext *Ctx, int32_t Fd, int32_t Flags,
                                     int32_t PathPtr, int32_t PathLen,
                                     int64_t Atim, int64_t Mtim,
                                     int32_t FstFlags) {
  WasiContext &W = getWasi(Ctx);
  WasiFd *Dir;
  if (int32_t Err = checkDir(W, uint32_t(Fd), R_PATH_FILESTAT_SET_TIMES, Dir))
    return Err;
  Guest G(Ctx);
  std::string Path;
  if (int32_t Err = readPath(G, PathPtr, PathLen, Path))
    return Err;
  timespec T[2];
  if (int32_t Err = makeTimes(Atim, Mtim, FstFlags, T))
    return Err;
  int HostFd = openPathOnly(W, Dir, Path, Flags & 1);
  if (HostFd < 0)
    return resolveErrno(HostFd);
  int R = utimensat(HostFd, "", T, AT_EMPTY_PATH);
  int Err = errno;
  close(HostFd);
  return R == 0 ? E_SUCCESS : fromHostErrno(Err);
}

int32_t wasi_path_link(VMContext *Ctx, int32_t OldFd, int32_t OldFlags,
                       int32_t OldPtr, int32_t OldLen, int32_t NewFd,
                       int32_t NewPtr, int32_t NewLen) {
  WasiContext &W = getWasi(Ctx);
  WasiFd *OldDir, *NewDir;
  if (int32_t Err = checkDir(W, uint32_t(OldFd), R_PATH_LINK_SOURCE, OldDir))
    return Err;
  if (int32_t Err = checkDir(W, uint32_t(NewFd), R_PATH_LINK_TARGET, NewDir))
    return Err;
  Guest G(Ctx);
  std::string OldPath, NewPath;
  if (int32_t Err = readPath(G, OldPtr, OldLen, OldPath))
    return Err;
  if (int32_t Err = readPath(G, NewPtr, NewLen, NewPath))
    return Err;
  ParentRef NP;
  if (int32_t Err = resolveNewEntry(W, NewDir, NewPath, NP))
    return Err;
  if (OldFlags & 1) {
    // Link to what a symlink names: resolve it beneath, then link the fd
    // through its /proc name (linkat(AT_EMPTY_PATH) needs a capability).
    int HostFd = openPathOnly(W, OldDir, OldPath, true);
    if (HostFd < 0)
      return resolveErrno(HostFd);
    char ProcPath[64];
    snprintf(ProcPath, sizeof ProcPath, "/proc/self/fd/%d", HostFd);
    int R =
        linkat(AT_FDCWD, ProcPath, NP.Fd, NP.Last.c_str(), AT_SYMLINK_FOLLOW);
    int Err = errno;
    close(HostFd);
    return R == 0 ? E_SUCCESS : fromHostErrno(Err);
  }
  ParentRef OP;
  if (int32_t Err = resolveParent(W, OldDir, OldPath, OP))
    return Err;
  if (OP.isDots())
    return E_PERM; // a directory
  if (linkat(OP.Fd, OP.Last.c_str(), NP.Fd, NP.Last.c_str(), 0) != 0)
    return fromHostErrno(errno);
  return E_SUCCESS;
}

int32_t wasi_path_readlink(VMContext *Ctx, int32_t Fd, int32_t PathPtr,
                           int32_t PathLen, int32_t Buf, int32_t BufLen,
                           int32_t BufUsed) {
  WasiContext &W = getWasi(Ctx);
  WasiFd *Dir;
  if (int32_t Err = checkDir(W, uint32_t(Fd), R_PATH_READLINK, Dir))
    return Err;
  Guest G(Ctx);
  std::string Path;
  if (int32_t Err = readPath(G, PathPtr, PathLen, Path))
    return Err;
  if (!G.ok(Buf, uint32_t(BufLen)) || !G.ok(BufUsed, 4))
    return E_FAULT;
  ParentRef P;
  if (int32_t Err = resolveParent(W, Dir, Path, P))
    return Err;
  if (P.isDots())
    return E_INVAL;
  if (P.TrailingSlash)
    return E_NOTDIR;
  char Target[PATH_MAX];
  ssize_t N = readlinkat(P.Fd, P.Last.c_str(), Target, sizeof Target);
  if (N < 0)
    return fromHostErrno(errno);
  uint32_t Take = std::min<uint32_t>(uint32_t(N), uint32_t(BufLen));
  memcpy(G.at(Buf), Target, Take);
  G.store(BufUsed, Take);
  return E_SUCCESS;
}

int32_t wasi_path_remove_directory(VMContext *Ctx, int32_t Fd, int32_t PathPtr,
                                   int32_t PathLen) {
  WasiContext &W = getWasi(Ctx);
  WasiFd *Dir;
  if (int32_t Err = checkDir(W, uint32_t(Fd), R_PATH_REMOVE_DIRECTORY, Dir))
    return Err;
  Guest G(Ctx);
  std::string Path;
  if (int32_t Err = readPath(G, PathPtr, PathLen, Path))
    return Err;
  ParentRef P;
  if (int32_t Err = resolveParent(W, Dir, Path, P))
    return Err;
  if (P.isDots())
    return P.Last == "." ? E_INVAL : E_NOTEMPTY;
  return unlinkat(P.Fd, P.Last.c_str(), AT_REMOVEDIR) == 0
             ? E_SUCCESS
             : fromHostErrno(errno);
}

int32_t wasi_path_unlink_file(VMContext *Ctx, int32_t Fd, int32_t PathPtr,
                              int32_t PathLen) {
  WasiContext &W = getWasi(Ctx);
  WasiFd *Dir;
  if (int32_t Err = checkDir(W, uint32_t(Fd), R_PATH_UNLINK_FILE, Dir))
    return Err;
  Guest G(Ctx);
  std::string Path;
  if (int32_t Err = readPath(G, PathPtr, PathLen, Path))
    return Err;
  ParentRef P;
  if (int32_t Err = resolveParent(W, Dir, Path, P))
    return Err;
  if (P.isDots())
    return E_ISDIR;
  if (P.TrailingSlash) {
    struct stat St;
    if (fstatat(P.Fd, P.Last.c_str(), &St, AT_SYMLINK_NOFOLLOW) != 0)
      return fromHostErrno(errno);
    return S_ISDIR(St.st_mode) ? E_ISDIR : E_NOTDIR;
  }
  return unlinkat(P.Fd, P.Last.c_str(), 0) == 0 ? E_SUCCESS
                                                : fromHostErrno(errno);
}

int32_t wasi_path_rename(VMContext *Ctx, int32_t OldFd, int32_t OldPtr,
                         int32_t OldLen, int32_t NewFd, int32_t NewPtr,
                         int32_t NewLen) {
  WasiContext &W = getWasi(Ctx);
  WasiFd *OldDir, *NewDir;
  if (int32_t Err = checkDir(W, uint32_t(OldFd), R_PATH_RENAME_SOURCE, OldDir))
    return Err;
  if (int32_t Err = checkDir(W, uint32_t(NewFd), R_PATH_RENAME_TARGET, NewDir))
    return Err;
  Guest G(Ctx);
  std::string OldPath, NewPath;
  if (int32_t Err = readPath(G, OldPtr, OldLen, OldPath))
    return Err;
  if (int32_t Err = readPath(G, NewPtr, NewLen, NewPath))
    return Err;
  ParentRef OP, NP;
  if (int32_t Err = resolveParent(W, OldDir, OldPath, OP))
    return Err;
  if (int32_t Err = resolveParent(W, NewDir, NewPath, NP))
    return Err;
  if (OP.isDots() || NP.isDots())
    return E_BUSY;
  if (OP.TrailingSlash || NP.TrailingSlash) {
    struct stat St;
    if (fstatat(OP.Fd, OP.Last.c_str(), &St, AT_SYMLINK_NOFOLLOW) != 0)
      return fromHostErrno(errno);
    if (!S_ISDIR(St.st_mode))
      return E_NOTDIR;
  }
  return renameat(OP.Fd, OP.Last.c_str(), NP.Fd, NP.Last.c_str()) == 0
             ? E_SUCCESS
             : fromHostErrno(errno);
}

int32_t wasi_path_symlink(VMContext *Ctx, int32_t OldPtr, int32_t OldLen,
                          int32_t Fd, int32_t NewPtr, int32_t NewLen) {
  WasiContext &W = getWasi(Ctx);
  WasiFd *Dir;
  if (int32_t Err = checkDir(W, uint32_t(Fd), R_PATH_SYMLINK, Dir))
    return Err;
  Guest G(Ctx);
  std::string Target, NewPath;
  if (int32_t Err = readPath(G, OldPtr, OldLen, Target))
    return Err;
  if (int32_t Err = readPath(G, NewPtr, NewLen, NewPath))
    return Err;
  // The link's text may name anything: following it is what is confined.
  ParentRef P;
  if (int32_t Err = resolveNewEntry(W, Dir, NewPath, P))
    return Err;
  return symlinkat(Target.c_str(), P.Fd, P.Last.c_str()) == 0
             ? E_SUCCESS
             : fromHostErrno(errno);
}

//===----------------------------------------------------------------------===//
// poll_oneoff
//===----------------------------------------------------------------------===//

int32_t wasi_poll_oneoff(VMContext *Ctx, int32_t In, int32_t Out, int32_t NSubs,
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
      Polls.push_back(
          {E->HostFd, short(Tag == EV_FD_READ ? POLLIN : POLLOUT), 0});
      PollSub.push_back(I);
    } else {
      Emit(I, E_INVAL, 0, 0);
    }
  }
  if (NEvents == 0) {
    int R;
    for (;;) {
      timespec Wait, *WaitP = nullptr;
      if (HaveTimeout) {
        clock_gettime(CLOCK_MONOTONIC, &Now);
        uint64_t T = toNanos(Now);
        uint64_t Left = Deadline > T ? Deadline - T : 0;
        Wait.tv_sec =
            time_t(std::min<uint64_t>(Left / 1000000000ull, INT32_MAX));
        Wait.tv_nsec = long(Left % 1000000000ull);
        WaitP = &Wait;
      }
      R = ppoll(Polls.data(), Polls.size(), WaitP, nullptr);
      if (R >= 0 || errno != EINTR)
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

int32_t checkSocket(WasiContext &W, uint32_t Fd, uint64_t Rights, WasiFd *&E) {
  if (int32_t Err = checkFd(W, Fd, Rights, E))
    return Err;
  return E->FileType == FT_SOCKET_STREAM || E->FileType == FT_SOCKET_DGRAM
             ? E_SUCCESS
             : E_NOTSOCK;
}

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
  New.RightsBase = R_FD_READ | R_FD_WRITE | R_FD_FDSTAT_SET_FLAGS |
                   R_FD_FILESTAT_GET | R_POLL_FD_READWRITE | R_SOCK_SHUTDOWN;
  uint32_t GuestFd;
  if (!W.insertFd(New, GuestFd)) {
    close(HostFd);
    return E_MFILE;
  }
  G.store(OutFd, GuestFd);
  return E_SUCCESS;
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

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

struct WasiFunction {
  const char *Name;
  void *Code;
  const char *Params;  // 'i' i32, 'I' i64
  const char *Results; // "" or "i"
};

#define WASI_FUNCTION(NAME, PARAMS, RESULTS)                                   \
  {#NAME, reinterpret_cast<void *>(&wasi_##NAME), PARAMS, RESULTS},
const WasiFunction WasiFunctions[] = {
#include "wasi-libhost/WasiFunctions.def"
};

std::vector<ValType> decodeTypes(const char *S) {
  std::vector<ValType> V;
  for (; *S; ++S)
    V.push_back(*S == 'I' ? ValType::I64 : ValType::I32);
  return V;
}

const int WasiContextKey = 0; // its address keys the instance's host context

} // namespace

//===----------------------------------------------------------------------===//
// WasiContext, WasiResolver
//===----------------------------------------------------------------------===//

static std::unique_ptr<WasiFd> makeStdio(int HostFd, uint64_t Rights) {
  auto E = std::make_unique<WasiFd>();
  E->HostFd = HostFd;
  E->OwnsHostFd = false;
  struct stat St;
  E->FileType = HostFd >= 0 && fstat(HostFd, &St) == 0
                    ? fileTypeOfFd(HostFd, St)
                    : FT_UNKNOWN;
  // wasi-libc's isatty() is "a character device without seek/tell rights".
  if (E->FileType == FT_REGULAR_FILE)
    Rights |= R_FD_SEEK | R_FD_TELL;
  // A socket handed over as a standard stream (inetd style) can be used
  // with sock_*.
  if (E->FileType == FT_SOCKET_STREAM || E->FileType == FT_SOCKET_DGRAM)
    Rights |= R_FD_READ | R_FD_WRITE | R_SOCK_SHUTDOWN | R_SOCK_ACCEPT;
  E->RightsBase =
      Rights | R_FD_FDSTAT_SET_FLAGS | R_FD_FILESTAT_GET | R_POLL_FD_READWRITE;
  E->RightsInheriting = 0;
  int Fl = HostFd >= 0 ? fcntl(HostFd, F_GETFL) : -1;
  if (Fl >= 0) {
    if (Fl & O_APPEND)
      E->Flags |= FDF_APPEND;
    if (Fl & O_NONBLOCK)
      E->Flags |= FDF_NONBLOCK;
  }
  return E;
}

std::unique_ptr<WasiContext> WasiContext::create(WasiOptions Opts,
                                                 std::string &Error) {
  std::unique_ptr<WasiContext> W(new WasiContext(std::move(Opts)));
  W->Fds.push_back(makeStdio(W->Opts.StdinFd, R_FD_READ));
  W->Fds.push_back(makeStdio(W->Opts.StdoutFd, R_FD_WRITE));
  W->Fds.push_back(makeStdio(W->Opts.StderrFd, R_FD_WRITE));
  for (int I = 0; I < 3; ++I)
    if (W->Fds[I]->HostFd < 0)
      W->Fds[I].reset();
  for (const WasiPreopen &P : W->Opts.Preopens) {
    int Fd = open(P.HostPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (Fd < 0) {
      Error = "cannot open directory '" + P.HostPath + "': " + strerror(errno);
      return nullptr;
    }
    auto E = std::make_unique<WasiFd>();
    E->HostFd = Fd;
    E->OwnsHostFd = true;
    E->FileType = FT_DIRECTORY;
    E->RightsBase = R_ALL & ~(R_FD_READ | R_FD_WRITE | R_FD_SEEK | R_FD_TELL);
    E->RightsInheriting = R_ALL;
    E->IsPreopen = true;
    E->PreopenName = P.GuestPath.empty() ? P.HostPath : P.GuestPath;
    W->Fds.push_back(std::move(E));
  }
  return W;
}

WasiContext::~WasiContext() {
  for (auto &E : Fds)
    if (E && E->OwnsHostFd)
      close(E->HostFd);
}

WasiFd *WasiContext::getFd(uint32_t Fd) {
  return Fd < Fds.size() ? Fds[Fd].get() : nullptr;
}

bool WasiContext::insertFd(const WasiFd &E, uint32_t &Fd) {
  size_t I = 0;
  while (I < Fds.size() && Fds[I])
    ++I;
  if (I >= MaxGuestFds)
    return false;
  if (I == Fds.size())
    Fds.emplace_back();
  Fds[I] = std::make_unique<WasiFd>(E);
  Fd = uint32_t(I);
  return true;
}

bool WasiContext::renumberFd(uint32_t From, uint32_t To) {
  if (!getFd(From) || !getFd(To))
    return false;
  if (From == To)
    return true;
  closeFd(To);
  Fds[To] = std::move(Fds[From]);
  return true;
}

bool WasiContext::closeFd(uint32_t Fd) {
  WasiFd *E = getFd(Fd);
  if (!E)
    return false;
  if (E->OwnsHostFd)
    close(E->HostFd);
  Fds[Fd].reset();
  return true;
}

WasiContext *WasiContext::get(VMContext *Ctx) {
  if (!Ctx || !Ctx->Owner)
    return nullptr;
  return static_cast<WasiContext *>(
      Ctx->Owner->getHostContext(&WasiContextKey));
}

bool wasmaot::lookupWasiFunction(std::string_view Field, void *&Code,
                                 FuncSig &Sig) {
  for (const WasiFunction &F : WasiFunctions)
    if (Field == F.Name) {
      Code = F.Code;
      Sig.Params = decodeTypes(F.Params);
      Sig.Results = decodeTypes(F.Results);
      return true;
    }
  return false;
}

std::vector<std::string_view> wasmaot::getWasiFunctionNames() {
  std::vector<std::string_view> Names;
  for (const WasiFunction &F : WasiFunctions)
    Names.push_back(F.Name);
  return Names;
}

bool WasiResolver::resolve(Instance &Importer, std::string_view Module,
                           std::string_view Field, ExternKind Kind,
                           ExternVal &Out) {
  if (Module != WasiModuleName)
    return false;
  void *Code;
  FuncSig Sig;
  if (!lookupWasiFunction(Field, Code, Sig))
    return false;
  Importer.setHostContext(&WasiContextKey, &Ctx);
  Out = ExternVal::hostFunc(Code, Sig);
  return true;
}
