//===- Passes.h - IR passes that know the shape lowering emits -----------===//
#ifndef WASMAOT_LOWERING_PASSES_H
#define WASMAOT_LOWERING_PASSES_H

#include "llvm/IR/PassManager.h"

namespace llvm {
class PassBuilder;
} // namespace llvm

namespace wasmaot {

/// Versions the innermost loops whose linear-memory addresses are
/// `zext(i32 x)` with x an affine recurrence, so that LLVM sees i64 addresses
/// with known distances between them.
///
/// A Wasm address is an i32 that wraps, so `zext(p + 8)` is not
/// `zext(p) + 8`, and a loop that the producer (clang) already unrolled, with
/// the second element at `p + 8`, defeats the loop and SLP vectorizers: they
/// cannot tell that the two accesses are neighbours. For each such loop this
/// pass checks once, before the loop, that no address recurrence wraps in
/// any iteration (both ends of each range lie in [0, 2^32)), and in the loop
/// taken when that holds replaces `zext(x)` by the equivalent i64 recurrence.
/// The original loop, unchanged, runs otherwise: Wasm semantics (wrapping
/// addresses and the traps they lead to) are kept in every case.
///
/// The same check also compares the byte ranges of the loop's access
/// streams (accesses with one base and one step, such as C[j] and C[j + 1]
/// in matmul): when they are apart, each stream gets an alias scope in the
/// fast loop, so that the loop vectorizer needs no run-time check of its
/// own (which would compare p with p + 8 and always fail).
struct WasmAddressVersioningPass
    : llvm::PassInfoMixin<WasmAddressVersioningPass> {
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &AM);
};

/// Moves the reductions that the SLP vectorizer leaves in a loop (one
/// `vector.reduce.add` of the producer-unrolled copies per trip, then a
/// scalar add to the running sum) out of it: the loop keeps a vector
/// accumulator and reduces it once after the last trip. Only for integer
/// add, and, or and xor, whose result does not depend on the order.
struct WasmVectorAccumulatorPass
    : llvm::PassInfoMixin<WasmVectorAccumulatorPass> {
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &AM);
};

/// For `--interruptible`: in every function lowering marked
/// "wasmaot-interrupt", a load from the instance's poll page
/// (VMContext::InterruptPoll) at the entry and at each cycle entry, which
/// faults once the instance is interrupted (InterruptChecks.cpp says where
/// and why it runs last). Required: it runs on `optnone` functions and at
/// -O0 too.
struct WasmInterruptChecksPass : llvm::PassInfoMixin<WasmInterruptChecksPass> {
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &AM);
  static bool isRequired() { return true; }
};

/// Adds the passes above to the places in LLVM's default pipelines where they
/// belong, Codegen calls this for
/// every PassBuilder it makes, so every wasm-specific pipeline change lives
/// here, next to the passes.
void registerWasmPipelineHooks(llvm::PassBuilder &PB);

} // namespace wasmaot

#endif
