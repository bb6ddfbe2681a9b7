//===- WasiInternal.h - What the WASI host's areas share -------*- C++ -*-===//
//
// The preview1 constants, guest memory access and the helpers that more than
// one area uses, and the host functions themselves (one per preview1 name,
// wasi_NAME, registered by the table in Wasi.cpp). Private to wasi-libhost/.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_WASI_LIBHOST_WASIINTERNAL_H
#define WASMAOT_WASI_LIBHOST_WASIINTERNAL_H

#include "wasi-libhost/Wasi.h"

#include <cstdint>
#include <cstring>
#include <ctime>
#include <string>
#include <sys/stat.h>
#include <sys/uio.h>
#include <vector>

namespace wasmaot::wasi {

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

// WasiCommon.cpp
int32_t fromHostErrno(int E);
WasiContext &getWasi(VMContext *Ctx);
/// Checks an fd and its rights; returns 0 or the errno.
int32_t checkFd(WasiContext &W, uint32_t Fd, uint64_t Rights, WasiFd *&E);
/// Checks an fd that only one kind of descriptor serves (directories for
/// path_* and fd_readdir, sockets for sock_*): its kind first, so that a
/// descriptor of another kind is WrongKind (NOTDIR, NOTSOCK) as wasmtime
/// answers, not NOTCAPABLE for lacking a right its kind never has; then the
/// rights. Returns 0 or the errno.
int32_t checkFdOfKind(WasiContext &W, uint32_t Fd, uint64_t Rights,
                      bool (*IsKind)(uint8_t FileType), int32_t WrongKind,
                      WasiFd *&E);
inline bool isDirectory(uint8_t FileType) { return FileType == FT_DIRECTORY; }
inline bool isSocket(uint8_t FileType) {
  return FileType == FT_SOCKET_STREAM || FileType == FT_SOCKET_DGRAM;
}
/// A directory fd to work in (NOTDIR for another kind), with Rights.
inline int32_t checkDir(WasiContext &W, uint32_t Fd, uint64_t Rights,
                        WasiFd *&E) {
  return checkFdOfKind(W, Fd, Rights, isDirectory, E_NOTDIR, E);
}
/// A socket fd (NOTSOCK for another kind), with Rights.
inline int32_t checkSocket(WasiContext &W, uint32_t Fd, uint64_t Rights,
                           WasiFd *&E) {
  return checkFdOfKind(W, Fd, Rights, isSocket, E_NOTSOCK, E);
}
/// Turns a guest iovec array into host iovecs, checking every buffer.
int32_t gatherIovs(const Guest &G, uint32_t Iovs, uint32_t IovsLen,
                   std::vector<iovec> &Out);
uint8_t fileTypeOf(mode_t Mode);
uint64_t toNanos(const timespec &T);

// WasiArgsEnv.cpp
int32_t wasi_args_sizes_get(VMContext *Ctx, int32_t Argc, int32_t BufSize);
int32_t wasi_args_get(VMContext *Ctx, int32_t Argv, int32_t Buf);
int32_t wasi_environ_sizes_get(VMContext *Ctx, int32_t Count, int32_t BufSize);
int32_t wasi_environ_get(VMContext *Ctx, int32_t Environ, int32_t Buf);

// WasiClocksRandom.cpp
bool hostClock(uint32_t Id, clockid_t &Out);
int32_t wasi_clock_res_get(VMContext *Ctx, int32_t Id, int32_t ResPtr);
int32_t wasi_clock_time_get(VMContext *Ctx, int32_t Id, int64_t Precision,
                            int32_t TimePtr);
int32_t wasi_random_get(VMContext *Ctx, int32_t Buf, int32_t Len);
int32_t wasi_sched_yield(VMContext *);
void wasi_proc_exit(VMContext *, int32_t Code);

//===----------------------------------------------------------------------===//
// proc_raise, sockets
//===----------------------------------------------------------------------===//

/// Never sends a real signal (the host may be a server): a signal whose
/// default action ignores or stops is a no-op; one that terminates ends the
/// guest with a trap.
int32_t wasi_proc_raise(VMContext *, int32_t Sig);

// WasiDescriptors.cpp

/// The rights a descriptor of FileType can use at all. Every rights set the
/// host hands out (preopens, standard streams, path_open, sock_accept) lies
/// within it, so fd_fdstat_get never reports a right the descriptor cannot
/// use (a directory has no seek, tell, read or write; a pipe or terminal no
/// seek or tell, which is how wasi-libc's isatty() tells a terminal).
uint64_t getRightsOfType(uint8_t FileType);
/// Adds New, whose host fd the table then owns, at the lowest free number and
/// stores that number at OutPtr (checked by the caller); MFILE, closing the
/// host fd, when the table is full.
int32_t addOwnedFd(WasiContext &W, const Guest &G, const WasiFd &New,
                   uint32_t OutPtr);
/// What a directory can pass on to what is opened beneath it: the rights of
/// directories and files.
uint64_t getInheritableRights();
uint8_t fileTypeOfFd(int HostFd, const struct stat &St);
void storeFilestat(const Guest &G, uint32_t Out, const struct stat &St,
                   uint8_t FileType);
int32_t wasi_fd_write(VMContext *Ctx, int32_t Fd, int32_t Iovs, int32_t IovsLen,
                      int32_t NWritten);
int32_t wasi_fd_read(VMContext *Ctx, int32_t Fd, int32_t Iovs, int32_t IovsLen,
                     int32_t NRead);
int32_t wasi_fd_seek(VMContext *Ctx, int32_t Fd, int64_t Offset, int32_t Whence,
                     int32_t NewOffset);
int32_t wasi_fd_tell(VMContext *Ctx, int32_t Fd, int32_t OffsetPtr);
int32_t wasi_fd_close(VMContext *Ctx, int32_t Fd);
int32_t wasi_fd_fdstat_get(VMContext *Ctx, int32_t Fd, int32_t Out);
int32_t wasi_fd_fdstat_set_flags(VMContext *Ctx, int32_t Fd, int32_t Flags);
int32_t wasi_fd_filestat_get(VMContext *Ctx, int32_t Fd, int32_t Out);
int32_t wasi_fd_prestat_get(VMContext *Ctx, int32_t Fd, int32_t Out);
int32_t wasi_fd_prestat_dir_name(VMContext *Ctx, int32_t Fd, int32_t Path,
                                 int32_t PathLen);
int32_t wasi_fd_advise(VMContext *Ctx, int32_t Fd, int64_t Offset, int64_t Len,
                       int32_t Advice);
int32_t wasi_fd_allocate(VMContext *Ctx, int32_t Fd, int64_t Offset,
                         int64_t Len);
int32_t wasi_fd_datasync(VMContext *Ctx, int32_t Fd);
int32_t wasi_fd_sync(VMContext *Ctx, int32_t Fd);
int32_t wasi_fd_fdstat_set_rights(VMContext *Ctx, int32_t Fd, int64_t Base,
                                  int64_t Inheriting);
int32_t wasi_fd_filestat_set_size(VMContext *Ctx, int32_t Fd, int64_t Size);
/// fstflags: ATIM 1, ATIM_NOW 2, MTIM 4, MTIM_NOW 8.
int32_t makeTimes(int64_t Atim, int64_t Mtim, int32_t FstFlags,
                  timespec (&T)[2]);
int32_t wasi_fd_filestat_set_times(VMContext *Ctx, int32_t Fd, int64_t Atim,
                                   int64_t Mtim, int32_t FstFlags);
int32_t wasi_fd_pread(VMContext *Ctx, int32_t Fd, int32_t Iovs, int32_t IovsLen,
                      int64_t Offset, int32_t NRead);
int32_t wasi_fd_pwrite(VMContext *Ctx, int32_t Fd, int32_t Iovs,
                       int32_t IovsLen, int64_t Offset, int32_t NWritten);
/// Cookie N is the position after the first N entries (`.` and `..`
/// included, in the host's order). wasi-libc's telldir keeps cookies in a
/// 32-bit long, so they cannot be the host's 64-bit offsets; reading on from
/// where the last call stopped is cached, any other cookie rescans.
int32_t wasi_fd_readdir(VMContext *Ctx, int32_t Fd, int32_t Buf, int32_t BufLen,
                        int64_t Cookie, int32_t BufUsed);
int32_t wasi_fd_renumber(VMContext *Ctx, int32_t From, int32_t To);

// WasiPaths.cpp
int32_t wasi_path_open(VMContext *Ctx, int32_t DirFd, int32_t DirFlags,
                       int32_t PathPtr, int32_t PathLen, int32_t OFlags,
                       int64_t RightsBase, int64_t RightsInheriting,
                       int32_t FdFlags, int32_t OpenedPtr);
int32_t wasi_path_create_directory(VMContext *Ctx, int32_t Fd, int32_t PathPtr,
                                   int32_t PathLen);
int32_t wasi_path_filestat_get(VMContext *Ctx, int32_t Fd, int32_t Flags,
                               int32_t PathPtr, int32_t PathLen, int32_t Out);
int32_t wasi_path_filestat_set_times(VMContext *Ctx, int32_t Fd, int32_t Flags,
                                     int32_t PathPtr, int32_t PathLen,
                                     int64_t Atim, int64_t Mtim,
                                     int32_t FstFlags);
int32_t wasi_path_link(VMContext *Ctx, int32_t OldFd, int32_t OldFlags,
                       int32_t OldPtr, int32_t OldLen, int32_t NewFd,
                       int32_t NewPtr, int32_t NewLen);
int32_t wasi_path_readlink(VMContext *Ctx, int32_t Fd, int32_t PathPtr,
                           int32_t PathLen, int32_t Buf, int32_t BufLen,
                           int32_t BufUsed);
int32_t wasi_path_remove_directory(VMContext *Ctx, int32_t Fd, int32_t PathPtr,
                                   int32_t PathLen);
int32_t wasi_path_unlink_file(VMContext *Ctx, int32_t Fd, int32_t PathPtr,
                              int32_t PathLen);
int32_t wasi_path_rename(VMContext *Ctx, int32_t OldFd, int32_t OldPtr,
                         int32_t OldLen, int32_t NewFd, int32_t NewPtr,
                         int32_t NewLen);
int32_t wasi_path_symlink(VMContext *Ctx, int32_t OldPtr, int32_t OldLen,
                          int32_t Fd, int32_t NewPtr, int32_t NewLen);

// WasiPoll.cpp
int32_t wasi_poll_oneoff(VMContext *Ctx, int32_t In, int32_t Out, int32_t NSubs,
                         int32_t NEventsPtr);

// WasiSockets.cpp
int32_t wasi_sock_accept(VMContext *Ctx, int32_t Fd, int32_t Flags,
                         int32_t OutFd);
int32_t wasi_sock_recv(VMContext *Ctx, int32_t Fd, int32_t Iovs,
                       int32_t IovsLen, int32_t RiFlags, int32_t OutLen,
                       int32_t OutFlags);
int32_t wasi_sock_send(VMContext *Ctx, int32_t Fd, int32_t Iovs,
                       int32_t IovsLen, int32_t SiFlags, int32_t OutLen);
int32_t wasi_sock_shutdown(VMContext *Ctx, int32_t Fd, int32_t How);

} // namespace wasmaot::wasi

#endif
