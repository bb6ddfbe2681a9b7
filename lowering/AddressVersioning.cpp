//===- AddressVersioning.cpp - i64 addresses for loops that cannot wrap ---===//
//
// See Passes.h. The loop shape this is for (clang's wasm32 output for
// `for (j...) C[j] += a * B[j]`, unrolled by two by the producer):
//
//   loop:  %p = phi i32 [%p0, %ph], [%p.next, %loop]
//          load double, gep(%membase, zext(%p))
//          load double, gep(%membase, zext(add i32 %p, 8))
//          %p.next = add i32 %p, 16
//
// becomes, behind a check in the preheader that %p0 + 8 + 16 * trips stays
// below 2^32, the same loop with both addresses written as i64 recurrences
// {zext(%p0), +, 16} and {zext(%p0) + 8, +, 16}, whose distance is known.
//
//===----------------------------------------------------------------------===//
#include "lowering/Passes.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

using namespace llvm;

namespace wasmaot {
namespace {

/// Loops larger than this are left alone: versioning doubles their code.
constexpr unsigned MaxLoopInstructions = 400;
/// Steps are bounded so that trips * step cannot overflow 64 bits (trips are
/// checked to be below 2^32).
constexpr int64_t MaxStep = int64_t(1) << 20;

bool isWasmMemoryAccess(const Instruction &I) {
  if (!isa<LoadInst, StoreInst>(I))
    return false;
  MDNode *Tag = I.getMetadata(LLVMContext::MD_tbaa);
  if (!Tag || Tag->getNumOperands() < 2)
    return false;
  auto *Ty = dyn_cast<MDNode>(Tag->getOperand(1));
  if (!Ty || Ty->getNumOperands() < 1)
    return false;
  auto *Name = dyn_cast<MDString>(Ty->getOperand(0));
  return Name && Name->getString() == "wasm-memory";
}

/// The `zext i32 to i64` an access's address is made of, if any: the address
/// is `gep i8, base, zext(x) [+ constant]`, possibly under constant geps.
ZExtInst *findAddressZExt(Value *Ptr) {
  for (int Depth = 0; Depth < 4; ++Depth) {
    auto *GEP = dyn_cast<GetElementPtrInst>(Ptr);
    if (!GEP)
      return nullptr;
    if (GEP->hasAllConstantIndices()) {
      Ptr = GEP->getPointerOperand();
      continue;
    }
    if (GEP->getNumIndices() != 1)
      return nullptr;
    Value *Index = GEP->getOperand(1);
    for (int Peel = 0; Peel < 2; ++Peel) {
      auto *BO = dyn_cast<BinaryOperator>(Index);
      if (!BO || !isa<ConstantInt>(BO->getOperand(1)))
        break;
      bool Additive = BO->getOpcode() == Instruction::Add ||
                      (BO->getOpcode() == Instruction::Or &&
                       cast<PossiblyDisjointInst>(BO)->isDisjoint());
      if (!Additive)
        break;
      Index = BO->getOperand(0);
    }
    auto *Z = dyn_cast<ZExtInst>(Index);
    if (Z && Z->getSrcTy()->isIntegerTy(32) && Z->getDestTy()->isIntegerTy(64))
      return Z;
    return nullptr;
  }
  return nullptr;
}

const SCEVConstant *getConstantPart(const SCEV *S) {
  for (int Depth = 0; Depth < 4; ++Depth) {
    if (auto *Add = dyn_cast<SCEVAddExpr>(S))
      return dyn_cast<SCEVConstant>(Add->getOperand(0));
    auto *AR = dyn_cast<SCEVAddRecExpr>(S);
    if (!AR)
      return nullptr;
    if (auto *C = dyn_cast<SCEVConstant>(AR->getStart()))
      return C;
    S = AR->getStart();
  }
  return nullptr;
}

struct Candidate {
  ZExtInst *Z;
  const SCEV *Base; // i32, loop invariant
  int64_t Offset;   // the start is zext(Base) + Offset
  int64_t Step;
};

class LoopVersioner {
public:
  LoopVersioner(Loop &L, LoopInfo &LI, DominatorTree &DT, ScalarEvolution &SE,
                AssumptionCache &AC)
      : L(L), LI(LI), DT(DT), SE(SE), AC(AC),
        DL(L.getHeader()->getModule()->getDataLayout()) {}

