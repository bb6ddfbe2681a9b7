//===- Wasi.cpp - wasi_snapshot_preview1 host functions -------------------===//
//
// Each function is called by compiled code as Code(vmctx, args...), with the
// importing instance's vmctx, and works on that instance's memory 0. Every
// guest pointer and length is checked against the memory's current size
// before any access: a bad one is errno FAULT, never a host access.
//
// Implemented: args, environ, clocks, random, stdio fd_* (read, write, seek,
// close, fdstat, filestat), preopen discovery, proc_exit, sched_yield. The
// rest of preview1 is registered with its exact signature so that every
// wasi-libc program links, and traps with "not implemented yet: NAME".
//
//===----------------------------------------------------------------------===//
#include "wasi-libhost/Wasi.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sched.h>
#include <sys/random.h>
#include <sys/stat.h>
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

int32_t wasi_fd_write(VMContext *Ctx, int32_t Fd, int32_t Iovs, int32_t IovsLen,
                      int32_t NWritten) {
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), R_FD_WRITE, E))
    return Err;
  Guest G(Ctx);
  if (!G.ok(NWritten, 4))
    return E_FAULT;
  std::vector<iovec> V;
  if (int32_t Err = gatherIovs(G, Iovs, uint32_t(IovsLen), V))
    return Err;
  ssize_t N;
  do
    N = V.empty() ? 0 : writev(E->HostFd, V.data(), int(V.size()));
  while (N < 0 && errno == EINTR);
  if (N < 0)
    return fromHostErrno(errno);
  G.store(NWritten, uint32_t(N));
  return E_SUCCESS;
}

