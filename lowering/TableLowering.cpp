//===- TableLowering.cpp - table.get/set/size/grow/fill/copy/init ---------===//
//
// table.get and table.set are inline: a bounds check against the table's
// current size, then the element. A table64 (memory64's 64-bit tables) has
// i64 indices, sizes and lengths; its elements are stored as any table's.
// Elements and Size are reloaded on every access because table.grow (in this or
// another instance sharing the table) may move the array. The rest call the
// runtime helpers.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

#include <cstddef>

using namespace llvm;

namespace wasmaot {

Value *FunctionEmitter::getTableElementAddress(uint32_t Table, Value *Index,
                                               TrapKind Kind,
                                               uint32_t InstrOffset) {
  Value *Instance = getTableInstance(Table);
  Value *Size =
      createLoad(MC.I32, gepByte(Instance, offsetof(TableInstance, Size)),
                 MC.TBAAVMContext, "table.size");
  // A table64's index is compared in 64 bits (the size fits in 32).
  if (Index->getType() == MC.I64)
    Size = B.CreateZExt(Size, MC.I64);
  trapIf(B.CreateICmpUGE(Index, Size), Kind, InstrOffset);
  Value *Elements =
      createLoad(MC.Ptr, gepByte(Instance, offsetof(TableInstance, Elements)),
                 MC.TBAAVMContext, "table.elements");
  return B.CreateInBoundsGEP(MC.Ptr, Elements, B.CreateZExt(Index, MC.I64),
                             "table.elem");
}

void FunctionEmitter::visitTable(const Instr &I) {
  if (!isLive())
    return;
  switch (I.Op) {
  case Opcode::TableGet: {
    Value *Index = pop();
    Value *Addr = getTableElementAddress(
        I.Index, Index, TrapKind::OutOfBoundsTableAccess, I.Offset);
    push(createLoad(MC.Ptr, Addr, MC.TBAATable));
    return;
  }
  case Opcode::TableSet: {
    Value *Ref = pop();
    Value *Index = pop();
    Value *Addr = getTableElementAddress(
        I.Index, Index, TrapKind::OutOfBoundsTableAccess, I.Offset);
    createStore(Ref, Addr, MC.TBAATable);
    return;
  }
  case Opcode::TableSize: {
    Value *Instance = getTableInstance(I.Index);
    Value *Size =
        createLoad(MC.I32, gepByte(Instance, offsetof(TableInstance, Size)),
                   MC.TBAAVMContext, "table.size");
    push(isTable64(I.Index) ? B.CreateZExt(Size, MC.I64) : Size);
    return;
  }
  case Opcode::TableGrow: {
    Value *Delta = widenAddress(pop());
    Value *Init = pop();
    Value *Old =
        B.CreateCall(MC.TableGrowFn, {VMCtx, B.getInt32(I.Index), Init, Delta});
    push(isTable64(I.Index) ? Old : B.CreateTrunc(Old, MC.I32));
    return;
  }
  case Opcode::TableFill: {
    Value *Len = widenAddress(pop());
    Value *Ref = pop();
    Value *Dst = widenAddress(pop());
    trapIfHelperFailed(B.CreateCall(MC.TableFillFn, {VMCtx, B.getInt32(I.Index),
                                                     Dst, Ref, Len}),
                       I.Offset);
    return;
  }
  case Opcode::TableCopy: {
    Value *Len = widenAddress(pop());
    Value *Src = widenAddress(pop());
    Value *Dst = widenAddress(pop());
    trapIfHelperFailed(
        B.CreateCall(MC.TableCopyFn, {VMCtx, B.getInt32(I.Index),
                                      B.getInt32(I.Index2), Dst, Src, Len}),
        I.Offset);
    return;
  }
  case Opcode::TableInit: {
    Value *Len = pop();
    Value *Src = pop();
    Value *Dst = widenAddress(pop());
    trapIfHelperFailed(
        B.CreateCall(MC.TableInitFn, {VMCtx, B.getInt32(I.Index2),
                                      B.getInt32(I.Index), Dst, Src, Len}),
        I.Offset);
    return;
  }
  case Opcode::ElemDrop:
    B.CreateCall(MC.ElemDropFn, {VMCtx, B.getInt32(I.Index)});
    return;
  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
}

} // namespace wasmaot