  bool run() {
    if (!collect())
      return false;
    version();
    return true;
  }

private:
  Loop &L;
  LoopInfo &LI;
  DominatorTree &DT;
  ScalarEvolution &SE;
  AssumptionCache &AC;
  const DataLayout &DL;
  const SCEV *TripsMinusOne = nullptr;
  SmallVector<Candidate, 8> Candidates;

  bool collect() {
    // As the loop vectorizer does first: preheader, dedicated exits.
    simplifyLoop(&L, &DT, &LI, &SE, &AC, nullptr, /*PreserveLCSSA=*/false);
    if (!L.isInnermost() || !L.isLoopSimplifyForm())
      return false;
    BasicBlock *Exiting = L.getExitingBlock();
    BasicBlock *Exit = L.getUniqueExitBlock();
    if (!Exiting || !Exit || Exit->getSinglePredecessor() != Exiting)
      return false;
    unsigned Size = 0;
    for (BasicBlock *BB : L.blocks())
      Size += BB->size();
    if (Size > MaxLoopInstructions)
      return false;
    TripsMinusOne = SE.getBackedgeTakenCount(&L);
    if (isa<SCEVCouldNotCompute>(TripsMinusOne) ||
        TripsMinusOne->getType()->getIntegerBitWidth() > 64)
      return false;

    Instruction *Term = L.getLoopPreheader()->getTerminator();
    SCEVExpander Probe(SE, DL, "wasm.addr");
    if (!Probe.isSafeToExpandAt(TripsMinusOne, Term))
      return false;
    bool Needed = false;
    SmallPtrSet<ZExtInst *, 8> Seen;
    for (BasicBlock *BB : L.blocks())
      for (Instruction &I : *BB) {
        if (!isWasmMemoryAccess(I))
          continue;
        ZExtInst *Z = findAddressZExt(getLoadStorePointerOperand(&I));
        if (!Z || !L.contains(Z) || !Seen.insert(Z).second)
          continue;
        auto *AR = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(Z->getOperand(0)));
        if (!AR || AR->getLoop() != &L || !AR->isAffine())
          continue;
        auto *StepC = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
        if (!StepC)
          continue;
        int64_t Step = StepC->getAPInt().getSExtValue();
        if (Step == 0 || Step > MaxStep || Step < -MaxStep)
          continue;
        // Start = Base + Offset, with the constant part of the start (also
        // from inside an outer loop's recurrence) as Offset, so that
        // `p` and `p + 8` share one Base.
        const SCEV *Start = AR->getStart();
        const SCEV *Base = Start;
        int64_t Offset = 0;
        if (auto *C = dyn_cast<SCEVConstant>(Start)) {
          Offset = static_cast<int64_t>(C->getAPInt().getZExtValue());
          Base = SE.getZero(Start->getType());
        } else if (const SCEVConstant *C = getConstantPart(Start)) {
          Offset = C->getAPInt().getSExtValue();
          Base = SE.getMinusSCEV(Start, C);
        }
        if (!Probe.isSafeToExpandAt(Base, Term))
          continue;
        // Already an i64 recurrence to SCEV (it proved no wrap): no need.
        if (!isa<SCEVAddRecExpr>(SE.getSCEV(Z)))
          Needed = true;
        Candidates.push_back({Z, Base, Offset, Step});
      }
    return Needed;
  }

  /// i1: every candidate's recurrence stays in [0, 2^32) for every trip.
  Value *emitCheck(Instruction *Term) {
    SCEVExpander Exp(SE, DL, "wasm.addr.check");
    IRBuilder<> B(Term);
    Type *I64 = B.getInt64Ty();
    Value *N = Exp.expandCodeFor(TripsMinusOne, TripsMinusOne->getType(), Term);
    Value *Limit = B.getInt64(uint64_t(1) << 32);
    Value *Ok = B.getTrue();
    if (N->getType()->getIntegerBitWidth() == 64)
      Ok = B.CreateICmpULT(N, Limit, "trips.ok");
    else
      N = B.CreateZExt(N, I64);
    // One range per (base, step): the lowest and highest offsets bound it.
    MapVector<std::pair<const SCEV *, int64_t>, std::pair<int64_t, int64_t>>
        Ranges;
    for (const Candidate &C : Candidates) {
      auto [It, New] = Ranges.insert({{C.Base, C.Step}, {C.Offset, C.Offset}});
      if (!New) {
        It->second.first = std::min(It->second.first, C.Offset);
        It->second.second = std::max(It->second.second, C.Offset);
      }
    }
    for (auto &[Key, MinMax] : Ranges) {
      Value *Base = B.CreateZExt(
          Exp.expandCodeFor(Key.first, Key.first->getType(), Term), I64);
      Value *Span = B.CreateMul(N, B.getInt64(Key.second), "span");
      for (int64_t Offset : {MinMax.first, MinMax.second}) {
        Value *First = B.CreateAdd(Base, B.getInt64(Offset), "first");
        Value *Last = B.CreateAdd(First, Span, "last");
        Ok = B.CreateAnd(Ok, B.CreateICmpULT(First, Limit));
        Ok = B.CreateAnd(Ok, B.CreateICmpULT(Last, Limit));
      }
    }
    return Ok;
  }

