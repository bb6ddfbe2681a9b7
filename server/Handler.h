//===- Handler.h - One module, its pool of instances, one request ---------===//
//
// A ModuleHandler holds a module compiled into a shared library and loaded
// once, and a pool of instances of it, each with its WASI context and
// in-memory standard streams. A request takes an instance from the pool
// (creating one only when all are busy), resets it (Instance::reset: the
// same memory reservation zeroed and shrunk, segments applied again;
// WasiContext::reset with the request's arguments, environment and the
// module's volumes), runs the entrypoint, and puts the instance back,
// whatever the guest did. The watchdog's deadline covers making the instance
// ready too: a start function (run by create and by reset) that never
// returns is stopped like an entrypoint that never returns.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_SERVER_HANDLER_H
#define WASMAOT_SERVER_HANDLER_H

#include "server/Config.h"
#include "server/Watchdog.h"
#include "wasi-libhost/Wasi.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::server {

struct HandlerLimits {
  uint64_t TimeoutMs = 30000;
  uint64_t MaxMemoryBytes = 4ull << 30;
  size_t MaxOutputBytes = 64u << 20; // per standard stream
};

/// How a request's run of the guest ended.
struct HandlerRun {
  enum class Status {
    Ok,       // the entrypoint returned, or proc_exit(0)
    Exited,   // proc_exit with another code (ExitCode)
    Trapped,  // Message: "KIND in FUNC+0xOFF"
    TimedOut, // interrupted at the deadline
    Overflow, // an output stream passed its limit
    Error,    // Message: no such entrypoint, instantiation failed, ...
  };
  Status S = Status::Ok;
  uint32_t ExitCode = 0;
  std::string Message;
  std::string Stdout;
  std::string Stderr;
  /// Taking an instance and making it ready to run (pool, reset, WASI
  /// context), in microseconds.
  double ReadyMicros = 0;
  bool Created = false; // no idle instance: a new one was made
};

class ModuleHandler {
public:
  /// Loads the library compiled from Config.ModulePath. Null with Error set
  /// when it cannot be loaded or an instance cannot be made with these
  /// limits (within the timeout, under W).
  static std::unique_ptr<ModuleHandler> load(const ModuleConfig &Config,
                                             const std::string &LibraryPath,
                                             const HandlerLimits &Limits,
                                             Watchdog &W, std::string &Error);
  ~ModuleHandler();

  const ModuleConfig &config() const { return Config; }
  const HandlerLimits &limits() const { return Limits; }
  bool exportsFunction(std::string_view Name) const;

  /// Runs Entrypoint (a function of no parameters and no results) in a reset
  /// instance with these arguments, environment and standard input.
  HandlerRun run(const std::string &Entrypoint, std::vector<std::string> Args,
                 std::vector<std::string> Env, std::string_view Stdin,
                 Watchdog &W);

  /// The timings of the requests so far (ReadyMicros), for the report at
  /// shutdown.
  std::vector<double> takeReadyTimes();

private:
  struct Pooled {
    /// Outlives Inst (declared first): the watchdog may hold it while the
    /// instance is being created.
    InterruptHandle Interrupts;
    WasiMemoryStdio Stdio;
    std::unique_ptr<WasiContext> Wasi;
    std::unique_ptr<Instance> Inst; // null until populate() succeeds
  };
  ModuleHandler(const ModuleConfig &C, const HandlerLimits &L)
      : Config(C), Limits(L) {}
  WasiOptions makeOptions(std::vector<std::string> Args,
                          std::vector<std::string> Env,
                          WasiMemoryStdio *Stdio) const;
  /// Gives a new Pooled its WASI context and instance.
  bool populate(Pooled &P, WasiOptions Opts, std::string &Error);
  /// Resets a pooled instance and its WASI context for a new request.
  bool recycle(Pooled &P, WasiOptions Opts, std::string &Error);
  /// An idle instance, or null when all are busy.
  std::unique_ptr<Pooled> takeIdle();
  void release(std::unique_ptr<Pooled> P);

  ModuleConfig Config;
  HandlerLimits Limits;
  void *Library = nullptr;
  const ModuleDescriptor *Descriptor = nullptr;
  std::mutex PoolLock;
  std::vector<std::unique_ptr<Pooled>> Idle;
  std::vector<double> ReadyTimes;
};

} // namespace wasmaot::server

#endif
