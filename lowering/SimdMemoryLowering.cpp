//===- SimdMemoryLowering.cpp - v128 loads and stores ---------------------===//
//
// Every v128 access goes through getEffectiveAddress, as the scalar ones do:
// no compare in guard mode, a compare and a trap in explicit mode, the size
// being the bytes actually touched (8 for load8x8_s, 1 for load8_lane...).
// Accesses are `align 1` and tagged "wasm-memory". A load produces the loaded
// value's own shape (<8 x i8> for load8x8, a scalar for splat and lane loads)
// and is widened, splatted or inserted afterwards, so that keepTrappingLoad
// can still find it when the v128 is dropped.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

using namespace llvm;

namespace wasmaot {

LoadInst *FunctionEmitter::loadMemory(llvm::Type *Ty, Value *Addr,
                                      const Instr &I) {
  uint64_t Size = MC.LM.getDataLayout().getTypeStoreSize(Ty);
  Value *P = getEffectiveAddress(I, Addr, Size);
  LoadInst *L = B.CreateAlignedLoad(Ty, P, Align(1));
  L->setMetadata(LLVMContext::MD_tbaa, MC.TBAAMemory);
  return L;
}

void FunctionEmitter::storeMemory(Value *V, Value *Addr, const Instr &I) {
  uint64_t Size = MC.LM.getDataLayout().getTypeStoreSize(V->getType());
  Value *P = getEffectiveAddress(I, Addr, Size);
  StoreInst *S = B.CreateAlignedStore(V, P, Align(1));
  S->setMetadata(LLVMContext::MD_tbaa, MC.TBAAMemory);
}

void FunctionEmitter::visitSimdMemory(const Instr &I) {
  auto IntVec = [&](unsigned Bits, unsigned Lanes) -> llvm::Type * {
    return FixedVectorType::get(B.getIntNTy(Bits), Lanes);
  };
  // Lanes of LaneBits from memory, each widened to twice its width.
  auto LoadExtend = [&](unsigned LaneBits, bool Signed) {
    Value *Addr = pop();
    Value *V = loadMemory(IntVec(LaneBits, 64 / LaneBits), Addr, I);
    llvm::Type *Wide = IntVec(LaneBits * 2, 64 / LaneBits);
    V = Signed ? B.CreateSExt(V, Wide) : B.CreateZExt(V, Wide);
    push(B.CreateBitCast(V, MC.V128));
  };
  auto LoadSplat = [&](unsigned LaneBits) {
    Value *Addr = pop();
    Value *V = loadMemory(B.getIntNTy(LaneBits), Addr, I);
    push(B.CreateBitCast(B.CreateVectorSplat(128 / LaneBits, V), MC.V128));
  };
  auto LoadZero = [&](unsigned LaneBits) {
    Value *Addr = pop();
    Value *V = loadMemory(B.getIntNTy(LaneBits), Addr, I);
    llvm::Type *VT = IntVec(LaneBits, 128 / LaneBits);
    V = B.CreateInsertElement(Constant::getNullValue(VT), V, uint64_t(0));
    push(B.CreateBitCast(V, MC.V128));
  };
  auto LoadLane = [&](unsigned LaneBits) {
    Value *Vec = pop();
    Value *Addr = pop();
    Value *V = loadMemory(B.getIntNTy(LaneBits), Addr, I);
    Vec = B.CreateBitCast(Vec, IntVec(LaneBits, 128 / LaneBits));
    Vec = B.CreateInsertElement(Vec, V, uint64_t(I.Lane));
    push(B.CreateBitCast(Vec, MC.V128));
  };
  auto StoreLane = [&](unsigned LaneBits) {
    Value *Vec = pop();
    Value *Addr = pop();
    Vec = B.CreateBitCast(Vec, IntVec(LaneBits, 128 / LaneBits));
    storeMemory(B.CreateExtractElement(Vec, uint64_t(I.Lane)), Addr, I);
  };

  switch (I.Op) {
  case Opcode::V128Load: {
    Value *Addr = pop();
    push(loadMemory(MC.V128, Addr, I));
    return;
  }
  case Opcode::V128Store: {
    Value *V = pop();
    Value *Addr = pop();
    storeMemory(V, Addr, I);
    return;
  }
  case Opcode::V128Load8x8S:
    return LoadExtend(8, true);
  case Opcode::V128Load8x8U:
    return LoadExtend(8, false);
  case Opcode::V128Load16x4S:
    return LoadExtend(16, true);
  case Opcode::V128Load16x4U:
    return LoadExtend(16, false);
  case Opcode::V128Load32x2S:
    return LoadExtend(32, true);
  case Opcode::V128Load32x2U:
    return LoadExtend(32, false);
  case Opcode::V128Load8Splat:
    return LoadSplat(8);
  case Opcode::V128Load16Splat:
    return LoadSplat(16);
  case Opcode::V128Load32Splat:
    return LoadSplat(32);
  case Opcode::V128Load64Splat:
    return LoadSplat(64);
  case Opcode::V128Load32Zero:
    return LoadZero(32);
  case Opcode::V128Load64Zero:
    return LoadZero(64);
  case Opcode::V128Load8Lane:
    return LoadLane(8);
  case Opcode::V128Load16Lane:
    return LoadLane(16);
  case Opcode::V128Load32Lane:
    return LoadLane(32);
  case Opcode::V128Load64Lane:
    return LoadLane(64);
  case Opcode::V128Store8Lane:
    return StoreLane(8);
  case Opcode::V128Store16Lane:
    return StoreLane(16);
  case Opcode::V128Store32Lane:
    return StoreLane(32);
  case Opcode::V128Store64Lane:
    return StoreLane(64);
  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
}

} // namespace wasmaot
