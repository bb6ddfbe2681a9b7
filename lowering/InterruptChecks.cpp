//===- InterruptChecks.cpp - Let another thread stop running Wasm code ----===//
//
// See Passes.h. For `--interruptible`, lowering marks each Wasm function with
// "wasmaot-interrupt"; this pass, the last of the optimizer pipeline, gives
// each such function a poll at its entry and at the entry of every cycle of
// its control flow:
//
//   entry:  %poll = load ptr, ptr (vmctx + InterruptPoll)   ; once
//   site:   load volatile i8, ptr %poll                      ; the poll
//
// The poll page is readable until Instance::interrupt() makes it
// inaccessible; the next poll then faults and the signal handler turns the
// fault into the Interrupted trap, naming the function by its PC (as for
// out-of-bounds accesses). A poll is one load, with no compare and no
// branch: on the benchmarks it costs a third of a flag test and branch.
// Every run of code that does not end comes back to a cycle entry or makes
// calls (whose callees poll on entry), so an interrupt is seen within one
// trip of a loop body or one call. Checking after the optimizer, not in
// lowering, is what keeps the cost low: the vectorizers and the unroller see
// the loops without the check (a load that may change between iterations would
// stop them), and an unrolled or vectorized loop checks once per trip of its
// new body. Inlined callees lose their entry checks; their loops are cycles of
// the caller. The poll is a volatile load so that nothing removes it or
// hoists it out of a loop.
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
#include "llvm/IR/Module.h"

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

/// A poll of the page at the top of Site (after its phis; in the entry
/// block, after the load of the page's address).
void insertPoll(BasicBlock *Site, LoadInst *Poll) {
  BasicBlock::iterator At = Site->isEntryBlock()
                                ? std::next(Poll->getIterator())
                                : Site->getFirstInsertionPt();
  IRBuilder<> B(Site, At);
  B.CreateAlignedLoad(B.getInt8Ty(), Poll, Align(1), /*isVolatile=*/true,
                      "polled");
}

} // namespace

PreservedAnalyses WasmInterruptChecksPass::run(Function &F,
                                               FunctionAnalysisManager &AM) {
  if (!F.hasFnAttribute("wasmaot-interrupt") || F.isDeclaration() ||
      F.arg_empty())
    return PreservedAnalyses::all();

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

  // The page's address once, in the entry block (it stays in a register or
  // a stack slot; loading it at every site would double the cost).
  BasicBlock &Entry = F.getEntryBlock();
  BasicBlock::iterator At = Entry.getFirstInsertionPt();
  while (isa<AllocaInst>(*At))
    ++At;
  IRBuilder<> B(&Entry, At);
  Value *PollAddr = B.CreateConstInBoundsGEP1_64(
      B.getInt8Ty(), F.getArg(0), offsetof(VMContext, InterruptPoll),
      "poll.addr");
  LoadInst *Poll =
      B.CreateAlignedLoad(B.getPtrTy(), PollAddr, Align(8), "poll");
  for (BasicBlock *Site : Sites)
    insertPoll(Site, Poll);
  return PreservedAnalyses::none();
}

} // namespace wasmaot
