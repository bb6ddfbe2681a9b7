//===- FunctionEmitter.cpp - Stack, frames, traps and vmctx access --------===//
#include "lowering/FunctionEmitter.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <cstddef>

using namespace llvm;

namespace wasmaot {

//===----------------------------------------------------------------------===//
// ModuleContext
//===----------------------------------------------------------------------===//

ModuleContext::ModuleContext(const Module &Wasm, llvm::Module &LM,
                             const LoweringOptions &Opts)
    : Wasm(Wasm), LM(LM), Ctx(LM.getContext()), Opts(Opts),
      Layout(VMContextLayout::compute(static_cast<uint32_t>(
          Wasm.GlobalTypes.size() - Wasm.NumImportedGlobals))) {
  I8 = Type::getInt8Ty(Ctx);
  I32 = Type::getInt32Ty(Ctx);
  I64 = Type::getInt64Ty(Ctx);
  F32 = Type::getFloatTy(Ctx);
  F64 = Type::getDoubleTy(Ctx);
  V128 = FixedVectorType::get(I64, 2);
  Ptr = PointerType::get(Ctx, 0);
  Void = Type::getVoidTy(Ctx);

  for (const FuncType &T : Wasm.Types)
    FuncTypes.push_back(getFunctionType(T));

  // Declared before any Wasm function gets a name, so that a Wasm function
  // called "wasmaot_trap" is renamed rather than taking the helper's symbol.
  // Never returns, but only the call sites say so: the stack check's call
  // is left returning, so that its block does not end the function's frame
  // (see emitStackCheck).
  TrapFn = declareHelper("wasmaot_trap", Void, {Ptr, I32, I32, I32});
  TrapFn->addFnAttr(Attribute::Cold);
  MemoryGrowFn = declareHelper("wasmaot_memory_grow", I64, {Ptr, I32, I64});
  MemoryFillFn =
      declareHelper("wasmaot_memory_fill", I32, {Ptr, I32, I64, I32, I64});
  MemoryCopyFn =
      declareHelper("wasmaot_memory_copy", I32, {Ptr, I32, I32, I64, I64, I64});
  MemoryInitFn =
      declareHelper("wasmaot_memory_init", I32, {Ptr, I32, I32, I64, I32, I32});
  AtomicWait32Fn =
      declareHelper("wasmaot_atomic_wait32", I32, {Ptr, Ptr, I32, I64});
  AtomicWait64Fn =
      declareHelper("wasmaot_atomic_wait64", I32, {Ptr, Ptr, I64, I64});
  AtomicNotifyFn = declareHelper("wasmaot_atomic_notify", I32, {Ptr, Ptr, I32});
  ExceptionNewFn =
      declareHelper("wasmaot_exception_new", Ptr, {Ptr, I32, I32, I32});
  ExceptionThrowFn = declareHelper("wasmaot_exception_throw", Void, {Ptr});
  ExceptionThrowFn->removeFnAttr(Attribute::NoUnwind); // what it is for
  ExceptionThrowFn->setDoesNotReturn();
  ExceptionCatchFn = declareHelper("wasmaot_exception_catch", Ptr, {Ptr});
  ExceptionCopyFn = declareHelper("wasmaot_exception_copy", Ptr, {Ptr});
  ExceptionFreeFn = declareHelper("wasmaot_exception_free", Void, {Ptr});
  ExceptionUncaughtFn =
      declareHelper("wasmaot_exception_uncaught", Void, {Ptr});
  ExceptionUncaughtFn->setDoesNotReturn();

  // Another instance's function may throw; WASI's never do.
  MayUnwind = !Wasm.TagTypeIndices.empty();
  for (const Import &Imp : Wasm.Imports)
    if (Imp.Kind == ExternKind::Func &&
        Imp.Module != "wasi_snapshot_preview1" && Imp.Module != "wasi")
      MayUnwind = true;
  DataDropFn = declareHelper("wasmaot_data_drop", Void, {Ptr, I32});
  TableGrowFn = declareHelper("wasmaot_table_grow", I64, {Ptr, I32, Ptr, I64});
  TableFillFn =
      declareHelper("wasmaot_table_fill", I32, {Ptr, I32, I64, Ptr, I64});
  TableCopyFn =
      declareHelper("wasmaot_table_copy", I32, {Ptr, I32, I32, I64, I64, I64});
  TableInitFn =
      declareHelper("wasmaot_table_init", I32, {Ptr, I32, I32, I64, I32, I32});
  ElemDropFn = declareHelper("wasmaot_elem_drop", Void, {Ptr, I32});

  MDBuilder MDB(Ctx);
  MDNode *Root = MDB.createTBAARoot("wasmaot");
  auto Tag = [&](StringRef Name) {
    MDNode *Scalar = MDB.createTBAAScalarTypeNode(Name, Root);
    return MDB.createTBAAStructTagNode(Scalar, Scalar, 0);
  };
  TBAAMemory = Tag("wasm-memory");
  TBAAVMContext = Tag("vmctx");
  TBAATable = Tag("wasm-table");
  EmptyNode = MDNode::get(Ctx, {});
  UnlikelyWeights = MDB.createUnlikelyBranchWeights();
}

Constant *ModuleContext::getExceptionTypeInfo() {
  return LM.getOrInsertGlobal(ExceptionTypeInfoSymbol, Ptr);
}

Function *ModuleContext::getPersonality() {
  FunctionCallee P = LM.getOrInsertFunction("__gxx_personality_v0",
                                            FunctionType::get(I32, {}, true));
  return cast<Function>(P.getCallee());
}

Function *ModuleContext::declareHelper(const char *Name, Type *Ret,
                                       std::initializer_list<Type *> Params) {
  auto *FT = FunctionType::get(Ret, SmallVector<Type *>(Params), false);
  Function *Fn = Function::Create(FT, GlobalValue::ExternalLinkage, Name, LM);
  Fn->setDoesNotThrow();
  return Fn;
}

Type *ModuleContext::getType(ValType T) const {
  switch (T) {
  case ValType::I32:
    return I32;
  case ValType::I64:
    return I64;
  case ValType::F32:
    return F32;
  case ValType::F64:
    return F64;
  case ValType::V128:
    return V128;
  case ValType::FuncRef:
  case ValType::ExternRef:
    return Ptr;
  }
  llvm_unreachable("unknown value type");
}

Type *ModuleContext::getResultType(std::span<const ValType> Results) const {
  if (Results.empty())
    return Void;
  if (Results.size() == 1)
    return getType(Results[0]);
  SmallVector<Type *> Elements;
  for (ValType T : Results)
    Elements.push_back(getType(T));
  return StructType::get(Ctx, Elements);
}

FunctionType *ModuleContext::getFunctionType(const FuncType &T) const {
  SmallVector<Type *> Params{Ptr};
  for (ValType P : T.Params)
    Params.push_back(getType(P));
  return FunctionType::get(getResultType(T.Results), Params, false);
}

//===----------------------------------------------------------------------===//
// FunctionEmitter: set-up and tear-down
//===----------------------------------------------------------------------===//

FunctionEmitter::FunctionEmitter(ModuleContext &MC)
    : MC(MC), B(MC.Ctx), EntryB(MC.Ctx) {}

void FunctionEmitter::beginFunction(uint32_t Index,
                                    std::span<const ValType> LocalDecls) {
  FuncIndex = Index;
  F = MC.Funcs[Index];
  Type = &MC.Wasm.getFuncType(Index);

  BasicBlock *Entry = BasicBlock::Create(MC.Ctx, "entry", F);
  B.SetInsertPoint(Entry);
  VMCtx = F->getArg(0);
  VMCtx->setName("vmctx");

  // Locals live in allocas that SROA/mem2reg turn into SSA values; that is
  // simpler and no slower than building SSA here.
  auto AddLocal = [&](ValType T, Value *Init, const Twine &Name) {
    AllocaInst *A = B.CreateAlloca(MC.getType(T), nullptr, Name);
    B.CreateStore(Init, A);
    Locals.push_back(A);
    LocalTypes.push_back(T);
  };
  for (size_t I = 0; I < Type->Params.size(); ++I) {
    Argument *Arg = F->getArg(static_cast<unsigned>(I + 1));
    Arg->setName("p" + Twine(I));
    AddLocal(Type->Params[I], Arg, "local" + Twine(I));
  }
  for (ValType T : LocalDecls)
    AddLocal(T, Constant::getNullValue(MC.getType(T)),
             "local" + Twine(Locals.size()));

  // The once-per-function loads go before the entry block's branch, where
  // they dominate the whole body. The stack check is placed by endFunction,
  // once the calls are known. (The body's first block keeps the name it had
  // when it continued after a check in the prologue; lit tests match it.)
  BasicBlock *Body = createBlock("cont");
  B.CreateBr(Body);
  EntryB.SetInsertPoint(Entry->getTerminator());
  enterBlock(Body);

  ControlFrame Frame;
  Frame.K = ControlFrame::Kind::Function;
  Frame.Results = Type->Results;
  Frame.Height = 0;
  Frame.End = createBlock("return");
  for (ValType T : Frame.Results)
    Frame.ResultPhis.push_back(
        PHINode::Create(MC.getType(T), 2, "ret", Frame.End));
  Control.push_back(std::move(Frame));
}

void FunctionEmitter::endFunction() {
  if (Failed)
    return;
  for (auto &[Kind, TB] : TrapBlocks)
    TB.BB->insertInto(F);
  if (HelperTrap.BB)
    HelperTrap.BB->insertInto(F);
  emitStackCheck();
  if (HasMustTailCalls)
    allowMustTailCalls();
}

void FunctionEmitter::allowMustTailCalls() {
  // "disable-tail-calls" (lowerModule) would refuse them; its purpose, that
  // an ordinary recursive call stays a call, is kept by `notail` instead.
  F->removeFnAttr("disable-tail-calls");
  for (BasicBlock &BB : *F)
    for (Instruction &I : BB)
      if (auto *Call = dyn_cast<CallInst>(&I);
          Call && !Call->isMustTailCall() && !isa<IntrinsicInst>(Call))
        Call->setTailCallKind(CallInst::TCK_NoTail);
}

/// Calls that can make the stack grow past this function's frame: Wasm
/// functions, host functions and the runtime helpers (host code too). Not the
/// trap, which unwinds, nor intrinsics and inline asm.
static bool growsStack(const Instruction &I, const Function *TrapFn) {
  const auto *Call = dyn_cast<CallBase>(&I);
  if (!Call || isa<IntrinsicInst>(Call) || Call->isInlineAsm())
    return false;
  return Call->getCalledFunction() != TrapFn;
}

void FunctionEmitter::emitStackCheck() {
  // The check only has to come before the calls: code without calls uses
  // nothing but its own frame. So it goes in the nearest block that
  // dominates every call, moved out of loops, and a function without calls
  // (or the paths of one that reach none, like the base case of a
  // recursion) runs no check at all. Its caller checked its own entry stack
  // pointer before calling, so below the limit there are at most the
  // caller's frame and this one, well inside the headroom (larger frames are
  // probed, see lowerModule).
  DominatorTree DT(*F);
  BasicBlock *Where = nullptr;
  for (BasicBlock &BB : *F) {
    if (!DT.isReachableFromEntry(&BB))
      continue;
    for (Instruction &I : BB)
      if (growsStack(I, MC.TrapFn)) {
        Where = Where ? DT.findNearestCommonDominator(Where, &BB) : &BB;
        break;
      }
  }
  if (!Where)
    return;
  LoopInfo LI(DT);
  if (Loop *L = LI.getLoopFor(Where)) {
    L = L->getOutermostLoop();
    // Wasm control flow is structured: the header's immediate dominator
    // lies outside the loop (and is not the entry block, which only ever
    // branches to the body's first block).
    Where = DT.getNode(L->getHeader())->getIDom()->getBlock();
  }
  // At the top of the block: nothing before it there makes a call.
  Instruction *Before = &*Where->getFirstInsertionPt();

  // The entry stack pointer (the address of the return address) stands for
  // the stack pointer: it needs no frame, and as it is the same value in the
  // whole function (memory(none)), an inlined callee's check is the caller's
  // and folds away.
  IRBuilder<> CheckB(Before);
  Value *SP = CheckB.CreateIntrinsic(Triple(MC.Opts.Triple).isAArch64()
                                         ? Intrinsic::sponentry
                                         : Intrinsic::addressofreturnaddress,
                                     {MC.Ptr}, {}, nullptr, "stack.pointer");
  Value *LimitAddr = CheckB.CreateConstInBoundsGEP1_64(
      MC.I8, VMCtx, offsetof(VMContext, StackLimit), "stack.limit.addr");
  LoadInst *Limit = CheckB.CreateLoad(MC.Ptr, LimitAddr, "stack.limit");
  Limit->setMetadata(LLVMContext::MD_tbaa, MC.TBAAVMContext);
  // StackLimit is set when the runtime enters Wasm code and stays fixed
  // while any Wasm function of this entry runs.
  Limit->setMetadata(LLVMContext::MD_invariant_load, MC.EmptyNode);
  Value *Exhausted = CheckB.CreateICmpULT(SP, Limit, "stack.exhausted");
  BasicBlock *Cont = Where->splitBasicBlock(Before, "stack.ok");
  // The trap call is not marked noreturn and is followed by a return: a
  // block that ends the function without returning would stop the code
  // generator from shrink-wrapping, which keeps the register saves off the
  // paths that make no call.
  BasicBlock *TrapBB = BasicBlock::Create(MC.Ctx, "stack.trap", F);
  IRBuilder<> TrapB(TrapBB);
  TrapB.CreateCall(
      MC.TrapFn,
      {VMCtx,
       TrapB.getInt32(static_cast<uint32_t>(TrapKind::CallStackExhausted)),
       TrapB.getInt32(FuncIndex),
       TrapB.getInt32(
           MC.Wasm.Bodies[FuncIndex - MC.Wasm.NumImportedFuncs].Offset)});
  if (F->getReturnType()->isVoidTy())
    TrapB.CreateRetVoid();
  else
    TrapB.CreateRet(PoisonValue::get(F->getReturnType()));
  Where->getTerminator()->eraseFromParent();
  BranchInst::Create(TrapBB, Cont, Exhausted, Where)
      ->setMetadata(LLVMContext::MD_prof, MC.UnlikelyWeights);
}

void FunctionEmitter::fail(const Instr &I, std::string Message) {
  if (Failed)
    return;
  Failed = true;
  Error.Offset = I.Offset;
  Error.Message = std::move(Message) + " (function " +
                  std::to_string(FuncIndex) + " \"" +
                  MC.Wasm.getFuncName(FuncIndex) + "\")";
  Error.Malformed = false;
}

Value *FunctionEmitter::pop() {
  assert(!Stack.empty() && "the validator let an underflow through");
  Value *V = Stack.back();
  Stack.pop_back();
  return V;
}

std::vector<Value *> FunctionEmitter::popN(size_t N) {
  assert(Stack.size() >= N && "the validator let an underflow through");
  std::vector<Value *> Values(Stack.end() - N, Stack.end());
  Stack.resize(Stack.size() - N);
  return Values;
}

void FunctionEmitter::getBlockSignature(const BlockType &BT,
                                        std::vector<ValType> &Params,
                                        std::vector<ValType> &Results) const {
  Params.clear();
  Results.clear();
  switch (BT.K) {
  case BlockType::Kind::Empty:
    break;
  case BlockType::Kind::Value:
    Results.push_back(BT.Type);
    break;
  case BlockType::Kind::TypeIndex:
    Params = MC.Wasm.Types[BT.Index].Params;
    Results = MC.Wasm.Types[BT.Index].Results;
    break;
  }
}

BasicBlock *FunctionEmitter::createBlock(const Twine &Name) {
  return BasicBlock::Create(MC.Ctx, Name);
}

void FunctionEmitter::enterBlock(BasicBlock *BB) {
  if (!BB->getParent())
    BB->insertInto(F);
  B.SetInsertPoint(BB);
  Unreachable = false;
}

//===----------------------------------------------------------------------===//
// vmctx access
//===----------------------------------------------------------------------===//

Value *FunctionEmitter::gepByte(Value *P, uint64_t Offset, const Twine &Name) {
  if (Offset == 0)
    return P;
  return B.CreateConstInBoundsGEP1_64(MC.I8, P, Offset, Name);
}

LoadInst *FunctionEmitter::createLoad(llvm::Type *Ty, Value *P, MDNode *TBAA,
                                      const Twine &Name) {
  LoadInst *L = B.CreateLoad(Ty, P, Name);
  L->setMetadata(LLVMContext::MD_tbaa, TBAA);
  return L;
}

StoreInst *FunctionEmitter::createStore(Value *V, Value *P, MDNode *TBAA) {
  StoreInst *S = B.CreateStore(V, P);
  S->setMetadata(LLVMContext::MD_tbaa, TBAA);
  return S;
}

Value *FunctionEmitter::loadInvariantField(Value *Base, uint64_t Offset,
                                           llvm::Type *Ty, const Twine &Name,
                                           IRBuilder<> &Builder) {
  Value *Addr = Offset == 0 ? Base
                            : Builder.CreateConstInBoundsGEP1_64(
                                  MC.I8, Base, Offset, Name + ".addr");
  LoadInst *L = Builder.CreateLoad(Ty, Addr, Name);
  L->setMetadata(LLVMContext::MD_tbaa, MC.TBAAVMContext);
  L->setMetadata(LLVMContext::MD_invariant_load, MC.EmptyNode);
  return L;
}

Value *FunctionEmitter::getVMContextField(uint64_t Offset, const Twine &Name) {
  Value *&V = VMContextFields[Offset];
  if (!V)
    V = loadInvariantField(VMCtx, Offset, MC.Ptr, Name, EntryB);
  return V;
}

Value *FunctionEmitter::getMemoryBase(uint32_t Memory) {
  // The base never moves (the whole maximum is reserved up front), so one
  // invariant load serves the whole function, calls to memory.grow included.
  // Memory 0's is a header field: the common case costs one load.
  if (Memory == 0)
    return getVMContextField(offsetof(VMContext, MemoryBase), "membase");
  Value *&V = MemoryBases[Memory];
  if (!V)
    V = loadInvariantField(getMemoryInstance(Memory),
                           offsetof(MemoryInstance, Base), MC.Ptr,
                           "membase" + Twine(Memory), EntryB);
  return V;
}

Value *FunctionEmitter::getMemoryInstance(uint32_t Memory) {
  if (Memory == 0)
    return getVMContextField(offsetof(VMContext, Memory), "meminst");
  return getArrayEntry(MemoryInstances, offsetof(VMContext, Memories),
                       "memories", Memory, MC.Ptr, "meminst");
}

Value *FunctionEmitter::getArrayEntry(std::map<uint32_t, Value *> &Cache,
                                      uint64_t ArrayField,
                                      const char *ArrayName, uint32_t Index,
                                      llvm::Type *EntryTy,
                                      const char *EntryName) {
  Value *&V = Cache[Index];
  if (!V) {
    Value *Array = getVMContextField(ArrayField, ArrayName);
    uint64_t EntrySize = MC.LM.getDataLayout().getTypeAllocSize(EntryTy);
    V = loadInvariantField(Array, uint64_t(Index) * EntrySize, EntryTy,
                           EntryName + Twine(Index), EntryB);
  }
  return V;
}

Value *FunctionEmitter::getTableInstance(uint32_t Table) {
  return getArrayEntry(TableInstances, offsetof(VMContext, Tables), "tables",
                       Table, MC.Ptr, "table");
}

Value *FunctionEmitter::getFuncRef(uint32_t Index) {
  return getArrayEntry(FuncRefPtrs, offsetof(VMContext, FuncRefs), "funcrefs",
                       Index, MC.Ptr, "funcref");
}

Value *FunctionEmitter::getTypeId(uint32_t TypeIndex) {
  return getArrayEntry(TypeIdValues, offsetof(VMContext, TypeIds), "typeids",
                       TypeIndex, MC.I32, "typeid");
}

Value *FunctionEmitter::getTag(uint32_t TagIndex) {
  return getArrayEntry(TagPtrs, offsetof(VMContext, Tags), "tags", TagIndex,
                       MC.Ptr, "tag");
}

Value *FunctionEmitter::getGlobalCell(uint32_t Global) {
  Value *&V = GlobalCells[Global];
  if (V)
    return V;
  if (Global < MC.Wasm.NumImportedGlobals) {
    // Through a pointer, so that a mutable global shared by several
    // instances stays one cell.
    Value *Cells = getVMContextField(offsetof(VMContext, ImportedGlobals),
                                     "imported.globals");
    V = loadInvariantField(Cells, uint64_t(Global) * sizeof(void *), MC.Ptr,
                           "global" + Twine(Global) + ".cell", EntryB);
  } else {
    uint64_t Offset =
        MC.Layout.definedGlobalOffset(Global - MC.Wasm.NumImportedGlobals);
    V = EntryB.CreateConstInBoundsGEP1_64(MC.I8, VMCtx, Offset,
                                          "global" + Twine(Global) + ".cell");
  }
  return V;
}

//===----------------------------------------------------------------------===//
// Traps
//===----------------------------------------------------------------------===//

static const char *getTrapBlockName(TrapKind K) {
  switch (K) {
  case TrapKind::Unreachable:
    return "unreachable.trap";
  case TrapKind::IntegerDivideByZero:
    return "div0.trap";
  case TrapKind::IntegerOverflow:
    return "overflow.trap";
  case TrapKind::InvalidConversionToInteger:
    return "conversion.trap";
  case TrapKind::OutOfBoundsMemoryAccess:
    return "oob.trap";
  case TrapKind::OutOfBoundsTableAccess:
    return "table.oob.trap";
  case TrapKind::UndefinedElement:
    return "undefined.element.trap";
  case TrapKind::UninitializedElement:
    return "uninitialized.element.trap";
  case TrapKind::IndirectCallTypeMismatch:
    return "signature.trap";
  case TrapKind::CallStackExhausted:
    return "stack.trap";
  default:
    return "trap";
  }
}

void FunctionEmitter::emitTrapCall(IRBuilder<> &Builder, Value *Kind,
                                   Value *Offset) {
  CallInst *Call = Builder.CreateCall(
      MC.TrapFn, {VMCtx, Kind, Builder.getInt32(FuncIndex), Offset});
  Call->setDoesNotReturn();
  Builder.CreateUnreachable();
}

void FunctionEmitter::trapIf(Value *Cond, TrapKind Kind, uint32_t Offset) {
  if (auto *C = dyn_cast<ConstantInt>(Cond); C && C->isZero())
    return;
  TrapBlock &TB = TrapBlocks[Kind];
  if (!TB.BB) {
    TB.BB = createBlock(getTrapBlockName(Kind));
    IRBuilder<> TrapB(TB.BB);
    TB.Offset = TrapB.CreatePHI(MC.I32, 4, "trap.offset");
    emitTrapCall(TrapB, TrapB.getInt32(static_cast<uint32_t>(Kind)), TB.Offset);
  }
  BasicBlock *Cont = createBlock("cont");
  B.CreateCondBr(Cond, TB.BB, Cont, MC.UnlikelyWeights);
  TB.Offset->addIncoming(B.getInt32(Offset), B.GetInsertBlock());
  enterBlock(Cont);
}

void FunctionEmitter::trapIfHelperFailed(Value *Status, uint32_t Offset) {
  if (!HelperTrap.BB) {
    HelperTrap.BB = createBlock("helper.trap");
    IRBuilder<> TrapB(HelperTrap.BB);
    HelperTrap.Kind = TrapB.CreatePHI(MC.I32, 4, "trap.status");
    HelperTrap.Offset = TrapB.CreatePHI(MC.I32, 4, "trap.offset");
    emitTrapCall(TrapB, TrapB.CreateSub(HelperTrap.Kind, TrapB.getInt32(1)),
                 HelperTrap.Offset);
  }
  Value *Cond = B.CreateICmpNE(Status, B.getInt32(0));
  BasicBlock *Cont = createBlock("cont");
  B.CreateCondBr(Cond, HelperTrap.BB, Cont, MC.UnlikelyWeights);
  HelperTrap.Kind->addIncoming(Status, B.GetInsertBlock());
  HelperTrap.Offset->addIncoming(B.getInt32(Offset), B.GetInsertBlock());
  enterBlock(Cont);
}

void FunctionEmitter::trap(TrapKind Kind, uint32_t Offset) {
  emitTrapCall(B, B.getInt32(static_cast<uint32_t>(Kind)), B.getInt32(Offset));
  markUnreachable();
}

} // namespace wasmaot
