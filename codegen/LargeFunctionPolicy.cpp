//===- LargeFunctionPolicy.cpp - Cheaper optimisation of huge functions ---===//
#include "codegen/LargeFunctionPolicy.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Function.h"

using namespace llvm;

namespace wasmaot {

bool LargeFunctionPolicy::isSkippedForLargeFunctions(StringRef PassID) {
  // Measured with -time-passes on a 1 MB main (bench/decode/gen_large.py):
  // these took 190 of the 257 s of -O2. The loop passes that keep the code
  // fast in the common case (LICM, which hoists the memory base, and
  // LoopSimplify/LCSSA that it needs) stay.
  return StringSwitch<bool>(PassID)
      .Cases("IndVarSimplifyPass", "LoopUnrollPass", "LoopFullUnrollPass",
             "LoopVectorizePass", "SLPVectorizerPass", "LoopIdiomRecognizePass",
             "LoopDeletionPass", "LoopLoadEliminationPass", true)
      .Default(false);
}

void markHugeFunctions(Module &M) {
  for (Function &F : M) {
    if (F.isDeclaration() ||
        F.getInstructionCount() <= HugeFunctionInstructions)
      continue;
    F.removeFnAttr(Attribute::AlwaysInline);
    F.addFnAttr(Attribute::NoInline);
    F.addFnAttr(Attribute::OptimizeNone);
  }
}

void LargeFunctionPolicy::registerCallbacks(PassInstrumentationCallbacks &PIC) {
  PIC.registerShouldRunOptionalPassCallback(
      [this](StringRef PassID, Any IR) { return shouldRun(PassID, IR); });
}

bool LargeFunctionPolicy::shouldRun(StringRef PassID, Any IR) {
  const Function *F = nullptr;
  if (const auto *const *FP = any_cast<const Function *>(&IR)) {
    F = *FP;
    // Counting is linear in the number of blocks: cheap beside any pass.
    IsLarge[F] = F->getInstructionCount() > LargeFunctionInstructions;
  } else if (const auto *const *LP = any_cast<const Loop *>(&IR)) {
    F = (*LP)->getHeader()->getParent();
  }
  if (!F)
    return true;
  // The new pass manager leaves `optnone` to an instrumentation that only
  // opt's standard set registers: honoured here.
  if (F->hasOptNone())
    return false;
  if (!isSkippedForLargeFunctions(PassID))
    return true;
  auto It = IsLarge.find(F);
  return It == IsLarge.end() || !It->second;
}

} // namespace wasmaot
