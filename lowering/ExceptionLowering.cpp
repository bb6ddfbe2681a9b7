//===- ExceptionLowering.cpp - try, catch, delegate, throw, rethrow -------===//
//
// A Wasm exception is a WasmException (runtime heap object). Inside one
// function it moves by branches: each try body has a dispatch block that
// receives the exception (a phi) and tests its tag against each catch clause
// in turn; what no clause takes goes on to the dispatch of the enclosing try
// body, the delegate's target, or out of the function. Between functions it
// moves by the C++ unwinder: a call inside a try body is an invoke whose
// landing pad (one per try) catches the C++ exception that carries the
// WasmException and sends that to the dispatch; wasmaot_exception_throw
// raises one when no try of this function is around the throw. So a throw
// caught in its own function costs no unwinding, and code without try costs
// nothing at all: its calls stay calls.
//
// The handler of code at a point is the innermost enclosing try that is
// still in its body (code inside a catch handler belongs to the try around
// that try). `delegate L` sends what its body throws to the handler of the
// code directly inside label L.
//
// A caught exception is freed when its handler starts, once its values are
// loaded, unless a rethrow names the handler: then it lives to the end of
// the handler (freed where the handler falls through to the end of the try;
// a branch out of such a handler leaks it). rethrow throws a copy, so that
// every handler owns the exception it frees.
//
// The exnref form (try_table, throw_ref) fits the same scheme: an exnref is
// a WasmException pointer, try_table's catch clauses the same tag tests at a
// dispatch block; it then needs the exception kept alive while referenced.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

#include <cstddef>

using namespace llvm;

