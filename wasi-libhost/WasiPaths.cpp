//===- WasiPaths.cpp ------------------------------------------------------===//
//
// Paths and the resolver: resolution that never leaves a directory fd, and the
// path_* functions.
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

/// The prologue of the path_* functions: the directory fd (its kind, then
/// Rights) and the guest's path, in that order, as wasmtime checks them.
int32_t checkDirAndPath(WasiContext &W, const Guest &G, uint32_t Fd,
                        uint64_t Rights, int32_t PathPtr, int32_t PathLen,
                        WasiFd *&Dir, std::string &Path) {
  if (int32_t Err = checkDir(W, Fd, Rights, Dir))
    return Err;
  return readPath(G, PathPtr, PathLen, Path);
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

/// checkDirAndPath, then the directory holding the path's last component.
int32_t checkDirAndParent(WasiContext &W, const Guest &G, uint32_t Fd,
                          uint64_t Rights, int32_t PathPtr, int32_t PathLen,
                          ParentRef &P) {
  WasiFd *Dir;
  std::string Path;
  if (int32_t Err =
          checkDirAndPath(W, G, Fd, Rights, PathPtr, PathLen, Dir, Path))
    return Err;
  return resolveParent(W, Dir, Path, P);
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
  Guest G(Ctx);
  std::string Path;
  if (int32_t Err = checkDirAndPath(W, G, uint32_t(DirFd), Need, PathPtr,
                                    PathLen, Dir, Path))
    return Err;
  if (!G.ok(OpenedPtr, 4))
    return E_FAULT;
  if (OFlags & ~15)
    return E_INVAL;
  // What the new fd may do: what was asked, within what the directory passes
  // on.
  uint64_t Base = uint64_t(RightsBase) & Dir->RightsInheriting;
  uint64_t Inheriting = uint64_t(RightsInheriting) & Dir->RightsInheriting;
  // Write access only for the rights that need it: fdatasync works on a
  // read-only descriptor, and a directory (which cannot be opened for
  // writing) carries FD_DATASYNC, so asking a directory's own rights opens it.
  bool Read = Base & (R_FD_READ | R_FD_READDIR);
  bool Write = Base & (R_FD_WRITE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE);
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
  // Only what this kind of descriptor can use (a directory gets no seek, a
  // file no path rights), and only a directory passes rights on.
  New.RightsBase = Base & getRightsOfType(New.FileType);
  New.RightsInheriting =
      New.FileType == FT_DIRECTORY ? Inheriting & getInheritableRights() : 0;
  return addOwnedFd(W, G, New, OpenedPtr);
}

int32_t wasi_path_create_directory(VMContext *Ctx, int32_t Fd, int32_t PathPtr,
                                   int32_t PathLen) {
  WasiContext &W = getWasi(Ctx);
  Guest G(Ctx);
  ParentRef P;
  if (int32_t Err = checkDirAndParent(
          W, G, uint32_t(Fd), R_PATH_CREATE_DIRECTORY, PathPtr, PathLen, P))
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
  Guest G(Ctx);
  std::string Path;
  if (int32_t Err = checkDirAndPath(W, G, uint32_t(Fd), R_PATH_FILESTAT_GET,
                                    PathPtr, PathLen, Dir, Path))
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
  Guest G(Ctx);
  std::string Path;
  if (int32_t Err =
          checkDirAndPath(W, G, uint32_t(Fd), R_PATH_FILESTAT_SET_TIMES,
                          PathPtr, PathLen, Dir, Path))
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
  Guest G(Ctx);
  std::string Path;
  if (int32_t Err = checkDirAndPath(W, G, uint32_t(Fd), R_PATH_READLINK,
                                    PathPtr, PathLen, Dir, Path))
    return Err;
  // The buffers before the path is resolved: a bad buffer is FAULT
  // whatever the path.
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
  Guest G(Ctx);
  ParentRef P;
  if (int32_t Err = checkDirAndParent(
          W, G, uint32_t(Fd), R_PATH_REMOVE_DIRECTORY, PathPtr, PathLen, P))
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
  Guest G(Ctx);
  ParentRef P;
  if (int32_t Err = checkDirAndParent(W, G, uint32_t(Fd), R_PATH_UNLINK_FILE,
                                      PathPtr, PathLen, P))
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
  // An absolute target is refused, with PERM as wasmtime: inside the sandbox
  // the link could never be followed (paths resolve beneath a directory fd),
  // and a host program using the directory would follow it out of the
  // granted tree. A relative target may still name anything, `..` included:
  // following it is what is confined.
  if (!Target.empty() && Target.front() == '/')
    return E_PERM;
  ParentRef P;
  if (int32_t Err = resolveNewEntry(W, Dir, NewPath, P))
    return Err;
  return symlinkat(Target.c_str(), P.Fd, P.Last.c_str()) == 0
             ? E_SUCCESS
             : fromHostErrno(errno);
}

} // namespace wasmaot::wasi
