//===- LargeFunctionPolicy.h - Cheaper optimisation of huge functions -----===//
//
// Some of LLVM's passes take time that grows faster than the size of the
// function they work on: on a function of a million instructions (a C `main`
// into which the producer inlined thousands of functions) -O2 takes many
// minutes, most of it in IndVarSimplify, the loop unrollers and the loop
// vectorizer. Such functions skip those passes; every other function, and
// every pass that shapes the code's correctness, is untouched.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_CODEGEN_LARGEFUNCTIONPOLICY_H
#define WASMAOT_CODEGEN_LARGEFUNCTIONPOLICY_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassInstrumentation.h"

namespace wasmaot {

/// A function with more IR instructions than this is "large". Ordinary
/// functions, even big ones, stay far below it.
constexpr unsigned LargeFunctionInstructions = 50000;

/// A function with more IR instructions than this when lowered is "huge": it
/// is compiled at the baseline tier, like -O0 (see markHugeFunctions).
constexpr unsigned HugeFunctionInstructions = 100000;

/// Gives every huge function of M `optnone` (and the `noinline` it needs):
/// the optimiser leaves it alone and the code generator uses its fast
/// instruction selector. Even the passes every function needs cost time that
/// grows with the square of such a function's size: promoting a million-
/// instruction function's locals to registers alone took 100 s (LLVM's
/// iterated dominance frontier is computed over most of the function for each
/// of its 7 500 locals), and the code generator's -O2 path 270 s. At the
/// baseline tier the same module compiles in 15 s; its other functions are
/// optimised as usual.
void markHugeFunctions(llvm::Module &M);

/// Skips the super-linear optional passes on large functions. The size is
/// taken each time a function-level pass is about to run, so a function that
/// grows past the limit by inlining is treated as large from then on; a
/// loop-level pass uses the size last taken of its function. Functions marked
/// `optnone` (huge ones, see markHugeFunctions) skip every optional pass.
class LargeFunctionPolicy {
public:
  /// The policy must outlive the pass managers that use PIC.
  void registerCallbacks(llvm::PassInstrumentationCallbacks &PIC);

  /// Whether the pass named PassID (a pass class name, as in -time-passes)
  /// is one that large functions skip.
  static bool isSkippedForLargeFunctions(llvm::StringRef PassID);

private:
  bool shouldRun(llvm::StringRef PassID, llvm::Any IR);

  llvm::DenseMap<const llvm::Function *, bool> IsLarge;
};

} // namespace wasmaot

#endif
