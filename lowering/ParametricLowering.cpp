//===- ParametricLowering.cpp - drop, select ------------------------------===//
#include "lowering/FunctionEmitter.h"

using namespace llvm;

namespace wasmaot {

void FunctionEmitter::visitParametric(const Instr &I) {
  if (!isLive())
    return;
  switch (I.Op) {
  case Opcode::Drop:
    keepTrappingLoad(pop());
    return;
  case Opcode::Select:
  case Opcode::SelectT: {
    Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0));
    Value *IfFalse = pop();
    Value *IfTrue = pop();
    push(B.CreateSelect(Cond, IfTrue, IfFalse));
    return;
  }
  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
}

} // namespace wasmaot