  void version() {
    formLCSSARecursively(L, DT, &LI, &SE);
    SE.forgetLoop(&L);
    BasicBlock *CheckBB = L.getLoopPreheader();
    BasicBlock *Exiting = L.getExitingBlock();
    BasicBlock *Exit = L.getUniqueExitBlock();
    Value *Ok = emitCheck(CheckBB->getTerminator());

    // CheckBB -> (fast) PH -> L, or -> clone of PH -> the original loop.
    BasicBlock *PH = SplitBlock(CheckBB, CheckBB->getTerminator(), &DT, &LI,
                                nullptr, L.getHeader()->getName() + ".ph");
    ValueToValueMapTy VMap;
    SmallVector<BasicBlock *, 8> Blocks;
    Loop *Slow = cloneLoopWithPreheader(PH, CheckBB, &L, VMap, ".wrap", &LI,
                                        &DT, Blocks);
    remapInstructionsInBlocks(Blocks, VMap);
    Instruction *OldTerm = CheckBB->getTerminator();
    BranchInst::Create(PH, Slow->getLoopPreheader(), Ok,
                       OldTerm->getIterator());
    OldTerm->eraseFromParent();
    DT.changeImmediateDominator(Exit, CheckBB);
    // LCSSA: every value used after the loop goes through a phi in Exit.
    auto *SlowExiting = cast<BasicBlock>(VMap[Exiting]);
    for (PHINode &P : Exit->phis()) {
      Value *V = P.getIncomingValueForBlock(Exiting);
      auto It = VMap.find(V);
      Value *Cloned = It != VMap.end() ? static_cast<Value *>(It->second) : V;
      P.addIncoming(Cloned, SlowExiting);
    }

    // In the fast loop, the addresses become i64 recurrences.
    SCEVExpander Exp(SE, DL, "wasm.addr");
    Type *I64 = Type::getInt64Ty(L.getHeader()->getContext());
    for (const Candidate &C : Candidates) {
      const SCEV *Start =
          SE.getAddExpr(SE.getZeroExtendExpr(C.Base, I64),
                        SE.getConstant(I64, C.Offset, /*isSigned=*/true));
      // The check makes every value of it lie in [0, 2^32): no wrap, signed
      // or unsigned, in 64 bits. Saying so lets the dependence analysis see
      // that the accesses at p and p + 8 (stride 16) never overlap.
      const SCEV *AR =
          SE.getAddRecExpr(Start, SE.getConstant(I64, C.Step, true), &L,
                           SCEV::NoWrapFlags(SCEV::FlagNUW | SCEV::FlagNSW));
      Value *V = Exp.expandCodeFor(AR, I64, C.Z);
      SE.forgetValue(C.Z);
      C.Z->replaceAllUsesWith(V);
      C.Z->eraseFromParent();
    }
    SE.forgetLoop(&L);
  }
};

} // namespace

PreservedAnalyses WasmAddressVersioningPass::run(Function &F,
                                                 FunctionAnalysisManager &AM) {
  auto &LI = AM.getResult<LoopAnalysis>(F);
  auto &DT = AM.getResult<DominatorTreeAnalysis>(F);
  auto &SE = AM.getResult<ScalarEvolutionAnalysis>(F);
  auto &AC = AM.getResult<AssumptionAnalysis>(F);
  SmallVector<Loop *, 8> Innermost;
  for (Loop *L : LI.getLoopsInPreorder())
    if (L->isInnermost())
      Innermost.push_back(L);
  bool Changed = false;
  for (Loop *L : Innermost)
    Changed |= LoopVersioner(*L, LI, DT, SE, AC).run();
  if (!Changed)
    return PreservedAnalyses::all();
  PreservedAnalyses PA;
  PA.preserve<LoopAnalysis>();
  PA.preserve<DominatorTreeAnalysis>();
  PA.preserve<ScalarEvolutionAnalysis>();
  return PA;
}

} // namespace wasmaot
