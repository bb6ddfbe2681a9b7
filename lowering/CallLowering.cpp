//===- CallLowering.cpp - call and call_indirect --------------------------===//
//
// A call to a defined function is a direct call. Every other call goes
// through a FuncRef, Code(Ctx, args...): imports through vmctx->FuncRefs[i],
// call_indirect through the table element after the checks the spec asks
// for, in its order (bounds, null, signature).
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

#include <cstddef>

using namespace llvm;

namespace wasmaot {

void FunctionEmitter::emitCallResults(Value *Result, const FuncType &T) {
  if (T.Results.size() == 1) {
    push(Result);
    return;
  }
  for (size_t I = 0; I < T.Results.size(); ++I)
    push(B.CreateExtractValue(Result, static_cast<unsigned>(I)));
}

void FunctionEmitter::visitCall(const Instr &I) {
  if (!isLive())
    return;
  switch (I.Op) {
  case Opcode::Call: {
    const FuncType &T = MC.Wasm.getFuncType(I.Index);
    std::vector<Value *> Args = popN(T.Params.size());
    Args.insert(Args.begin(), VMCtx);
    Value *Result;
    if (!MC.Wasm.isImportedFunc(I.Index)) {
      Result = B.CreateCall(MC.Funcs[I.Index], Args);
    } else {
      // Fixed at instantiation: the loads are invariant.
      Value *Ref = getFuncRef(I.Index);
      Value *Code =
          loadInvariantField(Ref, offsetof(FuncRef, Code), MC.Ptr, "callee", B);
      Args[0] = loadInvariantField(Ref, offsetof(FuncRef, Ctx), MC.Ptr,
                                   "callee.ctx", B);
      Result = B.CreateCall(MC.FuncTypes[MC.Wasm.FuncTypeIndices[I.Index]],
                            Code, Args);
    }
    emitCallResults(Result, T);
    return;
  }
  case Opcode::CallIndirect: {
    uint32_t TypeIndex = I.Index, Table = I.Index2;
    const FuncType &T = MC.Wasm.Types[TypeIndex];
    Value *Elem = pop();
    std::vector<Value *> Args = popN(T.Params.size());

    Value *Ref =
        B.CreateLoad(MC.Ptr,
                     getTableElementAddress(
                         Table, Elem, TrapKind::UndefinedElement, I.Offset),
                     "elem");
    cast<LoadInst>(Ref)->setMetadata(LLVMContext::MD_tbaa, MC.TBAATable);
    trapIf(B.CreateICmpEQ(Ref,
                          ConstantPointerNull::get(cast<PointerType>(MC.Ptr))),
           TrapKind::UninitializedElement, I.Offset);
    // A FuncRef never changes once the runtime made it.
    Value *TypeId = loadInvariantField(Ref, offsetof(FuncRef, TypeId), MC.I32,
                                       "elem.typeid", B);
    trapIf(B.CreateICmpNE(TypeId, getTypeId(TypeIndex)),
           TrapKind::IndirectCallTypeMismatch, I.Offset);
    Value *Code =
        loadInvariantField(Ref, offsetof(FuncRef, Code), MC.Ptr, "callee", B);
    Args.insert(Args.begin(), loadInvariantField(Ref, offsetof(FuncRef, Ctx),
                                                 MC.Ptr, "callee.ctx", B));
    emitCallResults(B.CreateCall(MC.FuncTypes[TypeIndex], Code, Args), T);
    return;
  }
  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
}

} // namespace wasmaot
