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
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <optional>

using namespace llvm;

namespace wasmaot {
namespace {

/// Loops larger than this are left alone: versioning doubles their code.
constexpr unsigned MaxLoopInstructions = 400;
/// Steps are bounded so that trips * step cannot overflow 64 bits (trips are
/// checked to be below 2^32).
constexpr int64_t MaxStep = int64_t(1) << 20;
/// The disjointness check compares every pair of streams: keep it short.
constexpr unsigned MaxAliasGroups = 8;

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

/// An access's address, `Root + zext(Z) + Extra` or `Root + Extra`: the
/// address is `gep i8, Root, zext(x) [+ constant]`, possibly under and over
/// constant geps (LICM hoists the constant part of `base + c + zext(x)` into
/// the loop's preheader).
struct AddressParts {
  Value *Root = nullptr;
  ZExtInst *Z = nullptr; // null: the address is Root + Extra
  int64_t Extra = 0;
  bool Scaled = false; // Z is scaled, not a byte offset
};

std::optional<AddressParts> decomposeAddress(Value *Ptr, const DataLayout &DL) {
  AddressParts Parts;
  for (int Depth = 0; Depth < 6; ++Depth) {
    auto *GEP = dyn_cast<GetElementPtrInst>(Ptr);
    if (!GEP) {
      Parts.Root = Ptr;
      return Parts;
    }
    APInt Offset(64, 0);
    if (GEP->accumulateConstantOffset(DL, Offset)) {
      Parts.Extra += Offset.getSExtValue();
      Ptr = GEP->getPointerOperand();
      continue;
    }
    if (Parts.Z || GEP->getNumIndices() != 1)
      return std::nullopt;
    // An index scaled by the element size still needs its i32 checked for
    // wrapping, but its bytes are not known here.
    Parts.Scaled = !GEP->getSourceElementType()->isIntegerTy(8);
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
      Parts.Extra += cast<ConstantInt>(BO->getOperand(1))->getSExtValue();
      Index = BO->getOperand(0);
    }
    auto *Z = dyn_cast<ZExtInst>(Index);
    if (!Z || !Z->getSrcTy()->isIntegerTy(32) ||
        !Z->getDestTy()->isIntegerTy(64))
      return std::nullopt;
    Parts.Z = Z;
    Ptr = GEP->getPointerOperand();
  }
  return std::nullopt;
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

/// A stream of accesses: the i32 base (loop invariant) and the step per trip.
using GroupKey = std::pair<const SCEV *, int64_t>;

/// One load or store of linear memory in the loop: it reads or writes
/// [zext(Base) + Offset + Step * i, ... + Size) in trip i, once no address
/// wraps. Offset includes the constant added in 64 bits.
struct Access {
  Instruction *I;
  GroupKey Key;
  int64_t Offset;
  int64_t Size;
  bool IsWrite;
};

/// The bytes all accesses of one stream touch, relative to zext(Base), in
/// trip 0: [Lo, Hi).
struct Group {
  int64_t Lo, Hi;
  bool Written;
};

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
  /// Every wasm-memory access in the loop, when all of them could be
  /// described (AliasScoping), for the disjointness check and the scopes.
  SmallVector<Access, 16> Accesses;
  MapVector<GroupKey, Group> Groups;
  bool AliasScoping = false;

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
    AliasScoping = true;
    SmallPtrSet<ZExtInst *, 8> Seen;
    Value *Root = nullptr;
    for (BasicBlock *BB : L.blocks())
      for (Instruction &I : *BB) {
        if (!isWasmMemoryAccess(I))
          continue;
        std::optional<AddressParts> Parts =
            decomposeAddress(getLoadStorePointerOperand(&I), DL);
        if (!Parts) {
          AliasScoping = false;
          continue;
        }
        // Streams are compared as offsets from one base (the memory base),
        // the same in every trip.
        if ((Root && Parts->Root != Root) || !L.isLoopInvariant(Parts->Root) ||
            Parts->Scaled)
          AliasScoping = false;
        Root = Parts->Root;
        Type *AccessTy = getLoadStoreType(&I);
        Access A{&I,
                 {},
                 Parts->Extra,
                 static_cast<int64_t>(DL.getTypeStoreSize(AccessTy)),
                 isa<StoreInst>(I)};
        ZExtInst *Z = Parts->Z;
        if (!Z) {
          // A constant address: one point.
          A.Key = {SE.getZero(Type::getInt32Ty(I.getContext())), 0};
          Accesses.push_back(A);
          continue;
        }
        const SCEV *X = SE.getSCEV(Z->getOperand(0));
        if (SE.isLoopInvariant(X, &L)) {
          // The same i32 address in every trip: nothing can wrap.
          if (Probe.isSafeToExpandAt(X, Term)) {
            A.Key = {X, 0};
            Accesses.push_back(A);
          } else {
            AliasScoping = false;
          }
          continue;
        }
        std::optional<Candidate> C = describe(Z, X, Probe, Term);
        if (!C) {
          AliasScoping = false;
          continue;
        }
        A.Key = {C->Base, C->Step};
        A.Offset += C->Offset;
        Accesses.push_back(A);
        if (!Seen.insert(Z).second)
          continue;
        // Already an i64 recurrence to SCEV (it proved no wrap): no need.
        if (!isa<SCEVAddRecExpr>(SE.getSCEV(Z)))
          Needed = true;
        Candidates.push_back(*C);
      }
    if (AliasScoping)
      AliasScoping = collectGroups();
    return Needed;
  }

