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
// Code that runs for a bounded time needs no check of its own, which keeps
// the checks out of the hottest small loops and functions:
// - a function that makes no calls (but to the runtime's helpers) gets no
//   entry check: code can only run on without end through a cycle of its
//   control flow or of calls, and every function on a cycle of calls makes a
//   call, so checks at the entries of the calling functions cut every such
//   cycle;
// - an innermost loop without calls whose trip count is at most
//   BoundedTripCount (scalar evolution's maximum) gets no check: each entry
//   runs at most that many trips, and whatever loop or call brings control
//   back to it is checked.
//
//===----------------------------------------------------------------------===//
#include "lowering/Passes.h"
#include "wasmaot/VMContext.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/Analysis/CycleAnalysis.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <cstddef>

using namespace llvm;

namespace wasmaot {
namespace {

/// Loops of at most this many trips (and no calls, no inner loops) are
/// left without a check.
constexpr unsigned BoundedTripCount = 1024;

/// A call that may run code without bound: anything but an intrinsic, inline
/// assembly, or one of the runtime's helpers (wasmaot_*: host code that
/// returns, or the trap, which never does).
bool mayRunOn(const Instruction &I) {
  const auto *Call = dyn_cast<CallBase>(&I);
  if (!Call || isa<IntrinsicInst>(Call) || Call->isInlineAsm())
    return false;
  const Function *Callee = Call->getCalledFunction();
  return !Callee || !Callee->getName().starts_with("wasmaot_");
}

bool hasCalls(ArrayRef<BasicBlock *> Blocks) {
  for (const BasicBlock *BB : Blocks)
    for (const Instruction &I : *BB)
      if (mayRunOn(I))
        return true;
  return false;
}

/// Whether the loop headed by Header runs a bounded number of trips each
/// time it is entered, calls nothing that may run on, and holds no loop.
bool isBoundedLeafLoop(BasicBlock *Header, LoopInfo &LI, ScalarEvolution &SE) {
  Loop *L = LI.getLoopFor(Header);
  if (!L || L->getHeader() != Header || !L->isInnermost())
    return false;
  unsigned MaxTrips = SE.getSmallConstantMaxTripCount(L);
  return MaxTrips != 0 && MaxTrips <= BoundedTripCount &&
         !hasCalls(L->getBlocks());
}

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
  SmallVector<BasicBlock *> AllBlocks;
  for (BasicBlock &BB : F)
    AllBlocks.push_back(&BB);
  if (hasCalls(AllBlocks))
    Sites.insert(&F.getEntryBlock());
  CycleInfo &Cycles = AM.getResult<CycleAnalysis>(F);
  LoopInfo &LI = AM.getResult<LoopAnalysis>(F);
  ScalarEvolution &SE = AM.getResult<ScalarEvolutionAnalysis>(F);
  SmallVector<const Cycle *> Work(Cycles.toplevel_begin(),
                                  Cycles.toplevel_end());
  while (!Work.empty()) {
    const Cycle *C = Work.pop_back_val();
    bool Bounded = C->isReducible() && C->children().empty() &&
                   isBoundedLeafLoop(C->getHeader(), LI, SE);
    if (!Bounded)
      for (BasicBlock *Entry : C->getEntries())
        Sites.insert(Entry);
    for (const Cycle *Child : C->children())
      Work.push_back(Child);
  }
  if (Sites.empty())
    return PreservedAnalyses::all();

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
