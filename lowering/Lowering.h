//===- Lowering.h - Validated Wasm to LLVM IR -----------------------------===//
#ifndef WASMAOT_LOWERING_LOWERING_H
#define WASMAOT_LOWERING_LOWERING_H

#include "frontend/Frontend.h"
#include "lowering/EmbedInterface.h"
#include "wasmaot/ModuleDescriptor.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

#include <memory>
#include <string>
#include <vector>

namespace wasmaot {

struct LoweringOptions {
  BoundsChecks Bounds = BoundsChecks::Guard;
  /// The target triple; lowering needs it only to know which function names
  /// are C library calls (so no guest function takes one).
  std::string Triple; // set by the driver from CodegenOptions::Triple
  /// Environment variables baked into the executable (`--env NAME=VALUE`),
  /// emitted as the `wasmaot_baked_env` symbol the WASI host reads.
  std::vector<std::string> BakedEnv;
  /// Directories preopened for the guest (`--dir HOST[::GUEST]`), emitted as
  /// the `wasmaot_baked_dirs` symbol.
  std::vector<std::string> BakedDirs;
  /// `--interruptible`: functions poll the instance's poll page at entry and
  /// on loop trips (WasmInterruptChecksPass), so that a timeout can stop a
  /// guest that never returns.
  bool Interruptible = false;
  /// `--emit=lib`: the library's C interface, whose entry points are emitted
  /// beside the module (EmbedGlue.cpp). Null for everything else.
  const EmbedInterface *Embed = nullptr;
};

/// Lowers every function of a module (which must have passed parseModule;
/// bodies are validated here as they are decoded) plus the module descriptor
/// and the array trampolines. Returns null and fills Diag when a body is
/// invalid.
std::unique_ptr<llvm::Module> lowerModule(const Module &M,
                                          llvm::LLVMContext &Ctx,
                                          const LoweringOptions &Opts,
                                          Diagnostic &Diag);

} // namespace wasmaot

#endif