  /// The recurrence `Base + Offset + Step * i` that X, the i32 operand of Z,
  /// is, if it is one this pass can check.
  std::optional<Candidate> describe(ZExtInst *Z, const SCEV *X,
                                    SCEVExpander &Probe, Instruction *Term) {
    auto *AR = dyn_cast<SCEVAddRecExpr>(X);
    if (!AR || AR->getLoop() != &L || !AR->isAffine() || !L.contains(Z))
      return std::nullopt;
    auto *StepC = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
    if (!StepC)
      return std::nullopt;
    int64_t Step = StepC->getAPInt().getSExtValue();
    if (Step == 0 || Step > MaxStep || Step < -MaxStep)
      return std::nullopt;
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
      return std::nullopt;
    return Candidate{Z, Base, Offset, Step};
  }

  /// Groups the accesses by (base, step). Scoping pays only when some group
  /// is written and there is another group it could overlap.
  bool collectGroups() {
    for (const Access &A : Accesses) {
      auto [It, New] =
          Groups.insert({A.Key, Group{A.Offset, A.Offset + A.Size, A.IsWrite}});
      if (!New) {
        It->second.Lo = std::min(It->second.Lo, A.Offset);
        It->second.Hi = std::max(It->second.Hi, A.Offset + A.Size);
        It->second.Written |= A.IsWrite;
      }
    }
    if (Groups.size() < 2 || Groups.size() > MaxAliasGroups)
      return false;
    return llvm::any_of(Groups, [](auto &G) { return G.second.Written; });
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
    if (AliasScoping)
      Ok = B.CreateAnd(Ok, emitDisjointCheck(B, Exp, N, Term));
    return Ok;
  }

  /// i1: no two streams, one of them written, touch a common byte. Only
  /// meaningful once no address wraps (the check above): the byte ranges
  /// are then exact in 64 bits. All values are within +-2^34, so signed
  /// compares are exact.
  Value *emitDisjointCheck(IRBuilder<> &B, SCEVExpander &Exp, Value *N,
                           Instruction *Term) {
    Type *I64 = B.getInt64Ty();
    SmallVector<std::pair<Value *, Value *>, 8> Ranges;
    for (auto &[Key, G] : Groups) {
      Value *Base = B.CreateZExt(
          Exp.expandCodeFor(Key.first, Key.first->getType(), Term), I64);
      Value *Lo = B.CreateAdd(Base, B.getInt64(G.Lo), "lo");
      Value *Hi = B.CreateAdd(Base, B.getInt64(G.Hi), "hi");
      if (Key.second != 0) {
        Value *Span = B.CreateMul(N, B.getInt64(Key.second), "span");
        if (Key.second < 0)
          Lo = B.CreateAdd(Lo, Span, "lo");
        else
          Hi = B.CreateAdd(Hi, Span, "hi");
      }
      Ranges.push_back({Lo, Hi});
    }
    Value *Ok = B.getTrue();
    auto *GroupIt = Groups.begin();
    for (unsigned I = 0; I < Ranges.size(); ++I, ++GroupIt) {
      auto *OtherIt = std::next(GroupIt);
      for (unsigned J = I + 1; J < Ranges.size(); ++J, ++OtherIt) {
        if (!GroupIt->second.Written && !OtherIt->second.Written)
          continue;
        Value *Apart = B.CreateOr(
            B.CreateICmpSLE(Ranges[I].second, Ranges[J].first),
            B.CreateICmpSLE(Ranges[J].second, Ranges[I].first), "apart");
        Ok = B.CreateAnd(Ok, Apart);
      }
    }
    return Ok;
  }

  /// In the fast loop, accesses of different streams never overlap (the
  /// check said so): one alias scope per stream tells the loop vectorizer,
  /// whose own run-time check would compare each pair of accesses in one
  /// stream, such as p and p + 8, and always fail.
  void addScopes() {
    MDBuilder MDB(L.getHeader()->getContext());
    MDNode *Domain = MDB.createAnonymousAliasScopeDomain("wasm.streams");
    SmallVector<MDNode *, 8> Scopes;
    for (unsigned I = 0; I < Groups.size(); ++I)
      Scopes.push_back(MDB.createAnonymousAliasScope(Domain));
    for (const Access &A : Accesses) {
      unsigned Index = Groups.find(A.Key) - Groups.begin();
      SmallVector<Metadata *, 8> Others;
      for (unsigned I = 0; I < Scopes.size(); ++I)
        if (I != Index)
          Others.push_back(Scopes[I]);
      LLVMContext &Ctx = A.I->getContext();
      A.I->setMetadata(
          LLVMContext::MD_alias_scope,
          MDNode::concatenate(A.I->getMetadata(LLVMContext::MD_alias_scope),
                              MDNode::get(Ctx, {Scopes[Index]})));
      A.I->setMetadata(
          LLVMContext::MD_noalias,
          MDNode::concatenate(A.I->getMetadata(LLVMContext::MD_noalias),
                              MDNode::get(Ctx, Others)));
    }
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
    if (AliasScoping)
      addScopes();
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
