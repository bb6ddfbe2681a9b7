//===- InterruptChecks.cpp - Let another thread stop running Wasm code ----===//
//
// See Passes.h. For `--interruptible`, lowering marks each Wasm function with
// "wasmaot-interrupt"="FUNCINDEX:BODYOFFSET"; this pass, the last of the
// optimizer pipeline, gives each such function a check at its entry and at
// the entry of every cycle of its control flow:
//
//   %flag = load atomic volatile i32, ptr (vmctx + Interrupt) monotonic
//   br (%flag != 0), %interrupted, %rest     ; unlikely
//   interrupted: call wasmaot_trap(vmctx, Interrupted, FUNCINDEX, BODYOFFSET)
//
// Every run of code that does not end comes back to a cycle entry or makes
// calls (whose callees check on entry), so a set flag is seen within one trip
// of a loop body or one call. Checking after the optimizer, not in lowering,
// is what keeps the cost low: the vectorizers and the unroller see the loops
// without the check (a load that may change between iterations would stop
// them), and an unrolled or vectorized loop checks once per trip of its new
// body. Inlined callees lose their entry checks; their loops are cycles of
// the caller. The check is an atomic volatile load so that nothing hoists it
// out of a loop.
//
//===----------------------------------------------------------------------===//
#include "lowering/Passes.h"
#include "wasmaot/VMContext.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/Analysis/CycleAnalysis.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <cstddef>

using namespace llvm;

namespace wasmaot {
namespace {

/// Splits Site before its first instruction that is not a phi (or, in the
/// entry block, not a static alloca) and makes it branch to Trap when the
/// instance's interrupt flag is set.
void insertCheck(BasicBlock *Site, Value *VMCtx, BasicBlock *Trap,
                 MDNode *Weights) {
  BasicBlock::iterator At = Site->getFirstInsertionPt();
  if (Site->isEntryBlock())
    while (isa<AllocaInst>(*At))
      ++At;
  BasicBlock *Rest =
      SplitBlock(Site, &*At, static_cast<DominatorTree *>(nullptr), nullptr,
                 nullptr, Site->getName() + ".uninterrupted");
  Instruction *OldBranch = Site->getTerminator();
  IRBuilder<> B(OldBranch);
  Value *FlagPtr = B.CreateConstInBoundsGEP1_64(
      B.getInt8Ty(), VMCtx, offsetof(VMContext, Interrupt), "interrupt.ptr");
  LoadInst *Flag = B.CreateAlignedLoad(B.getInt32Ty(), FlagPtr, Align(4),
                                       /*isVolatile=*/true, "interrupt");
  Flag->setAtomic(AtomicOrdering::Monotonic);
  Value *Set = B.CreateICmpNE(Flag, B.getInt32(0));
  B.CreateCondBr(Set, Trap, Rest, Weights);
  OldBranch->eraseFromParent();
}

} // namespace

PreservedAnalyses WasmInterruptChecksPass::run(Function &F,
                                               FunctionAnalysisManager &AM) {
  Attribute Mark = F.getFnAttribute("wasmaot-interrupt");
  if (!Mark.isValid() || F.isDeclaration() || F.arg_empty())
    return PreservedAnalyses::all();
  auto [IndexText, OffsetText] = Mark.getValueAsString().split(':');
  uint32_t FuncIndex = 0, BodyOffset = 0;
  if (IndexText.getAsInteger(10, FuncIndex) ||
      OffsetText.getAsInteger(10, BodyOffset))
    report_fatal_error("malformed wasmaot-interrupt attribute");

  // Where to check: the entry, and every entry of every cycle (a reducible
  // cycle has one, its header; an irreducible one, which optimizations may
  // form from Wasm's structured loops, may have several).
  SetVector<BasicBlock *> Sites;
  Sites.insert(&F.getEntryBlock());
  CycleInfo &Cycles = AM.getResult<CycleAnalysis>(F);
  SmallVector<const Cycle *> Work(Cycles.toplevel_begin(),
                                  Cycles.toplevel_end());
  while (!Work.empty()) {
    const Cycle *C = Work.pop_back_val();
    for (BasicBlock *Entry : C->getEntries())
      Sites.insert(Entry);
    for (const Cycle *Child : C->children())
      Work.push_back(Child);
  }

  Module &M = *F.getParent();
  LLVMContext &Ctx = F.getContext();
  Type *I32 = Type::getInt32Ty(Ctx);
  FunctionCallee TrapFn =
      M.getOrInsertFunction("wasmaot_trap", Type::getVoidTy(Ctx),
                            PointerType::get(Ctx, 0), I32, I32, I32);
  Value *VMCtx = F.getArg(0);
  BasicBlock *Trap = BasicBlock::Create(Ctx, "interrupted", &F);
  IRBuilder<> TB(Trap);
  CallInst *Call = TB.CreateCall(
      TrapFn, {VMCtx, TB.getInt32(uint32_t(TrapKind::Interrupted)),
               TB.getInt32(FuncIndex), TB.getInt32(BodyOffset)});
  Call->setDoesNotReturn();
  Call->setDoesNotThrow();
  TB.CreateUnreachable();

  MDNode *Weights = MDBuilder(Ctx).createUnlikelyBranchWeights();
  for (BasicBlock *Site : Sites)
    insertCheck(Site, VMCtx, Trap, Weights);
  return PreservedAnalyses::none();
}

} // namespace wasmaot
