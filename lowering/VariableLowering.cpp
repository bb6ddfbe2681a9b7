//===- VariableLowering.cpp - locals and globals --------------------------===//
//
// Locals are allocas that SROA turns into SSA values. A defined global is a
// 16-byte cell at a constant offset from the vmctx; an imported one is reached
// through vmctx->ImportedGlobals. Immutable globals are set before any code
// runs, so their loads are invariant and hoist freely.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

using namespace llvm;

namespace wasmaot {

void FunctionEmitter::visitVariable(const Instr &I) {
  if (!isLive())
    return;
  switch (I.Op) {
  case Opcode::LocalGet:
    push(B.CreateLoad(MC.getType(LocalTypes[I.Index]), Locals[I.Index]));
    return;
  case Opcode::LocalSet:
    B.CreateStore(pop(), Locals[I.Index]);
    return;
  case Opcode::LocalTee:
    B.CreateStore(Stack.back(), Locals[I.Index]);
    return;
  case Opcode::GlobalGet: {
    const GlobalType &GT = MC.Wasm.GlobalTypes[I.Index];
    LoadInst *L = createLoad(MC.getType(GT.Type), getGlobalCell(I.Index),
                             MC.TBAAVMContext, "global" + Twine(I.Index));
    if (!GT.Mutable)
      L->setMetadata(LLVMContext::MD_invariant_load, MC.EmptyNode);
    push(L);
    return;
  }
  case Opcode::GlobalSet:
    createStore(pop(), getGlobalCell(I.Index), MC.TBAAVMContext);
    return;
  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
}

} // namespace wasmaot
