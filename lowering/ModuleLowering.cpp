//===- ModuleLowering.cpp - Functions, trampolines and the descriptor -----===//
//
// lowerModule declares every defined function first (calls may go forward),
// lowers each body through the validator, then emits the array trampolines
// and the `wasmaot_module` descriptor the runtime instantiates from.
//
//===----------------------------------------------------------------------===//
#include "lowering/EmbedGlue.h"
#include "lowering/FunctionEmitter.h"
#include "lowering/Lowering.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/TargetParser/Triple.h"

#include <map>

using namespace llvm;

namespace wasmaot {

namespace {

/// What a function is called in trap messages and symbols: its name-section
/// name, else its first export name, else empty.
std::string getFunctionName(const Module &M, uint32_t Index) {
  if (auto It = M.Names.Functions.find(Index); It != M.Names.Functions.end())
    if (!It->second.empty())
      return It->second;
  for (const Export &E : M.Exports)
    if (E.Kind == ExternKind::Func && E.Index == Index)
      return E.Name;
  return "";
}

/// The LLVM name of a defined function: getFunctionName, else "funcN", made
/// safe for a symbol table.
std::string getFunctionSymbolName(const Module &M, uint32_t Index,
                                  const TargetLibraryInfoImpl &TLI) {
  std::string Name = getFunctionName(M, Index);
  if (Name.empty())
    return "func" + std::to_string(Index);
  for (char &C : Name)
    if (!isAlnum(C) && C != '_' && C != '.')
      C = '_';
  // The functions are internal, but a local symbol named like a libcall
  // (memset, sqrtf, __udivti3...) would capture the calls that the code
  // generator emits to that name. Wasm modules built from C name theirs so.
  LibFunc LF;
  StringRef S(Name);
  if (TLI.getLibFunc(S, LF) || S.starts_with("_") || S.starts_with("llvm.") ||
      S.starts_with("wasmaot") || isDigit(S.front()))
    Name = "wasm_" + Name;
  return Name;
}

/// Builds the constant data of the descriptor. Every scalar is an i64 and
/// every other field a ptr, exactly as ModuleDescriptor.h lays them out.
class DescriptorBuilder {
public:
  DescriptorBuilder(ModuleContext &MC) : MC(MC), Ctx(MC.Ctx) {
    I64 = MC.I64;
    Ptr = MC.Ptr;
    ConstExprTy = StructType::get(Ctx, {I64, I64, I64, I64, I64, I64});
  }

  Constant *i64(uint64_t V) { return ConstantInt::get(I64, V); }
  Constant *null() { return ConstantPointerNull::get(cast<PointerType>(Ptr)); }

  Constant *string(const std::string &S) {
    GlobalVariable *&GV = Strings[S];
    if (!GV) {
      Constant *Data = ConstantDataArray::getString(Ctx, S, true);
      GV = new GlobalVariable(MC.LM, Data->getType(), true,
                              GlobalValue::PrivateLinkage, Data, ".str");
      GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
      GV->setAlignment(Align(1));
    }
    return GV;
  }

  /// A private constant array, or null when there are no elements.
  Constant *array(Type *ElemTy, ArrayRef<Constant *> Elems, const Twine &Name) {
    if (Elems.empty())
      return null();
    auto *Ty = ArrayType::get(ElemTy, Elems.size());
    auto *GV = new GlobalVariable(MC.LM, Ty, true, GlobalValue::PrivateLinkage,
                                  ConstantArray::get(Ty, Elems), Name);
    GV->setAlignment(Align(8));
    return GV;
  }

  Constant *bytes(ArrayRef<uint8_t> Data, const Twine &Name) {
    Constant *Init = ConstantDataArray::get(Ctx, Data);
    auto *GV = new GlobalVariable(MC.LM, Init->getType(), true,
                                  GlobalValue::PrivateLinkage, Init, Name);
    GV->setAlignment(Align(1));
    return GV;
  }

  Constant *record(ArrayRef<Constant *> Fields) {
    return ConstantStruct::getAnon(Ctx, Fields);
  }