int32_t wasi_fd_read(VMContext *Ctx, int32_t Fd, int32_t Iovs, int32_t IovsLen,
                     int32_t NRead) {
  WasiFd *E;
  if (int32_t Err = checkFd(getWasi(Ctx), uint32_t(Fd), R_FD_READ, E))
    return Err;
  Guest G(Ctx);
  if (!G.ok(NRead, 4))
    return E_FAULT;
  std::vector<iovec> V;
  if (int32_t Err = gatherIovs(G, Iovs, uint32_t(IovsLen), V))
    return Err;
  ssize_t N;
  do
    N = V.empty() ? 0 : readv(E->HostFd, V.data(), int(V.size()));
  while (N < 0 && errno == EINTR);
  if (N < 0)
    return fromHostErrno(errno);
  G.store(NRead, uint32_t(N));
  return E_SUCCESS;
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
  // filestat: dev @0, ino @8, filetype u8 @16, nlink @24, size @32,
  // atim @40, mtim @48, ctim @56.
  memset(G.at(Out), 0, 64);
  G.store(Out, uint64_t(St.st_dev));
  G.store(Out + 8, uint64_t(St.st_ino));
  G.store(Out + 16, fileTypeOf(St.st_mode));
  G.store(Out + 24, uint64_t(St.st_nlink));
  G.store(Out + 32, uint64_t(St.st_size));
  G.store(Out + 40, toNanos(St.st_atim));
  G.store(Out + 48, toNanos(St.st_mtim));
  G.store(Out + 56, toNanos(St.st_ctim));
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
// The rest of preview1: registered, not implemented yet
//===----------------------------------------------------------------------===//

#define WASI_TODO(NAME, ...)                                                   \
  int32_t wasi_##NAME(VMContext *, __VA_ARGS__) {                              \
    raiseTrap(TrapKind::HostError, "not implemented yet: " #NAME);             \
  }
using I32 = int32_t;
using I64 = int64_t;
WASI_TODO(fd_advise, I32, I64, I64, I32)
WASI_TODO(fd_allocate, I32, I64, I64)
WASI_TODO(fd_datasync, I32)
WASI_TODO(fd_fdstat_set_rights, I32, I64, I64)
WASI_TODO(fd_filestat_set_size, I32, I64)
WASI_TODO(fd_filestat_set_times, I32, I64, I64, I32)
WASI_TODO(fd_pread, I32, I32, I32, I64, I32)
WASI_TODO(fd_pwrite, I32, I32, I32, I64, I32)
WASI_TODO(fd_readdir, I32, I32, I32, I64, I32)
WASI_TODO(fd_renumber, I32, I32)
WASI_TODO(fd_sync, I32)
WASI_TODO(path_create_directory, I32, I32, I32)
WASI_TODO(path_filestat_get, I32, I32, I32, I32, I32)
WASI_TODO(path_filestat_set_times, I32, I32, I32, I32, I64, I64, I32)
WASI_TODO(path_link, I32, I32, I32, I32, I32, I32, I32)
WASI_TODO(path_open, I32, I32, I32, I32, I32, I64, I64, I32, I32)
WASI_TODO(path_readlink, I32, I32, I32, I32, I32, I32)
WASI_TODO(path_remove_directory, I32, I32, I32)
WASI_TODO(path_rename, I32, I32, I32, I32, I32, I32)
WASI_TODO(path_symlink, I32, I32, I32, I32, I32)
WASI_TODO(path_unlink_file, I32, I32, I32)
WASI_TODO(poll_oneoff, I32, I32, I32, I32)
WASI_TODO(proc_raise, I32)
WASI_TODO(sock_accept, I32, I32, I32)
WASI_TODO(sock_recv, I32, I32, I32, I32, I32, I32)
WASI_TODO(sock_send, I32, I32, I32, I32, I32)
WASI_TODO(sock_shutdown, I32, I32)
#undef WASI_TODO

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

struct WasiFunction {
  const char *Name;
  void *Code;
  const char *Params;  // 'i' i32, 'I' i64
  const char *Results; // "" or "i"
};

#define F(NAME, PARAMS, RESULTS)                                               \
  { #NAME, reinterpret_cast < void *>(&wasi_##NAME), PARAMS, RESULTS }
const WasiFunction WasiFunctions[] = {
    F(args_get, "ii", "i"),
    F(args_sizes_get, "ii", "i"),
    F(environ_get, "ii", "i"),
    F(environ_sizes_get, "ii", "i"),
    F(clock_res_get, "ii", "i"),
    F(clock_time_get, "iIi", "i"),
    F(fd_advise, "iIIi", "i"),
    F(fd_allocate, "iII", "i"),
    F(fd_close, "i", "i"),
    F(fd_datasync, "i", "i"),
    F(fd_fdstat_get, "ii", "i"),
    F(fd_fdstat_set_flags, "ii", "i"),
    F(fd_fdstat_set_rights, "iII", "i"),
    F(fd_filestat_get, "ii", "i"),
    F(fd_filestat_set_size, "iI", "i"),
    F(fd_filestat_set_times, "iIIi", "i"),
    F(fd_pread, "iiiIi", "i"),
    F(fd_prestat_get, "ii", "i"),
    F(fd_prestat_dir_name, "iii", "i"),
    F(fd_pwrite, "iiiIi", "i"),
    F(fd_read, "iiii", "i"),
    F(fd_readdir, "iiiIi", "i"),
    F(fd_renumber, "ii", "i"),
    F(fd_seek, "iIii", "i"),
    F(fd_sync, "i", "i"),
    F(fd_tell, "ii", "i"),
    F(fd_write, "iiii", "i"),
    F(path_create_directory, "iii", "i"),
    F(path_filestat_get, "iiiii", "i"),
    F(path_filestat_set_times, "iiiiIIi", "i"),
    F(path_link, "iiiiiii", "i"),
    F(path_open, "iiiiiIIii", "i"),
    F(path_readlink, "iiiiii", "i"),
    F(path_remove_directory, "iii", "i"),
    F(path_rename, "iiiiii", "i"),
    F(path_symlink, "iiiii", "i"),
    F(path_unlink_file, "iii", "i"),
    F(poll_oneoff, "iiii", "i"),
    F(proc_exit, "i", ""),
    F(proc_raise, "i", "i"),
    F(sched_yield, "", "i"),
    F(random_get, "ii", "i"),
    F(sock_accept, "iii", "i"),
    F(sock_recv, "iiiiii", "i"),
    F(sock_send, "iiiii", "i"),
    F(sock_shutdown, "ii", "i"),
};
#undef F

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
  E->FileType = HostFd >= 0 && fstat(HostFd, &St) == 0 ? fileTypeOf(St.st_mode)
                                                       : FT_UNKNOWN;
  // wasi-libc's isatty() is "a character device without seek/tell rights".
  if (E->FileType == FT_REGULAR_FILE)
    Rights |= R_FD_SEEK | R_FD_TELL;
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
