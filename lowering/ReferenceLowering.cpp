//===- ReferenceLowering.cpp - ref.null, ref.is_null, ref.func ------------===//
//
// A funcref is a FuncRef* and an externref an opaque pointer; null is 0 for
// both. ref.func hands out the runtime's FuncRef for the function, the same
// one a table or an export holds, so references compare equal.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

using namespace llvm;

namespace wasmaot {

void FunctionEmitter::visitReference(const Instr &I) {
  if (!isLive())
    return;
  auto *Null = ConstantPointerNull::get(cast<PointerType>(MC.Ptr));
  switch (I.Op) {
  case Opcode::RefNull:
    push(Null);
    return;
  case Opcode::RefIsNull:
    push(B.CreateZExt(B.CreateICmpEQ(pop(), Null), MC.I32));
    return;
  case Opcode::RefFunc:
    push(getFuncRef(I.Index));
    return;
  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
}

} // namespace wasmaot
