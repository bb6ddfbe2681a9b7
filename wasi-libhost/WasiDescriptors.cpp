//===- WasiDescriptors.cpp ------------------------------------------------===//
//
// Descriptors and rights: the fd table, the rights each descriptor carries, and
// the fd_* functions.
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

// What each kind of descriptor can use. A directory works through paths; a
// file through its data and position; a socket by reading, writing and
// shutting down; a stream that cannot seek (a pipe, a terminal) as a file
// without position.
constexpr uint64_t DirectoryRights =
    R_PATH_CREATE_DIRECTORY | R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE |
    R_PATH_LINK_TARGET | R_PATH_OPEN | R_FD_READDIR | R_PATH_READLINK |
    R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | R_PATH_FILESTAT_GET |
    R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES | R_PATH_SYMLINK |
    R_PATH_REMOVE_DIRECTORY | R_PATH_UNLINK_FILE | R_FD_FILESTAT_GET |
    R_FD_FILESTAT_SET_TIMES | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_DATASYNC;
constexpr uint64_t FileRights =
    R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC |
    R_FD_TELL | R_FD_WRITE | R_FD_ADVISE | R_FD_ALLOCATE | R_FD_FILESTAT_GET |
    R_FD_FILESTAT_SET_SIZE | R_FD_FILESTAT_SET_TIMES | R_POLL_FD_READWRITE;
constexpr uint64_t StreamRights = FileRights & ~(R_FD_SEEK | R_FD_TELL);
constexpr uint64_t SocketRights =
    R_FD_READ | R_FD_WRITE | R_FD_FDSTAT_SET_FLAGS | R_FD_FILESTAT_GET |
    R_POLL_FD_READWRITE | R_SOCK_SHUTDOWN | R_SOCK_ACCEPT;

int32_t addOwnedFd(WasiContext &W, const Guest &G, const WasiFd &New,
                   uint32_t OutPtr) {
  uint32_t GuestFd;
  if (!W.insertFd(New, GuestFd)) {
    close(New.HostFd);
    return E_MFILE;
  }
  G.store(OutPtr, GuestFd);
  return E_SUCCESS;
}

uint64_t getInheritableRights() { return DirectoryRights | FileRights; }

uint64_t getRightsOfType(uint8_t FileType) {
  switch (FileType) {
  case FT_DIRECTORY:
    return DirectoryRights;
  case FT_REGULAR_FILE:
  case FT_BLOCK_DEVICE:
    return FileRights;
  case FT_SOCKET_STREAM:
  case FT_SOCKET_DGRAM:
    return SocketRights;
  case FT_SYMBOLIC_LINK: // opened without following, for its metadata only
    return R_FD_FILESTAT_GET;
  default: // a character device, a pipe
    return StreamRights;
  }
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
// fds
//===----------------------------------------------------------------------===//

/// fd_read and fd_write on one of the in-memory standard streams: standard
/// input is read from where the last read stopped, the outputs grow up to
/// their limit.
ssize_t transferMemory(WasiMemoryStdio &M, int Stream, const iovec *V, int N) {
  ssize_t Done = 0;
  if (Stream == 0) {
    for (int I = 0; I < N && M.StdinPos < M.Stdin.size(); ++I) {
      size_t Len = std::min(V[I].iov_len, M.Stdin.size() - M.StdinPos);
      memcpy(V[I].iov_base, M.Stdin.data() + M.StdinPos, Len);
      M.StdinPos += Len;
      Done += ssize_t(Len);
    }
    return Done;
  }
  std::string &Out = Stream == 1 ? M.Stdout : M.Stderr;
  for (int I = 0; I < N; ++I) {
    if (V[I].iov_len > M.OutputLimit - Out.size()) {
      M.Overflowed = true;
      if (Done == 0) {
        errno = EFBIG;
        return -1;
      }
      return Done;
    }
    Out.append(static_cast<const char *>(V[I].iov_base), V[I].iov_len);
    Done += ssize_t(V[I].iov_len);
  }
  return Done;
}

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
  if (E->MemoryStream >= 0)
    N = transferMemory(*getWasi(Ctx).options().MemoryStdio, E->MemoryStream,
                       V.data(), int(V.size()));
  else
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
  if (E->MemoryStream >= 0) { // never blocks, only appends
    E->Flags = uint16_t((E->Flags & ~(FDF_APPEND | FDF_NONBLOCK)) | Flags);
    return E_SUCCESS;
  }
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
  struct stat St = {};
  if (E->MemoryStream >= 0) { // like an anonymous pipe: all zeros
    storeFilestat(G, Out, St, E->FileType);
    return E_SUCCESS;
  }
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
  if (int32_t Err = checkDir(getWasi(Ctx), uint32_t(Fd), R_FD_READDIR, E))
    return Err;
  Guest G(Ctx);
  if (!G.ok(Buf, uint32_t(BufLen)) || !G.ok(BufUsed, 4))
    return E_FAULT;
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

} // namespace wasmaot::wasi

