//===- MemoryLowering.cpp - loads, stores, memory.* and data.drop ---------===//
//
// An access is `getelementptr inbounds i8, base, zext(addr) + offset`, with
// the offset added in 64 bits (it cannot wrap there, hence nuw) and the base
// loaded once per function. In guard mode that is all: the reservation makes
// any access past the current size fault. In explicit mode the end of the
// access is compared with the current size first. Alignment hints are only
// hints in Wasm, so every access is `align 1`.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

#include <cstddef>

using namespace llvm;

namespace wasmaot {

Value *FunctionEmitter::getEffectiveAddress(Value *Addr, uint64_t Offset,
                                            uint64_t Size,
                                            uint32_t InstrOffset) {
  Value *Base = getMemoryBase();
  Value *Index = B.CreateZExt(Addr, MC.I64, "addr");
  if (Offset != 0)
    Index = B.CreateNUWAdd(Index, B.getInt64(Offset), "ea");
  if (MC.Opts.Bounds == BoundsChecks::Explicit) {
    Value *End = B.CreateNUWAdd(Index, B.getInt64(Size), "ea.end");
    // Not invariant: memory.grow changes it. Tagged vmctx, so stores to
    // linear memory do not force a reload.
    Value *SizeBytes = createLoad(
        MC.I64,
        gepByte(getMemoryInstance(), offsetof(MemoryInstance, SizeBytes)),
        MC.TBAAVMContext, "mem.size");
    trapIf(B.CreateICmpUGT(End, SizeBytes, "oob"),
           TrapKind::OutOfBoundsMemoryAccess, InstrOffset);
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
    Value *P = getEffectiveAddress(Addr, I.Mem.Offset, Size, I.Offset);
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
    Value *P = getEffectiveAddress(Addr, I.Mem.Offset, Size, I.Offset);
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
    Value *Pages = createLoad(
        I64, gepByte(getMemoryInstance(), offsetof(MemoryInstance, Pages)),
        MC.TBAAVMContext, "mem.pages");
    push(B.CreateTrunc(Pages, I32));
    return;
  }
  case Opcode::MemoryGrow: {
    // The base does not move, so nothing cached needs reloading after it.
    Value *Delta = pop();
    push(B.CreateCall(MC.MemoryGrowFn, {VMCtx, B.getInt32(I.Index), Delta},
                      "grow"));
    return;
  }
  case Opcode::MemoryFill: {
    Value *Len = pop();
    Value *Val = pop();
    Value *Dst = pop();
    trapIfHelperFailed(
        B.CreateCall(MC.MemoryFillFn,
                     {VMCtx, B.getInt32(I.Index), Dst, Val, Len}),
        I.Offset);
    return;
  }
  case Opcode::MemoryCopy: {
    Value *Len = pop();
    Value *Src = pop();
    Value *Dst = pop();
    trapIfHelperFailed(
        B.CreateCall(MC.MemoryCopyFn, {VMCtx, B.getInt32(I.Index),
                                       B.getInt32(I.Index2), Dst, Src, Len}),
        I.Offset);
    return;
  }
  case Opcode::MemoryInit: {
    Value *Len = pop();
    Value *Src = pop();
    Value *Dst = pop();
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