  Constant *constExpr(const ConstExpr &E) {
    if (E.K == ConstExpr::Kind::Extended) {
      // The ops as an array of records; the record points to it (Bits) and
      // counts them (Index).
      std::vector<Constant *> Ops;
      for (const ConstExpr &Op : E.Ops)
        Ops.push_back(constExpr(Op));
      Constant *Array = array(ConstExprTy, Ops, "const.ops");
      return ConstantStruct::get(ConstExprTy,
                                 {i64(static_cast<uint64_t>(E.K)),
                                  ConstantExpr::getPtrToInt(Array, I64), i64(0),
                                  i64(0), i64(E.Ops.size()), i64(0)});
    }
    uint64_t Bits = E.Bits;
    if (E.K == ConstExpr::Kind::I32Const || E.K == ConstExpr::Kind::F32Const)
      Bits &= 0xffffffffu;
    uint64_t Lo = 0, Hi = 0;
    for (int I = 7; I >= 0; --I) {
      Lo = Lo << 8 | E.V128[I];
      Hi = Hi << 8 | E.V128[I + 8];
    }
    return ConstantStruct::get(ConstExprTy,
                               {i64(static_cast<uint64_t>(E.K)), i64(Bits),
                                i64(Lo), i64(Hi), i64(E.Index),
                                i64(static_cast<uint8_t>(E.RefType))});
  }

  /// A constant expression that is never read (the offset of a passive
  /// segment).
  Constant *noConstExpr() { return constExpr(ConstExpr()); }