namespace wasmaot {

namespace {
constexpr uint64_t ExceptionValueSize = sizeof(GlobalCell);

uint64_t getExceptionValueOffset(size_t I) {
  return offsetof(WasmException, Values) + I * ExceptionValueSize;
}
} // namespace

FunctionEmitter::ControlFrame *FunctionEmitter::getHandlerFrame(size_t Index) {
  for (size_t K = Index + 1; K-- > 0;)
    if (Control[K].K == ControlFrame::Kind::Try)
      return &Control[K];
  return nullptr;
}

void FunctionEmitter::throwTo(Value *E, ControlFrame *Handler) {
  if (Handler) {
    Handler->DispatchExn->addIncoming(E, B.GetInsertBlock());
    B.CreateBr(Handler->Dispatch);
    return;
  }
  B.CreateCall(MC.ExceptionThrowFn, {E})->setDoesNotReturn();
  B.CreateUnreachable();
}

BasicBlock *FunctionEmitter::getLandingPad(ControlFrame &Handler) {
  if (Handler.LandingPad)
    return Handler.LandingPad;
  F->setPersonalityFn(MC.getPersonality());
  BasicBlock *Pad = createBlock("try.lpad");
  Pad->insertInto(F);
  IRBuilder<> PB(Pad);
  LandingPadInst *LP =
      PB.CreateLandingPad(StructType::get(MC.Ptr, MC.I32), 1, "lpad");
  LP->addClause(MC.getExceptionTypeInfo());
  Value *E = PB.CreateCall(MC.ExceptionCatchFn, {PB.CreateExtractValue(LP, 0)},
                           "caught");
  PB.CreateBr(Handler.Dispatch);
  Handler.DispatchExn->addIncoming(E, Pad);
  Handler.LandingPad = Pad;
  return Pad;
}

void FunctionEmitter::emitTry(const Instr &I) {
  std::vector<ValType> Params, Results;
  getBlockSignature(I.Block, Params, Results);
  pushFrame(ControlFrame::Kind::Try, I.Block, popN(Params.size()));
  ControlFrame &Frame = Control.back();
  Frame.Dispatch = createBlock("try.dispatch");
  Frame.DispatchExn = PHINode::Create(MC.Ptr, 2, "exn", Frame.Dispatch);
  Frame.NextTest = Frame.Dispatch;
}

void FunctionEmitter::endHandler(ControlFrame &Frame) {
  if (Frame.K == ControlFrame::Kind::Catch && Frame.Rethrown)
    B.CreateCall(MC.ExceptionFreeFn, {Frame.Caught});
}

void FunctionEmitter::emitCatch(const Instr &I) {
  ControlFrame &Frame = Control.back();
  // The body, or the previous handler, falls through to the end of the try.
  if (!Unreachable) {
    endHandler(Frame);
    addIncoming(Frame.ResultPhis, B.GetInsertBlock());
    B.CreateBr(Frame.End);
  }
  Stack.resize(Frame.Height);
  DeadDepth = 0;

  Value *E = Frame.DispatchExn;
  BasicBlock *Handler =
      createBlock(I.Op == Opcode::Catch ? "catch" : "catch_all");
  enterBlock(Frame.NextTest);
  if (I.Op == Opcode::Catch) {
    Value *Tag = createLoad(MC.Ptr, gepByte(E, offsetof(WasmException, Tag)),
                            MC.TBAAVMContext, "exn.tag");
    BasicBlock *Next = createBlock("catch.next");
    B.CreateCondBr(B.CreateICmpEQ(Tag, getTag(I.Index), "is.tag"), Handler,
                   Next);
    Frame.NextTest = Next;
  } else {
    B.CreateBr(Handler);
    Frame.NextTest = nullptr;
  }

  enterBlock(Handler);
  if (I.Op == Opcode::Catch) {
    const FuncType &T = MC.Wasm.Types[MC.Wasm.TagTypeIndices[I.Index]];
    for (size_t K = 0; K < T.Params.size(); ++K)
      push(B.CreateAlignedLoad(MC.getType(T.Params[K]),
                               gepByte(E, getExceptionValueOffset(K)), Align(8),
                               "exn.value"));
  }
  Frame.K = ControlFrame::Kind::Catch;
  Frame.Caught = E;
  Frame.Rethrown = false;
  Frame.EarlyFree = B.CreateCall(MC.ExceptionFreeFn, {E});
}

void FunctionEmitter::emitTryEnd(const Instr &I) {
  ControlFrame &Frame = Control.back();
  // Where what no clause caught goes: the handler outside this try, or the
  // one of the code directly inside delegate's label (counted from outside
  // the try).
  size_t Outside = Control.size() - 2;
  if (I.Op == Opcode::Delegate)
    Outside -= I.Index;
  ControlFrame *Next = getHandlerFrame(Outside);
  if (!Unreachable)
    endHandler(Frame);
  if (Frame.NextTest) {
    // Emitted aside: the code before `end` continues where it was, dead or
    // alive.
    bool WasUnreachable = Unreachable;
    IRBuilder<>::InsertPointGuard Guard(B);
    enterBlock(Frame.NextTest);
    throwTo(Frame.DispatchExn, Next);
    Unreachable = WasUnreachable;
  }
  emitEnd();
}

void FunctionEmitter::emitThrow(const Instr &I) {
  const FuncType &T = MC.Wasm.Types[MC.Wasm.TagTypeIndices[I.Index]];
  std::vector<Value *> Values = popN(T.Params.size());
  Value *E = B.CreateCall(
      MC.ExceptionNewFn,
      {VMCtx, B.getInt32(I.Index), B.getInt32(FuncIndex), B.getInt32(I.Offset)},
      "exn");
  for (size_t K = 0; K < Values.size(); ++K)
    B.CreateAlignedStore(Values[K], gepByte(E, getExceptionValueOffset(K)),
                         Align(8));
  throwTo(E, getCurrentHandler());
  markUnreachable();
}

void FunctionEmitter::emitRethrow(const Instr &I) {
  ControlFrame &Target = getFrame(I.Index);
  if (Target.EarlyFree) {
    Target.EarlyFree->eraseFromParent();
    Target.EarlyFree = nullptr;
  }
  Target.Rethrown = true;
  Value *Copy = B.CreateCall(MC.ExceptionCopyFn, {Target.Caught}, "rethrown");
  throwTo(Copy, getCurrentHandler());
  markUnreachable();
}

} // namespace wasmaot
