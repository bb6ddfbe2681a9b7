//===- CommandMain.cpp - main() of every compiled executable --------------===//
//
// Instantiates the linked module (`wasmaot_module`) with the WASI host and runs
// its `_start`. The guest gets argv as given, and only the environment it was
// granted: the variables baked in at compile time (`wasmaot_baked_env`, a
// weak, null-terminated array of "NAME=VALUE") and those listed in the host
// variable WASMAOT_ENV ("NAME=VALUE" entries separated by newlines, with `\n`
// and `\\` escapes: GrantChannel.h; a name baked in wins over the same name
// there; a malformed entry is an error). The host environment is never
// passed through wholesale. Likewise for directories: those baked in
// (`wasmaot_baked_dirs`, "HOST[::GUEST]") then those listed in WASMAOT_DIR
// (entries as in WASMAOT_ENV) are preopened as fds 3, 4, ... in that order.
// WASMAOT_FORCE_PATH_WALK=1 (for tests) makes the host resolve paths with its
// portable walk instead of openat2.
//
// WASMAOT_TIMEOUT=DURATION (`<integer>ms|s|m`, set by `wasmaot run
// --timeout`) stops a module compiled with --interruptible after that long:
// a watchdog thread interrupts the instance (Instance::interrupt), the guest
// traps at its next function entry or loop trip ("interrupted (timeout 5s) in
// FUNC+0xOFF", exit 134). A guest blocked in a host call that never returns
// to Wasm code (a read of a terminal, say) is ended by the watchdog itself
// one second later, with the same exit code.
//
// A module built for wasi-threads imports its memory as `env.memory`: it is
// created here from the import's type, and every thread's instance shares it
// (WasiThreads). A trap or proc_exit on any thread ends the whole process,
// with the same status as on the main thread.
//
// Exit status: 0 when _start returns (or for a reactor, which has none), the
// guest's proc_exit code, 134 on a trap (after "wasmaot: trap: ..." on
// stderr), 1 on the runtime's own errors ("wasmaot: error: ...").
//
//===----------------------------------------------------------------------===//
#include "wasi-libhost/GrantChannel.h"
#include "wasi-libhost/Quantities.h"
#include "wasi-libhost/Wasi.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>
#include <thread>
#include <unistd.h>

using namespace wasmaot;

extern "C" {
extern const ModuleDescriptor wasmaot_module;
__attribute__((weak)) extern const char *const wasmaot_baked_env[];
__attribute__((weak)) extern const char *const wasmaot_baked_dirs[];
}

namespace {

int fail(const std::string &Message) {
  fprintf(stderr, "wasmaot: error: %s\n", Message.c_str());
  return 1;
}

/// The WASMAOT_TIMEOUT text, for the trap message; empty without one.
std::string TimeoutText;

int reportTrap(Trap T) {
  if (T.Kind == TrapKind::Interrupted && !TimeoutText.empty())
    T.Message += " (timeout " + TimeoutText + ")";
  fprintf(stderr, "wasmaot: trap: %s\n", T.toString().c_str());
  return 134;
}

/// How the watchdog reaches the instance, which may not exist yet when the
/// timeout passes (instantiating under qemu on a busy machine can take longer
/// than a short timeout): the request then waits for it. Never destroyed, as
/// the watchdog thread may use it while the process exits.
InterruptHandle &Watchdog = *new InterruptHandle;

/// Sleeps for the timeout, interrupts the guest, and ends the process if the
/// guest has not trapped a second later (it is blocked in a host call).
void startWatchdog(uint64_t TimeoutMs) {
  std::thread([TimeoutMs] {
    std::this_thread::sleep_for(std::chrono::milliseconds(TimeoutMs));
    Watchdog.interrupt();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    std::string Line = "wasmaot: trap: interrupted (timeout " + TimeoutText +
                       ") while blocked in a host call\n";
    (void)!write(2, Line.data(), Line.size());
    _exit(134);
  }).detach();
}

/// The baked entries, then the entries of the host variable Var. An entry
/// that Check rejects (it returns why) is an error, never skipped.
template <typename CheckFn>
bool grants(const char *const *Baked, const char *Var, CheckFn Check,
            std::vector<std::string> &Out, std::string &Error) {
  if (Baked != nullptr)
    for (const char *const *P = Baked; *P; ++P)
      Out.emplace_back(*P);
  const char *Extra = getenv(Var);
  if (!Extra)
    return true;
  std::vector<std::string> Entries;
  if (!splitGrants(Extra, Entries, Error)) {
    Error = std::string(Var) + ": " + Error;
    return false;
  }
  for (std::string &Entry : Entries) {
    if (std::string Why = Check(Entry); !Why.empty()) {
      Error = std::string(Var) + ": " + Why;
      return false;
    }
    Out.push_back(std::move(Entry));
  }
  return true;
}

/// Baked `--env` grants win: a launch-time entry for a name granted at
/// compile time (or listed twice) is dropped, so the guest sees each name once.
bool grantedEnvironment(std::vector<std::string> &Env, std::string &Error) {
  std::vector<std::string> All;
  if (!grants(
          &wasmaot_baked_env[0] ? wasmaot_baked_env : nullptr, "WASMAOT_ENV",
          [](std::string_view L) {
            return L.find('=') == std::string_view::npos || L.front() == '='
                       ? "expected NAME=VALUE, got '" + escapeGrant(L) + "'"
                       : std::string();
          },
          All, Error))
    return false;
  std::set<std::string> Seen;
  for (std::string &E : All)
    if (Seen.insert(E.substr(0, E.find('='))).second)
      Env.push_back(std::move(E));
  return true;
}

/// "HOST[::GUEST]": split at the first "::"; the guest path defaults to HOST.
bool grantedDirectories(std::vector<WasiPreopen> &Dirs, std::string &Error) {
  std::vector<std::string> All;
  if (!grants(
          &wasmaot_baked_dirs[0] ? wasmaot_baked_dirs : nullptr, "WASMAOT_DIR",
          [](std::string_view L) {
            return L.substr(0, L.find("::")).empty()
                       ? "expected HOST[::GUEST], got '" + escapeGrant(L) + "'"
                       : std::string();
          },
          All, Error))
    return false;
  for (const std::string &D : All) {
    size_t Sep = D.find("::");
    WasiPreopen P;
    P.HostPath = D.substr(0, Sep);
    P.GuestPath = Sep == std::string::npos ? D : D.substr(Sep + 2);
    if (P.GuestPath.empty())
      P.GuestPath = P.HostPath;
    Dirs.push_back(std::move(P));
  }
  return true;
}

/// The memory the module imports as env.memory (wasi-threads), created from
/// the import's type; null when it imports none. False and Error set when
/// it cannot be reserved.
bool createImportedMemory(std::unique_ptr<MemoryObject> &Out,
                          std::string &Error) {
  const ModuleDescriptor &D = wasmaot_module;
  for (uint64_t I = 0; I < D.NumImports; ++I) {
    const DescImport &Imp = D.Imports[I];
    if (ExternKind(Imp.Kind) != ExternKind::Memory)
      continue;
    Out = MemoryObject::create(Imp.Min, Imp.Max, Imp.HasMax,
                               BoundsChecks(D.BoundsMode), Imp.TypeFlags);
    if (!Out) {
      Error = "cannot reserve the imported memory env.memory (" +
              std::to_string(Imp.Min) + " pages)";
      return false;
    }
  }
  return true;
}

/// How a spawned thread's end ends the process: a trap or proc_exit there is
/// the program's end, as on the main thread.
void endSpawnedThread(const InvokeResult &R) {
  switch (R.S) {
  case InvokeResult::Status::Ok:
    return;
  case InvokeResult::Status::Trapped:
    _exit(reportTrap(R.T));
  case InvokeResult::Status::Exited:
    _exit(int(R.ExitCode));
  case InvokeResult::Status::Error:
    _exit(fail("wasi_thread_start: " + R.Message));
  }
}

/// Ends the process with Status. Once threads were spawned they may still
/// run: static destructors must not run under them.
int finish(const WasiThreads &Threads, int Status) {
  if (Threads.spawnedCount() == 0)
    return Status;
  fflush(stdout);
  fflush(stderr);
  _exit(Status);
}

} // namespace