//===----------------------------------------------------------------------===//
// WasiContext: the fd table
//===----------------------------------------------------------------------===//

using namespace wasmaot;
using namespace wasmaot::wasi;

/// Guest fd Stream (0..2) as an in-memory stream: a pipe to wasi-libc (not a
/// terminal: stdout is fully buffered, one write at exit).
static std::unique_ptr<WasiFd> makeMemoryStdio(int Stream, uint64_t Rights) {
  auto E = std::make_unique<WasiFd>();
  E->MemoryStream = int8_t(Stream);
  E->FileType = FT_UNKNOWN;
  E->RightsBase = (Rights | R_FD_FDSTAT_SET_FLAGS | R_FD_FILESTAT_GET |
                   R_POLL_FD_READWRITE) &
                  getRightsOfType(FT_UNKNOWN);
  return E;
}

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
  E->RightsBase = (Rights | R_FD_FDSTAT_SET_FLAGS | R_FD_FILESTAT_GET |
                   R_POLL_FD_READWRITE) &
                  getRightsOfType(E->FileType);
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
  if (!W->openDescriptors(Error))
    return nullptr;
  return W;
}

bool WasiContext::reset(WasiOptions NewOpts, std::string &Error) {
  closeAll();
  Opts = std::move(NewOpts);
  return openDescriptors(Error);
}

void WasiContext::closeAll() {
  for (auto &E : Fds)
    if (E && E->OwnsHostFd)
      close(E->HostFd);
  Fds.clear();
}

bool WasiContext::openDescriptors(std::string &Error) {
  if (Opts.MemoryStdio) {
    Fds.push_back(makeMemoryStdio(0, R_FD_READ));
    Fds.push_back(makeMemoryStdio(1, R_FD_WRITE));
    Fds.push_back(makeMemoryStdio(2, R_FD_WRITE));
  } else {
    Fds.push_back(makeStdio(Opts.StdinFd, R_FD_READ));
    Fds.push_back(makeStdio(Opts.StdoutFd, R_FD_WRITE));
    Fds.push_back(makeStdio(Opts.StderrFd, R_FD_WRITE));
    for (int I = 0; I < 3; ++I)
      if (Fds[I]->HostFd < 0)
        Fds[I].reset();
  }
  for (const WasiPreopen &P : Opts.Preopens) {
    int Fd = open(P.HostPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (Fd < 0) {
      Error = "cannot open directory '" + P.HostPath + "': " + strerror(errno);
      return false;
    }
    auto E = std::make_unique<WasiFd>();
    E->HostFd = Fd;
    E->OwnsHostFd = true;
    E->FileType = FT_DIRECTORY;
    E->RightsBase = getRightsOfType(FT_DIRECTORY);
    E->RightsInheriting = getInheritableRights();
    E->IsPreopen = true;
    E->PreopenName = P.GuestPath.empty() ? P.HostPath : P.GuestPath;
    Fds.push_back(std::move(E));
  }
  return true;
}

WasiContext::~WasiContext() { closeAll(); }

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
