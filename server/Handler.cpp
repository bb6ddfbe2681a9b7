//===- Handler.cpp - One module, its pool of instances, one request -------===//
#include "server/Handler.h"

#include <chrono>
#include <dlfcn.h>

namespace wasmaot::server {

std::unique_ptr<ModuleHandler> ModuleHandler::load(const ModuleConfig &Config,
                                                   const std::string &Library,
                                                   const HandlerLimits &Limits,
                                                   Watchdog &W,
                                                   std::string &Error) {
  std::unique_ptr<ModuleHandler> H(new ModuleHandler(Config, Limits));
  H->Descriptor = openModuleLibrary(Library, H->Library, Error);
  if (!H->Descriptor)
    return nullptr;
  // One instance now: a module that cannot be instantiated (an import the
  // host lacks, a memory above the limit, a trapping or endless start
  // function) stops start-up instead of failing every request.
  auto First = std::make_unique<Pooled>();
  uint64_t Ticket =
      W.arm(First->Interrupts, Watchdog::Clock::now() +
                                   std::chrono::milliseconds(Limits.TimeoutMs));
  bool Made = H->populate(
      *First, H->makeOptions({Config.ModulePath}, {}, &First->Stdio), Error);
  if (W.disarm(Ticket))
    Error += " (timeout " + std::to_string(Limits.TimeoutMs) + "ms)";
  if (!Made)
    return nullptr;
  H->Idle.push_back(std::move(First));
  return H;
}

ModuleHandler::~ModuleHandler() {
  Idle.clear(); // instances before the code they run
  if (Library)
    dlclose(Library);
}

bool ModuleHandler::exportsFunction(std::string_view Name) const {
  for (uint64_t I = 0; I < Descriptor->NumExports; ++I) {
    const DescExport &E = Descriptor->Exports[I];
    if (std::string_view(E.Name, E.NameSize) == Name &&
        ExternKind(E.Kind) == ExternKind::Func)
      return true;
  }
  return false;
}

WasiOptions ModuleHandler::makeOptions(std::vector<std::string> Args,
                                       std::vector<std::string> Env,
                                       WasiMemoryStdio *Stdio) const {
  WasiOptions Opts;
  Opts.Args = std::move(Args);
  Opts.Env = std::move(Env);
  for (const auto &[Guest, Host] : Config.Volumes)
    Opts.Preopens.push_back({Host, Guest});
  Opts.MemoryStdio = Stdio;
  return Opts;
}

/// Why create() or reset() did not give a ready instance.
static std::string describeFailure(const InstantiateResult &R) {
  switch (R.S) {
  case InstantiateResult::Status::Trapped:
    return "start function trapped: " + R.T.toString();
  case InstantiateResult::Status::Exited:
    return "start function exited with " + std::to_string(R.ExitCode);
  default:
    return R.Message;
  }
}

bool ModuleHandler::populate(Pooled &P, WasiOptions Opts, std::string &Error) {
  P.Stdio.OutputLimit = Limits.MaxOutputBytes;
  P.Wasi = WasiContext::create(std::move(Opts), Error);
  if (!P.Wasi)
    return false;
  WasiResolver Imports(*P.Wasi);
  InstanceLimits IL;
  IL.MaxMemoryPages = Limits.MaxMemoryBytes / WasmPageSize;
  IL.Interrupts = &P.Interrupts;
  InstantiateResult R = Instance::create(*Descriptor, Imports, IL);
  if (R.S != InstantiateResult::Status::Ok) {
    Error = describeFailure(R);
    return false;
  }
  if (!R.Inst->canReset()) {
    Error = "the module imports memories, tables or globals";
    return false;
  }
  P.Inst = std::move(R.Inst);
  return true;
}

bool ModuleHandler::recycle(Pooled &P, WasiOptions Opts, std::string &Error) {
  if (!P.Wasi->reset(std::move(Opts), Error))
    return false; // a volume went away: this instance is dropped
  InstantiateResult R = P.Inst->reset();
  if (R.S != InstantiateResult::Status::Ok) {
    Error = describeFailure(R);
    return false;
  }
  return true;
}

std::unique_ptr<ModuleHandler::Pooled> ModuleHandler::takeIdle() {
  std::lock_guard<std::mutex> G(PoolLock);
  if (Idle.empty())
    return nullptr;
  std::unique_ptr<Pooled> P = std::move(Idle.back());
  Idle.pop_back();
  return P;
}

void ModuleHandler::release(std::unique_ptr<Pooled> P) {
  std::lock_guard<std::mutex> G(PoolLock);
  Idle.push_back(std::move(P));
}

HandlerRun ModuleHandler::run(const std::string &Entrypoint,
                              std::vector<std::string> Args,
                              std::vector<std::string> Env,
                              std::string_view Stdin, Watchdog &W) {
  HandlerRun Run;
  auto Start = Watchdog::Clock::now();
  std::unique_ptr<Pooled> P = takeIdle();
  Run.Created = !P;
  if (!P)
    P = std::make_unique<Pooled>();
  uint64_t Ticket =
      W.arm(P->Interrupts, Start + std::chrono::milliseconds(Limits.TimeoutMs));
  P->Stdio.reset(Stdin);
  WasiOptions Opts = makeOptions(std::move(Args), std::move(Env), &P->Stdio);
  std::string Error;
  bool Ready = Run.Created ? populate(*P, std::move(Opts), Error)
                           : recycle(*P, std::move(Opts), Error);
  Run.ReadyMicros =
      std::chrono::duration<double, std::micro>(Watchdog::Clock::now() - Start)
          .count();
  if (!Ready) {
    // Dropped only once disarmed: the watchdog may hold its handle.
    Run.S = W.disarm(Ticket) ? HandlerRun::Status::TimedOut
                             : HandlerRun::Status::Error;
    Run.Message = Error;
    return Run;
  }
  {
    std::lock_guard<std::mutex> G(PoolLock);
    ReadyTimes.push_back(Run.ReadyMicros);
  }
  const FuncRef *Entry = P->Inst->getExportedFunc(Entrypoint);
  if (!Entry) {
    W.disarm(Ticket);
    Run.S = HandlerRun::Status::Error;
    Run.Message = "no exported function '" + Entrypoint + "'";
    release(std::move(P));
    return Run;
  }
  InvokeResult R = P->Inst->invoke(Entry);
  bool TimedOut = W.disarm(Ticket);
  Run.Stdout = std::move(P->Stdio.Stdout);
  Run.Stderr = std::move(P->Stdio.Stderr);
  switch (R.S) {
  case InvokeResult::Status::Ok:
    break;
  case InvokeResult::Status::Exited:
    if (R.ExitCode != 0) {
      Run.S = HandlerRun::Status::Exited;
      Run.ExitCode = R.ExitCode;
    }
    break;
  case InvokeResult::Status::Trapped:
    Run.S = TimedOut && R.T.Kind == TrapKind::Interrupted
                ? HandlerRun::Status::TimedOut
                : HandlerRun::Status::Trapped;
    Run.Message = R.T.toString();
    break;
  case InvokeResult::Status::Error:
    Run.S = HandlerRun::Status::Error;
    Run.Message = R.Message;
    break;
  }
  if (Run.S == HandlerRun::Status::Ok && P->Stdio.Overflowed)
    Run.S = HandlerRun::Status::Overflow;
  release(std::move(P));
  return Run;
}

std::vector<double> ModuleHandler::takeReadyTimes() {
  std::lock_guard<std::mutex> G(PoolLock);
  return std::move(ReadyTimes);
}

} // namespace wasmaot::server