int main(int argc, char **argv) {
  WasiOptions Opts;
  for (int I = 0; I < argc; ++I)
    Opts.Args.emplace_back(argv[I]);
  std::string Error;
  if (!grantedEnvironment(Opts.Env, Error) ||
      !grantedDirectories(Opts.Preopens, Error))
    return fail(Error);
  if (const char *Walk = getenv("WASMAOT_FORCE_PATH_WALK"))
    Opts.ForcePathWalk = Walk[0] != '\0' && strcmp(Walk, "0") != 0;
  std::optional<uint64_t> TimeoutMs;
  if (const char *Timeout = getenv("WASMAOT_TIMEOUT"); Timeout && *Timeout) {
    TimeoutText = Timeout;
    TimeoutMs = parseDurationMs(TimeoutText);
    if (!TimeoutMs)
      return fail("WASMAOT_TIMEOUT: expected <integer>ms|s|m, got '" +
                  TimeoutText + "'");
    if (!wasmaot_module.Interruptible)
      return fail("WASMAOT_TIMEOUT needs a module compiled with "
                  "--interruptible");
    startWatchdog(*TimeoutMs);
  }

  std::unique_ptr<WasiContext> Wasi = WasiContext::create(Opts, Error);
  if (!Wasi)
    return fail(Error);
  std::unique_ptr<MemoryObject> SharedMemory;
  if (!createImportedMemory(SharedMemory, Error))
    return fail(Error);

  InstanceLimits Limits;
  if (TimeoutMs)
    Limits.Interrupts = &Watchdog;
  // Never destroyed: spawned threads may use it while the process exits.
  WasiThreads &Imports = *new WasiThreads(*Wasi, SharedMemory.release(),
                                          InstanceLimits(), endSpawnedThread);
  InstantiateResult Inst = Instance::create(wasmaot_module, Imports, Limits);
  switch (Inst.S) {
  case InstantiateResult::Status::Ok:
    break;
  case InstantiateResult::Status::LinkError:
  case InstantiateResult::Status::Error:
    return fail(Inst.Message);
  case InstantiateResult::Status::Trapped:
    return reportTrap(Inst.T);
  case InstantiateResult::Status::Exited:
    return int(Inst.ExitCode);
  }

  Instance &Guest = *Inst.Inst;
  ExternVal Start;
  if (!Guest.getExport("_start", Start))
    return 0; // a reactor: instantiating it was the whole job
  if (Start.Kind != ExternKind::Func)
    return fail("export '_start' is not a function");
  InvokeResult R = Guest.invoke(Start.Func);
  switch (R.S) {
  case InvokeResult::Status::Ok:
    return finish(Imports, 0);
  case InvokeResult::Status::Trapped:
    return finish(Imports, reportTrap(R.T));
  case InvokeResult::Status::Exited:
    return finish(Imports, int(R.ExitCode));
  case InvokeResult::Status::Error:
    return finish(Imports, fail("_start: " + R.Message));
  }
  return 1;
}
