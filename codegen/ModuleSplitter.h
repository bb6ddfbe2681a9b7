//===- ModuleSplitter.h - Splitting a module for parallel compilation -----===//
//
// A large module is optimised and compiled as several smaller modules, one per
// worker thread at a time. How a module is split depends only on the module
// (never on the number of threads), so the output does not depend on the
// machine that compiled it.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_CODEGEN_MODULESPLITTER_H
#define WASMAOT_CODEGEN_MODULESPLITTER_H

#include "llvm/ADT/SmallString.h"
#include "llvm/IR/Module.h"

#include <vector>

namespace wasmaot {

/// IR instructions per part: below twice this a module stays whole, so that
/// every module of ordinary size keeps all of its inlining opportunities.
constexpr uint64_t InstructionsPerPart = 200000;

/// The number of parts for M: its IR instruction count divided by
/// InstructionsPerPart, at least 1 and at most MaxParts.
unsigned choosePartCount(const llvm::Module &M, unsigned MaxParts = 16);

/// Splits M into at most NumParts modules and returns them as bitcode, each
/// to be parsed into an LLVMContext of its own. Functions go to parts in
/// module order, in runs of about equal size (neighbours in a Wasm module
/// tend to call each other, and calls within a part can still be inlined);
/// every global variable goes to the first part. A function or variable used
/// from another part becomes a hidden external symbol named "wasm.<name>"
/// (hidden: it never leaves the linked output; renamed: no local name of the
/// guest can collide with a symbol of the runtime, such as `main`). Constant
/// local data is copied into each part that reads it, so that loads from it
/// still fold. M is changed by the renaming and linkage changes.
std::vector<llvm::SmallString<0>> splitModule(llvm::Module &M,
                                              unsigned NumParts);

} // namespace wasmaot

#endif
