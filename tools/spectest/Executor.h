//===- Executor.h - Compiling, loading and running the scripts' modules ---===//
//
// The spec runner runs modules the way the runtime's library mode does
// (docs/runtime.md): each module is compiled to an object and linked by lld
// into a shared library, which a Session (Session.h) loads and instantiates
// against the script's imports. This file holds the compiled-module cache and
// the conversion between wast2json's values and the runtime's.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_SPECTEST_EXECUTOR_H
#define WASMAOT_TOOLS_SPECTEST_EXECUTOR_H

#include "Session.h"
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

/// Compiles and links modules, and loads them into this process when they
/// run here; thread-safe. The loaded libraries stay open until the cache is
/// destroyed, which must happen after every instance made from them is gone
/// (dlclose under a live instance would unmap its code). Libraries that
/// another process loads (LoadInProcess false) stay in TempDir, which the
/// caller removes.
class ModuleCache {
public:
  ModuleCache(CompileOptions Opts, std::string TempDir, bool LoadInProcess);
  ~ModuleCache();
  ModuleCache(const ModuleCache &) = delete;
  ModuleCache &operator=(const ModuleCache &) = delete;

  /// The module made from Bytes (named Path in messages). Compiles it on first
  /// use; a concurrent request for the same bytes waits for that compilation.
  const CompiledModule &get(const std::string &Path,
                            const std::vector<uint8_t> &Bytes);
  /// The features modules are decoded with.
  const Features &features() const { return Opts.Enabled; }

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
  bool LoadInProcess;
  std::mutex Mutex;
  std::map<std::vector<uint8_t>, std::unique_ptr<Entry>> Entries;
  std::atomic<unsigned> Compiled{0}, Reused{0}, NextId{0};
  std::atomic<uint64_t> CompileMicros{0};
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
