//===- CallLowering.cpp - call, call_indirect and their tail forms -------===//
//
// A call to a defined function is a direct call. Every other call goes
// through a FuncRef, Code(Ctx, args...): imports through vmctx->FuncRefs[i],
// call_indirect through the table element after the checks the spec asks
// for, in its order (bounds, null, signature). return_call and
// return_call_indirect are real tail calls (docs/design.md, Tail calls).
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
  FunctionType *Ty;
  Value *Ref = nullptr; // the callee's FuncRef, unless a defined function
  std::vector<Value *> Args;
  switch (I.Op) {
  case Opcode::Call:
  case Opcode::ReturnCall:
    T = &MC.Wasm.getFuncType(I.Index);
    Ty = MC.FuncTypes[MC.Wasm.FuncTypeIndices[I.Index]];
    Args = popN(T->Params.size());
    if (MC.Wasm.isImportedFunc(I.Index))
      Ref = getFuncRef(I.Index);
    break;
  case Opcode::CallIndirect:
  case Opcode::ReturnCallIndirect: {
    T = &MC.Wasm.Types[I.Index];
    Ty = MC.FuncTypes[I.Index];
    Value *Elem = pop();
    Args = popN(T->Params.size());
    Ref = getCheckedTableFuncRef(I, Elem);
    break;
  }
  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
  if (Tail) {
    MC.MakesTailCalls = true;
    if (Ref)
      emitFuncRefTailCall(Ref, Ty, std::move(Args));
    else
      emitDirectTailCall(I.Index, std::move(Args));
    markUnreachable();
    return;
  }
  CallBase *Call = Ref ? emitFuncRefCall(Ref, Ty, std::move(Args))
                       : emitDirectCall(I.Index, std::move(Args));
  emitCallResults(Call, *T);
}

CallBase *FunctionEmitter::createWasmCall(FunctionType *Ty, Value *Callee,
                                          ArrayRef<Value *> Args) {
  ControlFrame *Handler = getCurrentHandler();
  if (!Handler)
    return B.CreateCall(Ty, Callee, Args);
  BasicBlock *Normal = createBlock("invoke.cont");
  InvokeInst *Invoke =
      B.CreateInvoke(Ty, Callee, Normal, getLandingPad(*Handler), Args);
  enterBlock(Normal);
  return Invoke;
}

CallBase *FunctionEmitter::emitDirectCall(uint32_t FuncIndex,
                                          std::vector<Value *> Args) {
  Args.insert(Args.begin(), VMCtx);
  Function *Callee = MC.Funcs[FuncIndex];
  return createWasmCall(Callee->getFunctionType(), Callee, Args);
}

CallBase *FunctionEmitter::emitFuncRefCall(Value *Ref, FunctionType *Ty,
                                           std::vector<Value *> Args) {
  // Fixed when the runtime made the FuncRef: the loads are invariant.
  Value *Code =
      loadInvariantField(Ref, offsetof(FuncRef, Code), MC.Ptr, "callee", B);
  Args.insert(Args.begin(), loadInvariantField(Ref, offsetof(FuncRef, Ctx),
                                               MC.Ptr, "callee.ctx", B));
  return createWasmCall(Ty, Code, Args);
}

Value *FunctionEmitter::getCheckedTableFuncRef(const Instr &I, Value *Elem) {
  uint32_t TypeIndex = I.Index, Table = I.Index2;
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
  return Ref;
}

/// return_call to a defined function: a musttail call of its `tailcc` body
/// (the whole module uses tailcc once it makes a tail call, see
/// adoptTailCallConvention), a jump whatever the two signatures. A tail call
/// is never an invoke: the caller's handlers are gone with its frame.
void FunctionEmitter::emitDirectTailCall(uint32_t FuncIndex,
                                         std::vector<Value *> Args) {
  Args.insert(Args.begin(), VMCtx);
  Function *Callee = MC.Funcs[FuncIndex];
  CallInst *Call = B.CreateCall(Callee->getFunctionType(), Callee, Args);
  Call->setCallingConv(CallingConv::Tail);
  emitMustTailReturn(Call);
}

/// return_call to an import and return_call_indirect: a jump to the callee's
/// `tailcc` entry when it has one (a function of a module that makes tail
/// calls); else the callee is C-convention code (a host function, or a
/// module without tail calls), which makes no tail calls itself, so a call
/// and a return cannot make a cycle of tail calls grow the stack.
void FunctionEmitter::emitFuncRefTailCall(Value *Ref, FunctionType *Ty,
                                          std::vector<Value *> Args) {
  Args.insert(Args.begin(), loadInvariantField(Ref, offsetof(FuncRef, Ctx),
                                               MC.Ptr, "callee.ctx", B));
  Value *TailCode = loadInvariantField(Ref, offsetof(FuncRef, TailCode), MC.Ptr,
                                       "callee.tail", B);
  BasicBlock *ToTail = createBlock("tailcall.jump");
  BasicBlock *ToC = createBlock("tailcall.c");
  B.CreateCondBr(B.CreateIsNotNull(TailCode), ToTail, ToC);

  enterBlock(ToTail);
  CallInst *Jump = B.CreateCall(Ty, TailCode, Args);
  Jump->setCallingConv(CallingConv::Tail);
  emitMustTailReturn(Jump);

  enterBlock(ToC);
  Value *Code =
      loadInvariantField(Ref, offsetof(FuncRef, Code), MC.Ptr, "callee", B);
  emitReturnOf(B.CreateCall(Ty, Code, Args));
}

void FunctionEmitter::emitMustTailReturn(CallInst *Call) {
  Call->setTailCallKind(CallInst::TCK_MustTail);
  HasMustTailCalls = true;
  emitReturnOf(Call);
}

void FunctionEmitter::emitReturnOf(CallInst *Call) {
  if (F->getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Call);
}

} // namespace wasmaot
