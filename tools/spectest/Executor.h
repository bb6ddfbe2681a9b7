//===- Executor.h - Compiling, loading and running the scripts' modules ---===//
//
// The spec runner runs modules the way the runtime's library mode does
// (docs/runtime.md): each module is compiled to an object, linked by lld into
// a shared library, dlopen'ed, and instantiated with Instance::create against
// the script's imports (the `spectest` host module and the registered
// instances). This file holds what the command handlers share for that: the
// compiled-module cache, the spectest host module, and the conversion between
// wast2json's values and the runtime's.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_SPECTEST_EXECUTOR_H
#define WASMAOT_TOOLS_SPECTEST_EXECUTOR_H

#include "tools/driver/Driver.h"
#include "wasmaot/Runtime.h"

#include "llvm/Support/JSON.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace wasmaot::spectest {

/// A module compiled and loaded once per run: every script that instantiates
/// the same bytes shares it (instances are separate, the code is not).
struct CompiledModule {
  /// The descriptor in the loaded library; null when Error is set.
  const ModuleDescriptor *Descriptor = nullptr;
  /// Rejected by the frontend (decoding or validation): the script said the
  /// module is valid, so this is a frontend bug, reported apart from
  /// compile and link errors.
  bool Rejected = false;
  std::string Error;
};

/// Compiles, links and loads modules; thread-safe. The loaded libraries stay
/// open until the cache is destroyed, which must happen after every instance
/// made from them is gone (dlclose under a live instance would unmap its
/// code).
class ModuleCache {
public:
  ModuleCache(CompileOptions Opts, std::string TempDir);
  ~ModuleCache();
  ModuleCache(const ModuleCache &) = delete;
  ModuleCache &operator=(const ModuleCache &) = delete;

  /// The module made from Bytes (named Path in messages). Compiles it on first
  /// use; a concurrent request for the same bytes waits for that compilation.
  const CompiledModule &get(const std::string &Path,
                            const std::vector<uint8_t> &Bytes);

  unsigned numCompiled() const { return Compiled; }
  unsigned numReused() const { return Reused; }
  double compileSeconds() const { return CompileMicros / 1e6; }

private:
  struct Entry {
    std::once_flag Once;
    CompiledModule Result;
    void *Handle = nullptr;
  };
  void compile(const std::string &Path, const std::vector<uint8_t> &Bytes,
               Entry &E);

  CompileOptions Opts;
  std::string TempDir;
  std::mutex Mutex;
  std::map<std::vector<uint8_t>, std::unique_ptr<Entry>> Entries;
  std::atomic<unsigned> Compiled{0}, Reused{0}, NextId{0};
  std::atomic<uint64_t> CompileMicros{0};
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
};

/// Reads a wast2json argument ({"type": ..., "value": ...}) as a runtime
/// value. An externref N becomes the opaque non-null pointer N + 1.
bool parseValue(const llvm::json::Object &Json, Value &Out, std::string &Error);

/// Whether Actual matches a wast2json expected value, including the NaN
/// patterns ("nan:canonical", "nan:arithmetic") per scalar or per lane.
bool matchValue(const llvm::json::Object &Expected, const Value &Actual,
                std::string &Error);

/// A value as the report shows it: "i32:42", "f32:0x7fc00000", ...
std::string formatValue(const Value &V);

} // namespace wasmaot::spectest

#endif