  ModuleContext &MC;
  LLVMContext &Ctx;
  Type *I64, *Ptr;
  StructType *ConstExprTy;
  std::map<std::string, GlobalVariable *> Strings;
};

// The descriptor's records are built field by field below; these catch a
// field added to ModuleDescriptor.h and not here.
static_assert(sizeof(DescFuncType) == 3 * 8);
static_assert(sizeof(DescConstExpr) == 6 * 8);
static_assert(sizeof(DescImport) == 12 * 8);
static_assert(sizeof(DescFunction) == 5 * 8);
static_assert(sizeof(DescTable) == 5 * 8);
static_assert(sizeof(DescMemory) == 4 * 8);
static_assert(sizeof(DescGlobal) == 2 * 8 + sizeof(DescConstExpr));
static_assert(sizeof(DescExport) == 4 * 8);
static_assert(sizeof(DescElem) == 5 * 8 + sizeof(DescConstExpr));
static_assert(sizeof(DescData) == 4 * 8 + sizeof(DescConstExpr));
static_assert(sizeof(DescTag) == 2 * 8);
static_assert(sizeof(ModuleDescriptor) == 31 * 8);

static uint64_t getMemoryFlags(const MemoryType &T) {
  return (T.Is64 ? MemoryIs64 : 0) | (T.Shared ? MemoryShared : 0);
}

} // namespace

std::string getSignatureName(const FuncType &T) {
  auto Letter = [](ValType V) {
    switch (V) {
    case ValType::I32:
      return 'i';
    case ValType::I64:
      return 'l';
    case ValType::F32:
      return 'f';
    case ValType::F64:
      return 'd';
    case ValType::V128:
      return 'v';
    case ValType::FuncRef:
      return 'r';
    case ValType::ExternRef:
      return 'e';
    }
    return '?';
  };
  std::string S;
  for (ValType V : T.Params)
    S += Letter(V);
  S += '_';
  for (ValType V : T.Results)
    S += Letter(V);
  return S;
}

namespace {

/// void tramp(ptr code, ptr ctx, ptr slots): arguments from the slots
/// (16 bytes apart), results back into them from the first.
Function *emitTrampoline(ModuleContext &MC, const FuncType &T) {
  constexpr uint64_t SlotSize = 16;
  auto *TrampTy = FunctionType::get(MC.Void, {MC.Ptr, MC.Ptr, MC.Ptr}, false);
  Function *Tramp =
      Function::Create(TrampTy, GlobalValue::InternalLinkage,
                       "wasmaot_tramp_" + getSignatureName(T), MC.LM);
  Tramp->setDoesNotThrow();
  IRBuilder<> B(BasicBlock::Create(MC.Ctx, "entry", Tramp));
  Value *Code = Tramp->getArg(0), *Ctx = Tramp->getArg(1),
        *Slots = Tramp->getArg(2);
  auto Slot = [&](size_t I) {
    return I == 0 ? Slots
                  : B.CreateConstInBoundsGEP1_64(MC.I8, Slots, I * SlotSize);
  };
  SmallVector<Value *> Args{Ctx};
  for (size_t I = 0; I < T.Params.size(); ++I)
    Args.push_back(
        B.CreateAlignedLoad(MC.getType(T.Params[I]), Slot(I), Align(8)));
  Value *Result;
  if (MC.MayUnwind) {
    // An exception no Wasm handler caught ends here, as a trap of the
    // guarded call (the runtime has no C++ handler of its own).
    Tramp->setPersonalityFn(MC.getPersonality());
    BasicBlock *Normal = BasicBlock::Create(MC.Ctx, "returned", Tramp);
    BasicBlock *Uncaught = BasicBlock::Create(MC.Ctx, "uncaught", Tramp);
    Result =
        B.CreateInvoke(MC.getFunctionType(T), Code, Normal, Uncaught, Args);
    IRBuilder<> UB(Uncaught);
    LandingPadInst *LP =
        UB.CreateLandingPad(StructType::get(MC.Ptr, MC.I32), 1, "exn");
    LP->addClause(MC.getExceptionTypeInfo());
    UB.CreateCall(MC.ExceptionUncaughtFn, {UB.CreateExtractValue(LP, 0)});
    UB.CreateUnreachable();
    B.SetInsertPoint(Normal);
  } else {
    Result = B.CreateCall(MC.getFunctionType(T), Code, Args);
  }
  for (size_t I = 0; I < T.Results.size(); ++I) {
    Value *V = T.Results.size() == 1
                   ? Result
                   : B.CreateExtractValue(Result, static_cast<unsigned>(I));
    B.CreateAlignedStore(V, Slot(I), Align(8));
  }
  B.CreateRetVoid();
  return Tramp;
}

/// A module that makes tail calls uses `tailcc` for all its functions and
/// the calls between them, so that a return_call is a jump whatever the two
/// signatures (the callee pops its own stack arguments). Only such modules
/// pay for it: on x86-64 every tailcc function pops its argument area and
/// every caller re-adjusts the stack after each call (docs/design.md). The
/// runtime and other modules call a function through its C-convention entry
/// (FuncRef::Code); tail calls through a FuncRef use its body
/// (FuncRef::TailCode).
void adoptTailCallConvention(ModuleContext &MC) {
  const Module &M = MC.Wasm;
  MC.CEntries.assign(M.getNumFuncs(), nullptr);
  for (uint32_t I = M.NumImportedFuncs; I < M.getNumFuncs(); ++I) {
    Function *Body = MC.Funcs[I];
    Body->setCallingConv(CallingConv::Tail);
    for (User *U : Body->users())
      if (auto *Call = dyn_cast<CallBase>(U);
          Call && Call->getCalledOperand() == Body)
        Call->setCallingConv(CallingConv::Tail);

    Function *Entry =
        Function::Create(Body->getFunctionType(), GlobalValue::InternalLinkage,
                         Body->getName() + ".c", MC.LM);
    if (Body->doesNotThrow())
      Entry->setDoesNotThrow();
    // Never a sibling call: a C-convention caller cannot jump to a callee
    // that pops stack arguments its own caller did not give it.
    Entry->addFnAttr("disable-tail-calls", "true");
    IRBuilder<> B(BasicBlock::Create(MC.Ctx, "entry", Entry));
    SmallVector<Value *> Args;
    for (Argument &A : Entry->args())
      Args.push_back(&A);
    CallInst *Call = B.CreateCall(Body, Args);
    Call->setCallingConv(CallingConv::Tail);
    // The entry stays one call: inlined into it, the body would be a second
    // copy whose musttail calls become ordinary calls.
    Call->setIsNoInline();
    if (Entry->getReturnType()->isVoidTy())
      B.CreateRetVoid();
    else
      B.CreateRet(Call);
    MC.CEntries[I] = Entry;
  }
}

/// Grants given at compile time (`--env NAME=VALUE`, `--dir HOST[::GUEST]`): a
/// null-terminated array of C strings under Symbol, which the WASI host
/// declares weak. Nothing is emitted when there are none.
void emitBakedGrants(ModuleContext &MC, DescriptorBuilder &D,
                     const std::vector<std::string> &Grants,
                     const char *Symbol) {
  if (Grants.empty())
    return;
  std::vector<Constant *> Strings;
  for (const std::string &S : Grants)
    Strings.push_back(D.string(S));
  Strings.push_back(D.null());
  auto *Ty = ArrayType::get(MC.Ptr, Strings.size());
  auto *GV = new GlobalVariable(MC.LM, Ty, true, GlobalValue::ExternalLinkage,
                                ConstantArray::get(Ty, Strings), Symbol);
  GV->setAlignment(Align(8));
}

void emitDescriptor(ModuleContext &MC) {
  const Module &M = MC.Wasm;
  DescriptorBuilder D(MC);
  auto Limits = [&](const wasmaot::Limits &L) {
    return std::array<Constant *, 3>{D.i64(L.Min), D.i64(L.Max.value_or(0)),
                                     D.i64(L.Max.has_value())};
  };

  std::vector<Constant *> Types, Trampolines;
  std::map<std::string, Function *> TrampolinesBySignature;
  for (size_t I = 0; I < M.Types.size(); ++I) {
    const FuncType &T = M.Types[I];
    std::vector<uint8_t> Encoded;
    for (ValType V : T.Params)
      Encoded.push_back(static_cast<uint8_t>(V));
    for (ValType V : T.Results)
      Encoded.push_back(static_cast<uint8_t>(V));
    Types.push_back(D.record(
        {D.i64(T.Params.size()), D.i64(T.Results.size()),
         Encoded.empty() ? D.null() : D.bytes(Encoded, "type" + Twine(I))}));
    // One trampoline per distinct signature; every type gets one, since a
    // table or a funcref can hand any function to the runtime.
    Function *&Tramp = TrampolinesBySignature[getSignatureName(T)];
    if (!Tramp)
      Tramp = emitTrampoline(MC, T);
    Trampolines.push_back(Tramp);
  }

  std::vector<Constant *> Imports;
  for (const Import &Imp : M.Imports) {
    uint64_t ValType = 0, Mutable = 0, TypeFlags = 0;
    std::array<Constant *, 3> Lim = {D.i64(0), D.i64(0), D.i64(0)};
    if (Imp.Kind == ExternKind::Global) {
      ValType = static_cast<uint8_t>(Imp.Global.Type);
      Mutable = Imp.Global.Mutable;
    } else if (Imp.Kind == ExternKind::Table) {
      ValType = static_cast<uint8_t>(Imp.Table.Elem);
      Lim = Limits(Imp.Table.Lim);
      TypeFlags = Imp.Table.Is64 ? MemoryIs64 : 0;
    } else if (Imp.Kind == ExternKind::Memory) {
      Lim = Limits(Imp.Memory.Lim);
      TypeFlags = getMemoryFlags(Imp.Memory);
    }
    Imports.push_back(D.record(
        {D.string(Imp.Module), D.string(Imp.Field),
         D.i64(static_cast<uint64_t>(Imp.Kind)),
         D.i64(Imp.Kind == ExternKind::Tag ? Imp.TagTypeIndex
                                           : Imp.FuncTypeIndex),
         D.i64(ValType), D.i64(Mutable), Lim[0], Lim[1], Lim[2],
         D.i64(Imp.Module.size()), D.i64(Imp.Field.size()), D.i64(TypeFlags)}));
  }

  std::vector<Constant *> Functions;
  bool Tail = !MC.CEntries.empty();
  for (uint32_t I = M.NumImportedFuncs; I < M.getNumFuncs(); ++I) {
    std::string Name = getFunctionName(M, I);
    Functions.push_back(D.record(
        {Tail ? MC.CEntries[I] : MC.Funcs[I], D.i64(M.FuncTypeIndices[I]),
         D.i64(M.Bodies[I - M.NumImportedFuncs].Offset),
         Name.empty() ? D.null() : D.string(Name),
         Tail ? MC.Funcs[I] : D.null()}));
  }

  std::vector<Constant *> Tables;
  for (size_t I = M.NumImportedTables; I < M.Tables.size(); ++I) {
    auto Lim = Limits(M.Tables[I].Lim);
    Tables.push_back(
        D.record({D.i64(static_cast<uint8_t>(M.Tables[I].Elem)), Lim[0], Lim[1],
                  Lim[2], D.i64(M.Tables[I].Is64 ? MemoryIs64 : 0)}));
  }

  std::vector<Constant *> Memories;
  for (size_t I = M.NumImportedMemories; I < M.Memories.size(); ++I) {
    auto Lim = Limits(M.Memories[I].Lim);
    Memories.push_back(D.record(
        {Lim[0], Lim[1], Lim[2], D.i64(getMemoryFlags(M.Memories[I]))}));
  }

  std::vector<Constant *> Globals;
  for (const Global &G : M.Globals)
    Globals.push_back(D.record({D.i64(static_cast<uint8_t>(G.Type.Type)),
                                D.i64(G.Type.Mutable), D.constExpr(G.Init)}));

  std::vector<Constant *> Exports;
  for (const Export &E : M.Exports)
    Exports.push_back(
        D.record({D.string(E.Name), D.i64(static_cast<uint64_t>(E.Kind)),
                  D.i64(E.Index), D.i64(E.Name.size())}));

  std::vector<Constant *> Elems;
  for (size_t I = 0; I < M.Elems.size(); ++I) {
    const ElemSegment &S = M.Elems[I];
    std::vector<Constant *> Items;
    for (const ConstExpr &Item : S.Items)
      Items.push_back(D.constExpr(Item));
    Elems.push_back(D.record(
        {D.i64(static_cast<uint64_t>(S.Mode)),
         D.i64(static_cast<uint8_t>(S.Type)), D.i64(S.Table),
         S.Mode == SegmentMode::Active ? D.constExpr(S.Offset)
                                       : D.noConstExpr(),
         D.i64(Items.size()),
         D.array(D.ConstExprTy, Items, "elem" + Twine(I) + ".items")}));
  }

  std::vector<Constant *> Datas;
  for (size_t I = 0; I < M.Datas.size(); ++I) {
    const DataSegment &S = M.Datas[I];
    ArrayRef<uint8_t> Bytes(M.Bytes.data() + S.BytesOffset, S.Size);
    Datas.push_back(
        D.record({D.i64(static_cast<uint64_t>(S.Mode)), D.i64(S.Memory),
                  S.Mode == SegmentMode::Active ? D.constExpr(S.Offset)
                                                : D.noConstExpr(),
                  D.i64(S.Size), D.bytes(Bytes, "data" + Twine(I))}));
  }

  // A tag's name, for the message of an uncaught exception: its export
  // name, else its name-section name (else the runtime says tag[N]).
  std::vector<Constant *> Tags;
  for (size_t I = M.NumImportedTags; I < M.TagTypeIndices.size(); ++I) {
    const std::string *Name = nullptr;
    for (const Export &E : M.Exports)
      if (E.Kind == ExternKind::Tag && E.Index == I) {
        Name = &E.Name;
        break;
      }
    if (auto It = M.Names.Tags.find(uint32_t(I));
        !Name && It != M.Names.Tags.end())
      Name = &It->second;
    Tags.push_back(D.record(
        {D.i64(M.TagTypeIndices[I]), Name ? D.string(*Name) : D.null()}));
  }

  auto ArrayOf = [&](std::vector<Constant *> &Elems, const Twine &Name) {
    if (Elems.empty())
      return D.null();
    return D.array(Elems[0]->getType(), Elems, Name);
  };

  Constant *Descriptor = D.record({
      D.i64(DescriptorVersion),
      D.i64(static_cast<uint64_t>(MC.Opts.Bounds)),
      D.i64(MC.Opts.Interruptible ? 1 : 0),
      M.Names.ModuleName.empty() ? D.null() : D.string(M.Names.ModuleName),
      D.i64(Types.size()),
      ArrayOf(Types, "wasmaot.types"),
      D.array(MC.Ptr, Trampolines, "wasmaot.trampolines"),
      D.i64(Imports.size()),
      ArrayOf(Imports, "wasmaot.imports"),
      D.i64(M.NumImportedFuncs),
      D.i64(M.NumImportedTables),
      D.i64(M.NumImportedMemories),
      D.i64(M.NumImportedGlobals),
      D.i64(Functions.size()),
      ArrayOf(Functions, "wasmaot.functions"),
      D.i64(Tables.size()),
      ArrayOf(Tables, "wasmaot.tables"),
      D.i64(Memories.size()),
      ArrayOf(Memories, "wasmaot.memories"),
      D.i64(Globals.size()),
      ArrayOf(Globals, "wasmaot.globals"),
      D.i64(Exports.size()),
      ArrayOf(Exports, "wasmaot.exports"),
      D.i64(M.Start ? uint64_t(*M.Start) : UINT64_MAX),
      D.i64(Elems.size()),
      ArrayOf(Elems, "wasmaot.elems"),
      D.i64(Datas.size()),
      ArrayOf(Datas, "wasmaot.datas"),
      D.i64(M.NumImportedTags),
      D.i64(Tags.size()),
      ArrayOf(Tags, "wasmaot.tags"),
  });
  auto *GV = new GlobalVariable(MC.LM, Descriptor->getType(), true,
                                GlobalValue::ExternalLinkage, Descriptor,
                                DescriptorSymbol);
  GV->setAlignment(Align(8));

  emitBakedGrants(MC, D, MC.Opts.BakedEnv, "wasmaot_baked_env");
  emitBakedGrants(MC, D, MC.Opts.BakedDirs, "wasmaot_baked_dirs");
}

} // namespace

std::unique_ptr<llvm::Module> lowerModule(const Module &M,
                                          llvm::LLVMContext &Ctx,
                                          const LoweringOptions &Opts,
                                          Diagnostic &Diag) {
  auto LM = std::make_unique<llvm::Module>(
      M.Names.ModuleName.empty() ? "wasm" : M.Names.ModuleName, Ctx);
  // Codegen sets the real target's layout; until then IRBuilder needs one
  // to pick natural alignments (the default one aligns i64 to 4). Pointer,
  // i64, i128 and double alignments are the same on every target we emit
  // (x86-64 and AArch64), so this target-neutral layout agrees with both.
  LM->setDataLayout("e-m:e-i64:64-i128:128-n32:64-S128");
  LM->setTargetTriple(Opts.Triple);
  ModuleContext MC(M, *LM, Opts);

  TargetLibraryInfoImpl TLI{Triple(Opts.Triple)};
  MC.Funcs.assign(M.getNumFuncs(), nullptr);
  for (uint32_t I = M.NumImportedFuncs; I < M.getNumFuncs(); ++I) {
    Function *Fn = Function::Create(MC.FuncTypes[M.FuncTypeIndices[I]],
                                    GlobalValue::InternalLinkage,
                                    getFunctionSymbolName(M, I, TLI), *LM);
    if (!MC.MayUnwind)
      Fn->setDoesNotThrow();
    // The stack check compares the stack pointer at entry and sits before
    // the calls, so a function's own frame lies below the checked point.
    // Probing a frame larger than a page top-down makes even a frame that
    // does not fit fault on the guard page below the stack (a clean "call
    // stack exhausted" from the signal handler) instead of skipping over it;
    // smaller frames get no probe and no cost.
    Fn->addFnAttr("probe-stack", "inline-asm");
    // Every Wasm call takes stack: a runaway recursion must trap with "call
    // stack exhausted" (spec assert_exhaustion), so neither tail-recursion
    // elimination nor a sibling call may turn it into an endless loop.
    // Nothing else stops them, as the stack check reads no stack slot.
    Fn->addFnAttr("disable-tail-calls", "true");
    // The interrupt polls go in after the optimizer (Passes.h).
    if (Opts.Interruptible)
      Fn->addFnAttr("wasmaot-interrupt");
    MC.Funcs[I] = Fn;
  }

  for (uint32_t I = M.NumImportedFuncs; I < M.getNumFuncs(); ++I) {
    FunctionEmitter Emitter(MC);
    if (!decodeFunction(M, I, &Emitter, Diag))
      return nullptr;
    if (Emitter.failed()) {
      Diag = Emitter.getError();
      return nullptr;
    }
  }

  if (MC.MakesTailCalls)
    adoptTailCallConvention(MC);
  emitDescriptor(MC);
  if (Opts.Embed)
    emitEmbedGlue(MC, *Opts.Embed);
  return LM;
}

} // namespace wasmaot
