//===- VectorAccumulators.cpp - Keep SLP's loop reductions in vectors -----===//
//
// See Passes.h. The loop shape this is for (clang's wasm32 output for
// `for (i...) dot += a[i] * b[i]`, unrolled by four by the producer, after
// the SLP vectorizer has made one vector of the four products):
//
//   loop:  %s = phi i32 [%init, %ph], [%s.next, %loop]
//          %v = mul <4 x i32> ...
//          %r = call i32 @llvm.vector.reduce.add.v4i32(<4 x i32> %v)
//          %s.next = add i32 %r, %s
//
// becomes
//
//   loop:  %acc = phi <4 x i32> [zeroinitializer, %ph], [%acc.next, %loop]
//          %acc.next = add <4 x i32> %acc, %v
//   exit:  %s.next = add i32 %init, reduce.add(%acc.next)
//
// Integer add, and, or and xor are associative and commutative in two's
// complement, so the sum is the same bits in any order. Floating-point
// reductions are left alone: reordering them changes results.
//
//===----------------------------------------------------------------------===//
#include "lowering/Passes.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/PatternMatch.h"

using namespace llvm;
using namespace llvm::PatternMatch;

namespace wasmaot {
namespace {

/// The binary operator that combines two partial results of \p ID, for the
/// integer reductions whose order cannot change the result.
std::optional<Instruction::BinaryOps> getCombiner(Intrinsic::ID ID) {
  switch (ID) {
  case Intrinsic::vector_reduce_add:
    return Instruction::Add;
  case Intrinsic::vector_reduce_or:
    return Instruction::Or;
  case Intrinsic::vector_reduce_xor:
    return Instruction::Xor;
  case Intrinsic::vector_reduce_and:
    return Instruction::And;
  default:
    return std::nullopt;
  }
}

/// Rewrites one header phi if it is `phi [init], [op(reduce(v), phi)]`.
bool rewrite(Loop &L, PHINode &Phi) {
  BasicBlock *Latch = L.getLoopLatch();
  BasicBlock *Exit = L.getUniqueExitBlock();
  if (!Latch || !Exit || Exit->getSinglePredecessor() != Latch ||
      Phi.getNumIncomingValues() != 2 || !Phi.getType()->isIntegerTy() ||
      !Phi.hasOneUse())
    return false;
  // The block the loop is entered from (not necessarily a preheader).
  BasicBlock *Entry = Phi.getIncomingBlock(Phi.getIncomingBlock(0) == Latch);
  if (Entry == Latch)
    return false;
  auto *Next = dyn_cast<BinaryOperator>(Phi.getIncomingValueForBlock(Latch));
  if (!Next || !L.contains(Next) || *Phi.user_begin() != Next)
    return false;
  Value *Other =
      Next->getOperand(0) == &Phi ? Next->getOperand(1) : Next->getOperand(0);
  auto *Reduce = dyn_cast<IntrinsicInst>(Other);
  if (!Reduce || !Reduce->hasOneUse() || !L.contains(Reduce))
    return false;
  auto Combiner = getCombiner(Reduce->getIntrinsicID());
  if (!Combiner || *Combiner != Next->getOpcode())
    return false;
  // The running value must not be needed inside the loop, only after it.
  for (User *U : Next->users()) {
    auto *UI = cast<Instruction>(U);
    if (UI == &Phi)
      continue;
    if (L.contains(UI))
      return false;
  }
  Value *Vec = Reduce->getArgOperand(0);
  auto *VecTy = cast<FixedVectorType>(Vec->getType());

  // The vector accumulator, starting from the identity in every lane.
  IRBuilder<> B(&Phi);
  PHINode *Acc = B.CreatePHI(VecTy, 2, Phi.getName() + ".vacc");
  Constant *Identity = ConstantExpr::getBinOpIdentity(*Combiner, VecTy);
  B.SetInsertPoint(Next);
  Value *AccNext =
      B.CreateBinOp(*Combiner, Acc, Vec, Phi.getName() + ".vacc.next");
  Acc->addIncoming(Identity, Entry);
  Acc->addIncoming(AccNext, Latch);

  // After the loop: one reduction, combined with the initial value.
  B.SetInsertPoint(Exit, Exit->getFirstInsertionPt());
  Value *Init = Phi.getIncomingValueForBlock(Entry);
  Value *Sum = B.CreateIntrinsic(Reduce->getIntrinsicID(), {VecTy}, {AccNext});
  if (Init != ConstantExpr::getBinOpIdentity(*Combiner, Init->getType()))
    Sum = B.CreateBinOp(*Combiner, Init, Sum, Next->getName());
  SmallVector<PHINode *, 2> DeadPhis;
  for (Use &U : make_early_inc_range(Next->uses())) {
    auto *UI = cast<Instruction>(U.getUser());
    if (UI == &Phi)
      continue;
    // LCSSA phis in the exit (its only predecessor is the latch).
    if (auto *P = dyn_cast<PHINode>(UI); P && P->getParent() == Exit) {
      P->replaceAllUsesWith(Sum);
      DeadPhis.push_back(P);
      continue;
    }
    U.set(Sum);
  }
  for (PHINode *P : DeadPhis)
    P->eraseFromParent();
  Phi.replaceAllUsesWith(PoisonValue::get(Phi.getType()));
  Next->eraseFromParent();
  Reduce->eraseFromParent();
  Phi.eraseFromParent();
  return true;
}

} // namespace

PreservedAnalyses WasmVectorAccumulatorPass::run(Function &F,
                                                 FunctionAnalysisManager &AM) {
  auto &LI = AM.getResult<LoopAnalysis>(F);
  bool Changed = false;
  for (Loop *L : LI.getLoopsInPreorder()) {
    if (!L->isInnermost())
      continue;
    SmallVector<PHINode *, 4> Phis;
    for (PHINode &P : L->getHeader()->phis())
      Phis.push_back(&P);
    for (PHINode *P : Phis)
      Changed |= rewrite(*L, *P);
  }
  if (!Changed)
    return PreservedAnalyses::all();
  PreservedAnalyses PA;
  PA.preserveSet<CFGAnalyses>();
  return PA;
}

} // namespace wasmaot
