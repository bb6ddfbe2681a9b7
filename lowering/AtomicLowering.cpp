//===- AtomicLowering.cpp - threads: atomic accesses, wait, notify, fence -===//
//
// Every atomic access is sequentially consistent (Wasm has no weaker
// ordering), of exactly its access size, at its natural alignment: an address
// that is not a multiple of the size traps with "unaligned atomic" before the
// bounds check, in both bounds-check modes, so the same access reports the
// same trap in both. The bounds check is then the ordinary one
// (getEffectiveAddress): none in guard mode, where the atomic instruction
// itself faults.
//
// memory.atomic.wait32/64 and notify call the runtime (a parking lot keyed by
// host address). Whether the memory is shared is known here: on an unshared
// memory, wait traps ("expected shared memory") and notify wakes nobody, as
// the spec says, without a call.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

using namespace llvm;

namespace wasmaot {

namespace {
/// The read-modify-write operations in encoding order: each has seven
/// opcodes (i32, i64, i32 8/16-bit, i64 8/16/32-bit), starting at 0x1e.
constexpr uint32_t FirstRmwCode = 0x1e, RmwGroupSize = 7;
enum class RmwOp { Add, Sub, And, Or, Xor, Xchg, Cmpxchg };
} // namespace

Value *FunctionEmitter::getAtomicAddress(const Instr &I, Value *Addr,
                                         uint64_t Size) {
  if (Size > 1) {
    // The low bits of Addr + offset; the offset is a constant, so only its
    // low bits matter.
    Value *Low =
        B.CreateAnd(B.CreateZExtOrTrunc(Addr, MC.I64), B.getInt64(Size - 1));
    Low = B.CreateAnd(B.CreateAdd(Low, B.getInt64(I.Mem.Offset & (Size - 1))),
                      B.getInt64(Size - 1), "misaligned");
    trapIf(B.CreateICmpNE(Low, B.getInt64(0)), TrapKind::UnalignedAtomic,
           I.Offset);
  }
  return getEffectiveAddress(I, Addr, Size);
}

void FunctionEmitter::visitAtomic(const Instr &I) {
  if (!isLive())
    return;
  if (I.Op == Opcode::AtomicFence) {
    B.CreateFence(AtomicOrdering::SequentiallyConsistent);
    return;
  }
  const uint64_t Size = getAccessSize(I.Op);
  llvm::Type *MemTy = B.getIntNTy(unsigned(Size * 8));
  const Align Alignment(Size);
  const bool Shared = getMemoryType(I.Mem.Memory).Shared;
  auto Tag = [&](Instruction *Access) {
    Access->setMetadata(LLVMContext::MD_tbaa, MC.TBAAMemory);
  };

  switch (I.Op) {
  case Opcode::MemoryAtomicNotify: {
    Value *Count = pop();
    Value *P = getAtomicAddress(I, pop(), Size);
    push(Shared ? static_cast<Value *>(B.CreateCall(MC.AtomicNotifyFn,
                                                    {VMCtx, P, Count}, "woken"))
                : B.getInt32(0));
    return;
  }
  case Opcode::MemoryAtomicWait32:
  case Opcode::MemoryAtomicWait64: {
    Value *Timeout = pop();
    Value *Expected = pop();
    Value *P = getAtomicAddress(I, pop(), Size);
    if (!Shared) {
      trap(TrapKind::ExpectedSharedMemory, I.Offset);
      return;
    }
    Function *Wait = I.Op == Opcode::MemoryAtomicWait32 ? MC.AtomicWait32Fn
                                                        : MC.AtomicWait64Fn;
    push(B.CreateCall(Wait, {VMCtx, P, Expected, Timeout}, "wait"));
    return;
  }
  default:
    break;
  }

  const uint32_t Code = getOpcodeInfo(I.Op).Code;
  std::string_view Sig = getOpcodeInfo(I.Op).Sig;
  llvm::Type *ValueTy = Sig.back() == 'l' || Sig[1] == 'l' ? MC.I64 : MC.I32;
  if (Code < FirstRmwCode && Sig.back() != ':') { // a load
    Value *P = getAtomicAddress(I, pop(), Size);
    LoadInst *L = B.CreateAlignedLoad(MemTy, P, Alignment);
    L->setAtomic(AtomicOrdering::SequentiallyConsistent);
    Tag(L);
    push(B.CreateZExtOrBitCast(L, ValueTy));
    return;
  }
  if (Code < FirstRmwCode) { // a store
    Value *V = B.CreateTrunc(pop(), MemTy);
    Value *P = getAtomicAddress(I, pop(), Size);
    StoreInst *S = B.CreateAlignedStore(V, P, Alignment);
    S->setAtomic(AtomicOrdering::SequentiallyConsistent);
    Tag(S);
    return;
  }

  auto Op = RmwOp((Code - FirstRmwCode) / RmwGroupSize);
  if (Op == RmwOp::Cmpxchg) {
    // A narrow cmpxchg compares with the expected value wrapped to its width.
    Value *Replacement = B.CreateTrunc(pop(), MemTy, "replacement");
    Value *Expected = B.CreateTrunc(pop(), MemTy, "expected");
    Value *P = getAtomicAddress(I, pop(), Size);
    AtomicCmpXchgInst *X =
        B.CreateAtomicCmpXchg(P, Expected, Replacement, Alignment,
                              AtomicOrdering::SequentiallyConsistent,
                              AtomicOrdering::SequentiallyConsistent);
    Tag(X);
    push(B.CreateZExtOrBitCast(B.CreateExtractValue(X, 0), ValueTy));
    return;
  }
  static constexpr AtomicRMWInst::BinOp BinOps[] = {
      AtomicRMWInst::Add, AtomicRMWInst::Sub, AtomicRMWInst::And,
      AtomicRMWInst::Or,  AtomicRMWInst::Xor, AtomicRMWInst::Xchg};
  Value *V = B.CreateTrunc(pop(), MemTy);
  Value *P = getAtomicAddress(I, pop(), Size);
  AtomicRMWInst *R = B.CreateAtomicRMW(BinOps[size_t(Op)], P, V, Alignment,
                                       AtomicOrdering::SequentiallyConsistent);
  Tag(R);
  push(B.CreateZExtOrBitCast(R, ValueTy));
}

} // namespace wasmaot
