//===- MemoryLowering.cpp - loads, stores, memory.* and data.drop ---------===//
//
// An access to a 32-bit memory is `getelementptr inbounds i8, base,
// zext(addr) + offset`, with the offset added in 64 bits (it cannot wrap
// there, hence nuw) and the base loaded once per function. In guard mode that
// is all: the reservation makes any access past the current size fault. In
// explicit mode the end of the access is compared with the current size
// first. A 64-bit memory cannot be covered by a reservation, so its accesses
// are always checked, with one compare (see getEffectiveAddress). Alignment
// hints are only hints in Wasm, so every access is `align 1`. Each memory
// has its own base; memory 0's is a vmctx header field, the others' are
// reached through VMContext::Memories, both loaded once per function.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

#include <cstddef>

using namespace llvm;

namespace wasmaot {

Value *FunctionEmitter::loadMemorySize(uint32_t Memory) {
  // Not invariant: memory.grow changes it. Tagged vmctx, so stores to
  // linear memory do not force a reload. Another thread may grow a shared
  // memory meanwhile: an unordered atomic load (a plain load in the code).
  LoadInst *L = createLoad(
      MC.I64,
      gepByte(getMemoryInstance(Memory), offsetof(MemoryInstance, SizeBytes)),
      MC.TBAAVMContext, "mem.size");
  if (getMemoryType(Memory).Shared) {
    L->setAtomic(AtomicOrdering::Unordered);
    L->setAlignment(Align(8));
  }
  return L;
}

Value *FunctionEmitter::getEffectiveAddress(const Instr &I, Value *Addr,
                                            uint64_t Size) {
  uint32_t Memory = I.Mem.Memory;
  uint64_t Offset = I.Mem.Offset;
  Value *Base = getMemoryBase(Memory);
  if (getMemoryType(Memory).Is64) {
    // In bounds iff Addr + Offset + Size <= SizeBytes, computed without
    // wrapping as one compare: Addr < SizeBytes + 1 - (Offset + Size),
    // whose right side saturates at 0 (nothing fits) and depends only on
    // the size, so LLVM hoists it out of loops. No memory is 2^63 bytes:
    // a larger Offset + Size always traps.
    uint64_t Reach = Offset + Size;
    if (Reach < Offset || Reach > (uint64_t(1) << 63)) {
      trapIf(B.getTrue(), TrapKind::OutOfBoundsMemoryAccess, I.Offset);
    } else {
      Value *Limit = B.CreateBinaryIntrinsic(
          Intrinsic::usub_sat,
          B.CreateNUWAdd(loadMemorySize(Memory), B.getInt64(1)),
          B.getInt64(Reach), nullptr, "mem.limit");
      trapIf(B.CreateICmpUGE(Addr, Limit, "oob"),
             TrapKind::OutOfBoundsMemoryAccess, I.Offset);
    }
    Value *Index =
        Offset ? B.CreateNUWAdd(Addr, B.getInt64(Offset), "ea") : Addr;
    return B.CreateInBoundsGEP(MC.I8, Base, Index, "ea.ptr");
  }
  Value *Index = B.CreateZExt(Addr, MC.I64, "addr");
  if (Offset != 0)
    Index = B.CreateNUWAdd(Index, B.getInt64(Offset), "ea");
  if (MC.Opts.Bounds == BoundsChecks::Explicit) {
    Value *End = B.CreateNUWAdd(Index, B.getInt64(Size), "ea.end");
    trapIf(B.CreateICmpUGT(End, loadMemorySize(Memory), "oob"),
           TrapKind::OutOfBoundsMemoryAccess, I.Offset);
  }
  return B.CreateInBoundsGEP(MC.I8, Base, Index, "ea.ptr");
}

void FunctionEmitter::keepTrappingLoad(Value *V) {
  if (MC.Opts.Bounds != BoundsChecks::Guard)
    return;
  // A v128 load is widened, splatted or inserted into a vector after the
  // load itself (SimdMemoryLowering.cpp); look through those too.
  for (;;) {
    if (auto *Cast = dyn_cast<CastInst>(V))
      V = Cast->getOperand(0);
    else if (auto *Shuffle = dyn_cast<ShuffleVectorInst>(V))
      V = Shuffle->getOperand(0);
    else if (auto *Insert = dyn_cast<InsertElementInst>(V))
      V = Insert->getOperand(1);
    else
      break;
  }
  auto *L = dyn_cast<LoadInst>(V);
  if (L && L->getMetadata(LLVMContext::MD_tbaa) == MC.TBAAMemory)
    L->setVolatile(true);
}

namespace {
struct AccessInfo {
  llvm::Type *Mem;   // the type in memory
  llvm::Type *Value; // the type on the operand stack
  bool Signed;       // how a narrower load extends
};
} // namespace

void FunctionEmitter::visitMemory(const Instr &I) {
  if (!isLive())
    return;
  llvm::Type *I8 = MC.I8, *I16 = Type::getInt16Ty(MC.Ctx), *I32 = MC.I32,
             *I64 = MC.I64, *F32 = MC.F32, *F64 = MC.F64;
  auto Load = [&](AccessInfo A) {
    Value *Addr = pop();
    uint64_t Size = A.Mem->getPrimitiveSizeInBits() / 8;
    Value *P = getEffectiveAddress(I, Addr, Size);
    LoadInst *L = B.CreateAlignedLoad(A.Mem, P, Align(1));
    L->setMetadata(LLVMContext::MD_tbaa, MC.TBAAMemory);
    Value *V = L;
    if (A.Mem != A.Value)
      V = A.Signed ? B.CreateSExt(V, A.Value) : B.CreateZExt(V, A.Value);
    push(V);
  };
  auto Store = [&](llvm::Type *Mem) {
    Value *V = pop();
    Value *Addr = pop();
    uint64_t Size = Mem->getPrimitiveSizeInBits() / 8;
    Value *P = getEffectiveAddress(I, Addr, Size);
    if (V->getType() != Mem)
      V = B.CreateTrunc(V, Mem);
    StoreInst *S = B.CreateAlignedStore(V, P, Align(1));
    S->setMetadata(LLVMContext::MD_tbaa, MC.TBAAMemory);
  };

  switch (I.Op) {
  case Opcode::I32Load:
    return Load({I32, I32, false});
  case Opcode::I64Load:
    return Load({I64, I64, false});
  case Opcode::F32Load:
    return Load({F32, F32, false});
  case Opcode::F64Load:
    return Load({F64, F64, false});
  case Opcode::I32Load8S:
    return Load({I8, I32, true});
  case Opcode::I32Load8U:
    return Load({I8, I32, false});
  case Opcode::I32Load16S:
    return Load({I16, I32, true});
  case Opcode::I32Load16U:
    return Load({I16, I32, false});
  case Opcode::I64Load8S:
    return Load({I8, I64, true});
  case Opcode::I64Load8U:
    return Load({I8, I64, false});
  case Opcode::I64Load16S:
    return Load({I16, I64, true});
  case Opcode::I64Load16U:
    return Load({I16, I64, false});
  case Opcode::I64Load32S:
    return Load({I32, I64, true});
  case Opcode::I64Load32U:
    return Load({I32, I64, false});
  case Opcode::I32Store:
    return Store(I32);
  case Opcode::I64Store:
    return Store(I64);
  case Opcode::F32Store:
    return Store(F32);
  case Opcode::F64Store:
    return Store(F64);
  case Opcode::I32Store8:
  case Opcode::I64Store8:
    return Store(I8);
  case Opcode::I32Store16:
  case Opcode::I64Store16:
    return Store(I16);
  case Opcode::I64Store32:
    return Store(I32);

  case Opcode::MemorySize: {
    LoadInst *Pages = createLoad(
        I64,
        gepByte(getMemoryInstance(I.Index), offsetof(MemoryInstance, Pages)),
        MC.TBAAVMContext, "mem.pages");
    if (getMemoryType(I.Index).Shared) {
      Pages->setAtomic(AtomicOrdering::Unordered);
      Pages->setAlignment(Align(8));
    }
    push(getMemoryType(I.Index).Is64 ? Pages : B.CreateTrunc(Pages, I32));
    return;
  }
  case Opcode::MemoryGrow: {
    // The base does not move, so nothing cached needs reloading after it.
    Value *Delta = widenAddress(pop());
    Value *Old = B.CreateCall(MC.MemoryGrowFn,
                              {VMCtx, B.getInt32(I.Index), Delta}, "grow");
    push(getMemoryType(I.Index).Is64 ? Old : B.CreateTrunc(Old, I32));
    return;
  }
  case Opcode::MemoryFill: {
    Value *Len = widenAddress(pop());
    Value *Val = pop();
    Value *Dst = widenAddress(pop());
    trapIfHelperFailed(
        B.CreateCall(MC.MemoryFillFn,
                     {VMCtx, B.getInt32(I.Index), Dst, Val, Len}),
        I.Offset);
    return;
  }
  case Opcode::MemoryCopy: {
    Value *Len = widenAddress(pop());
    Value *Src = widenAddress(pop());
    Value *Dst = widenAddress(pop());
    trapIfHelperFailed(
        B.CreateCall(MC.MemoryCopyFn, {VMCtx, B.getInt32(I.Index),
                                       B.getInt32(I.Index2), Dst, Src, Len}),
        I.Offset);
    return;
  }
  case Opcode::MemoryInit: {
    Value *Len = pop();
    Value *Src = pop();
    Value *Dst = widenAddress(pop());
    trapIfHelperFailed(
        B.CreateCall(MC.MemoryInitFn, {VMCtx, B.getInt32(I.Index2),
                                       B.getInt32(I.Index), Dst, Src, Len}),
        I.Offset);
    return;
  }
  case Opcode::DataDrop:
    B.CreateCall(MC.DataDropFn, {VMCtx, B.getInt32(I.Index)});
    return;
  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
}

} // namespace wasmaot
