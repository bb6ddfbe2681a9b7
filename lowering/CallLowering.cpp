//===- CallLowering.cpp - call, call_indirect and their tail forms -------===//
//
// A call to a defined function is a direct call. Every other call goes
// through a FuncRef, Code(Ctx, args...): imports through vmctx->FuncRefs[i],
// call_indirect through the table element after the checks the spec asks
// for, in its order (bounds, null, signature). return_call and
// return_call_indirect make the same call and return its results.
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
  bool Tail = I.Op == Opcode::ReturnCall || I.Op == Opcode::ReturnCallIndirect;
  const FuncType *T;
  CallBase *Call;
  switch (I.Op) {
  case Opcode::Call:
  case Opcode::ReturnCall:
    T = &MC.Wasm.getFuncType(I.Index);
    Call = emitDirectCall(I.Index, popN(T->Params.size()), Tail);
    break;
  case Opcode::CallIndirect:
  case Opcode::ReturnCallIndirect:
    T = &MC.Wasm.Types[I.Index];
    Call = emitIndirectCall(I, Tail);
    break;
  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
  if (!Tail) {
    emitCallResults(Call, *T);
    return;
  }
  emitTailReturn(cast<CallInst>(Call));
  markUnreachable();
}

CallBase *FunctionEmitter::createWasmCall(FunctionType *Ty, Value *Callee,
                                          ArrayRef<Value *> Args, bool Tail) {
  ControlFrame *Handler = Tail ? nullptr : getCurrentHandler();
  if (!Handler)
    return B.CreateCall(Ty, Callee, Args);
  BasicBlock *Normal = createBlock("invoke.cont");
  InvokeInst *Invoke =
      B.CreateInvoke(Ty, Callee, Normal, getLandingPad(*Handler), Args);
  enterBlock(Normal);
  return Invoke;
}

CallBase *FunctionEmitter::emitDirectCall(uint32_t FuncIndex,
                                          std::vector<Value *> Args,
                                          bool Tail) {
  Args.insert(Args.begin(), VMCtx);
  if (!MC.Wasm.isImportedFunc(FuncIndex))
    return createWasmCall(MC.Funcs[FuncIndex]->getFunctionType(),
                          MC.Funcs[FuncIndex], Args, Tail);
  // Fixed at instantiation: the loads are invariant.
  Value *Ref = getFuncRef(FuncIndex);
  Value *Code =
      loadInvariantField(Ref, offsetof(FuncRef, Code), MC.Ptr, "callee", B);
  Args[0] =
      loadInvariantField(Ref, offsetof(FuncRef, Ctx), MC.Ptr, "callee.ctx", B);
  return createWasmCall(MC.FuncTypes[MC.Wasm.FuncTypeIndices[FuncIndex]], Code,
                        Args, Tail);
}

CallBase *FunctionEmitter::emitIndirectCall(const Instr &I, bool Tail) {
  uint32_t TypeIndex = I.Index, Table = I.Index2;
  const FuncType &T = MC.Wasm.Types[TypeIndex];
  Value *Elem = pop();
  std::vector<Value *> Args = popN(T.Params.size());

  Value *Ref = B.CreateLoad(
      MC.Ptr,
      getTableElementAddress(Table, Elem, TrapKind::UndefinedElement, I.Offset),
      "elem");
  cast<LoadInst>(Ref)->setMetadata(LLVMContext::MD_tbaa, MC.TBAATable);
  trapIf(
      B.CreateICmpEQ(Ref, ConstantPointerNull::get(cast<PointerType>(MC.Ptr))),
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
  return createWasmCall(MC.FuncTypes[TypeIndex], Code, Args, Tail);
}

/// return_call and return_call_indirect: the call's results are this
/// function's. When the callee's native signature is this function's, the
/// call is `musttail` (constant stack, as the spec wants: mutual recursion of
/// a million tail calls); else, with other parameters, it is a call then a
/// return (Wasm code and host functions share the C convention, which can
/// only tail-call a callee of the same signature).
void FunctionEmitter::emitTailReturn(CallInst *Call) {
  if (Call->getFunctionType() == F->getFunctionType()) {
    Call->setTailCallKind(CallInst::TCK_MustTail);
    HasMustTailCalls = true;
  }
  if (F->getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Call);
}

} // namespace wasmaot
