//===- Wasi.h - The wasi_snapshot_preview1 host ---------------------------===//
//
// Capability-based: a guest sees only the arguments, environment variables,
// standard streams and preopened directories in its WasiOptions. Each
// instance gets its own WasiContext (fd table); a WasiResolver supplies the
// "wasi_snapshot_preview1" imports and attaches the context to the importing
// instance.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_WASI_H
#define WASMAOT_WASI_H

#include "wasmaot/Runtime.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot {

inline constexpr const char *WasiModuleName = "wasi_snapshot_preview1";

/// A host directory granted to the guest under a guest path.
struct WasiPreopen {
  std::string HostPath;
  std::string GuestPath;
};

/// Standard streams in memory instead of host descriptors (the server: the
/// request body in, the response and the log out). The caller owns it, and
/// reads Stdout and Stderr after the guest has ended.
struct WasiMemoryStdio {
  std::string_view Stdin; // read from StdinPos on; end of file after it
  size_t StdinPos = 0;
  std::string Stdout;
  std::string Stderr;
  /// Each output stream keeps at most this many bytes: a write that would
  /// pass it fails with FBIG and sets Overflowed.
  size_t OutputLimit = SIZE_MAX;
  bool Overflowed = false;

  /// Ready for another guest: In as standard input, both outputs empty.
  void reset(std::string_view In) {
    Stdin = In;
    StdinPos = 0;
    Stdout.clear();
    Stderr.clear();
    Overflowed = false;
  }
};

struct WasiOptions {
  std::vector<std::string> Args; // Args[0] is the program name
  std::vector<std::string> Env;  // "NAME=VALUE"
  std::vector<WasiPreopen> Preopens;
  // The host descriptors behind guest fds 0, 1, 2 (not closed by the host:
  // they are borrowed, e.g. a server's per-request pipes); -1 for none.
  int StdinFd = 0;
  int StdoutFd = 1;
  int StderrFd = 2;
  // When set, guest fds 0, 1 and 2 are these in-memory streams and the three
  // host descriptors above are not used. Must outlive the context.
  WasiMemoryStdio *MemoryStdio = nullptr;
  // Resolve paths with the portable component-by-component walk even where
  // the kernel has openat2(RESOLVE_BENEATH): for tests of that resolver
  // (WASMAOT_FORCE_PATH_WALK=1 in executables).
  bool ForcePathWalk = false;
};

/// One guest file descriptor.
struct WasiFd {
  int HostFd = -1;
  bool OwnsHostFd = false; // close HostFd when the guest closes the fd
  uint8_t FileType = 0;    // __WASI_FILETYPE_*
  uint16_t Flags = 0;      // __WASI_FDFLAGS_*
  uint64_t RightsBase = 0;
  uint64_t RightsInheriting = 0;
  bool IsPreopen = false;
  // 0, 1 or 2: one of WasiOptions::MemoryStdio's streams (HostFd is -1);
  // -1 for a host descriptor.
  int8_t MemoryStream = -1;
  std::string PreopenName; // the guest path of a preopened directory
  // fd_readdir cookies count entries (wasi-libc keeps them in a 32-bit long);
  // the host offset after the last entry returned whole, to resume there.
  uint64_t ReaddirCookie = 0;
  int64_t ReaddirHostOffset = 0;
};

class WasiContext {
public:
  /// Opens the preopened directories; null and Error set when one cannot be
  /// opened.
  static std::unique_ptr<WasiContext> create(WasiOptions Opts,
                                             std::string &Error);
  ~WasiContext();

  /// As create() made it, for Opts (another guest of an instance used
  /// again): every descriptor closed, then the standard streams and
  /// preopens of Opts. False and Error set when a preopen cannot be opened.
  bool reset(WasiOptions Opts, std::string &Error);

  const WasiOptions &options() const { return Opts; }
  /// The entry for a guest fd, or null (EBADF).
  WasiFd *getFd(uint32_t Fd);
  /// Removes a guest fd (closing the host fd when owned).
  bool closeFd(uint32_t Fd);
  /// Adds an fd at the lowest free number; false when the table is full.
  bool insertFd(const WasiFd &E, uint32_t &Fd);
  /// fd_renumber: moves From onto To (closing what To was); both must exist.
  bool renumberFd(uint32_t From, uint32_t To);

  /// The context attached to an instance by WasiResolver, or null.
  static WasiContext *get(VMContext *Ctx);

private:
  explicit WasiContext(WasiOptions O) : Opts(std::move(O)) {}
  bool openDescriptors(std::string &Error);
  void closeAll();
  WasiOptions Opts;
  std::vector<std::unique_ptr<WasiFd>> Fds; // index = guest fd
};

/// Resolves module "wasi_snapshot_preview1" to the host functions, and
/// attaches Ctx to the importing instance. The context must outlive the
/// instance. Other modules are not resolved (so they can be chained).
class WasiResolver : public ImportResolver {
public:
  explicit WasiResolver(WasiContext &Ctx) : Ctx(Ctx) {}
  bool resolve(Instance &Importer, std::string_view Module,
               std::string_view Field, ExternKind Kind,
               ExternVal &Out) override;

private:
  WasiContext &Ctx;
};

/// wasi-threads (WasiThreads.cpp): resolves `wasi.thread-spawn`, `env.memory`
/// (Memory, when given: the memory every instance of the process shares)
/// and, through a WasiResolver of Wasi, the preview1 functions. Each spawned
/// thread runs a new instance of the spawning module, made with this
/// resolver and Limits; OnEnd is called on that thread with how its
/// wasi_thread_start ended. Must outlive every spawned thread (an
/// executable never destroys it).
class WasiThreads : public ImportResolver {
public:
  using EndHandler = std::function<void(const InvokeResult &)>;
  WasiThreads(WasiContext &Wasi, MemoryObject *Memory, InstanceLimits Limits,
              EndHandler OnEnd);
  ~WasiThreads() override;
  bool resolve(Instance &Importer, std::string_view Module,
               std::string_view Field, ExternKind Kind,
               ExternVal &Out) override;
  /// thread-spawn: the new thread's id, or a negative WASI errno.
  int32_t spawn(Instance &Parent, int32_t StartArg);
  /// How many threads were spawned so far.
  uint32_t spawnedCount() const { return Spawned.load(); }

private:
  WasiContext &Wasi;
  MemoryObject *Memory;
  InstanceLimits Limits;
  EndHandler OnEnd;
  std::atomic<uint32_t> NextTid{1};
  std::atomic<uint32_t> Spawned{0};
};

/// The host function for a preview1 name, or false. Signature in Sig.
bool lookupWasiFunction(std::string_view Field, void *&Code, FuncSig &Sig);
/// Every preview1 name the host defines (implemented or not), in order.
std::vector<std::string_view> getWasiFunctionNames();

} // namespace wasmaot

#endif
