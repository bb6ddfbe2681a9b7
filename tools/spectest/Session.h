//===- Session.h - The executing half of a spec script --------------------===//
//
// What runs a script's modules: instantiating them against the `spectest`
// host module and the registered instances, registering, invoking exports and
// reading exported globals. The command handlers see only this interface, so
// the code may run in the runner's own process (LocalSession, for the host's
// target) or in another process (RemoteSession: wasmaot-spectest-exec, built
// for the module's target and run under qemu-user; see README.md).
//
// No LLVM here: this file and Session.cpp are also compiled into
// wasmaot-spectest-exec, which is built for every target.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_SPECTEST_SESSION_H
#define WASMAOT_TOOLS_SPECTEST_SESSION_H

#include "wasmaot/Runtime.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace wasmaot::spectest {

/// A module compiled and linked once per run: every script that instantiates
/// the same bytes shares it (instances are separate, the code is not).
struct CompiledModule {
  /// The descriptor in the library loaded into this process (local
  /// execution); null when Error is set or the library is for another target.
  const ModuleDescriptor *Descriptor = nullptr;
  /// The shared library (remote execution loads it by this path).
  std::string LibraryPath;
  /// Rejected by the frontend (decoding or validation): the script said the
  /// module is valid, so this is a frontend bug, reported apart from
  /// compile and link errors.
  bool Rejected = false;
  std::string Error;
  bool ok() const { return Error.empty(); }
};

/// Loads a module's shared library into this process (RTLD_NOW |
/// RTLD_LOCAL) and finds its descriptor: M.Descriptor, or M.Error. Handle is
/// what to dlclose once no instance of it is left (null on failure).
void loadModuleLibrary(const std::string &Path, CompiledModule &M,
                       void *&Handle);

/// What became of an instantiation. Id names the instance for later calls; it
/// is set (>= 0) whenever an instance exists, also when its start function
/// trapped (it must stay alive: what it wrote into imported tables may refer
/// to it).
struct InstantiateOutcome {
  InstantiateResult::Status S = InstantiateResult::Status::Error;
  int Id = -1;
  std::string Message; // LinkError, Error
  Trap T;              // Trapped
  uint32_t ExitCode = 0;
  bool ok() const { return S == InstantiateResult::Status::Ok; }
};

/// What became of an invocation or of reading a global.
struct ActionOutcome {
  InvokeResult::Status S = InvokeResult::Status::Error;
  std::vector<Value> Results;
  Trap T;
  uint32_t ExitCode = 0;
  std::string Message; // Error
};

/// The executing half of one script. Instances live until it is destroyed.
class Session {
public:
  virtual ~Session() = default;
  virtual InstantiateOutcome instantiate(const CompiledModule &M) = 0;
  /// `register`: instance Id's exports become importable under As.
  virtual bool registerInstance(int Id, const std::string &As,
                                std::string &Error) = 0;
  virtual ActionOutcome invoke(int Id, const std::string &Field,
                               const std::vector<Value> &Args) = 0;
  /// Reads exported global Field.
  virtual ActionOutcome getGlobal(int Id, const std::string &Field) = 0;
};

/// The `spectest` module of the reference interpreter: print functions that
/// do nothing, the globals global_i32/i64/f32/f64 (666, 666.6), a table of 10
/// funcrefs (max 20) and a memory of 1 page (max 2). One per script, since
/// scripts may modify its table and memory.
class SpectestHost {
public:
  SpectestHost();
  /// Defines every field under module name "spectest".
  void define(ImportMap &Imports);

private:
  HostGlobal GlobalI32, GlobalI64, GlobalF32, GlobalF64;
  std::unique_ptr<TableObject> Table;
  std::unique_ptr<MemoryObject> Memory;
  std::unique_ptr<MemoryObject> SharedMemory; // threads' (memory 1 2 shared)
};

/// Runs the modules in this process: their libraries are loaded here
/// (CompiledModule::Descriptor).
class LocalSession : public Session {
public:
  LocalSession();
  ~LocalSession() override;
  InstantiateOutcome instantiate(const CompiledModule &M) override;
  bool registerInstance(int Id, const std::string &As,
                        std::string &Error) override;
  ActionOutcome invoke(int Id, const std::string &Field,
                       const std::vector<Value> &Args) override;
  ActionOutcome getGlobal(int Id, const std::string &Field) override;

private:
  Instance *find(int Id) const;

  SpectestHost Spectest;
  ImportMap Imports;
  /// Every instance made, in order (importers after their providers).
  std::vector<std::unique_ptr<Instance>> Instances;
};

} // namespace wasmaot::spectest

#endif
