//===- EmbedGlue.cpp - The NAME_* functions of a library ------------------===//
//
// For `--emit=lib`, beside the compiled functions: the C entry points the
// header declares and a thunk per host import. Export calls go through the
// embedding runtime (embed/EmbedRuntime.cpp), which sets up the trap scope
// and calls the export's array trampoline on a buffer of 16-byte slots; the
// glue only moves values between C's calling convention (CAbi.h) and those
// slots. A host import is called through its thunk, whose context is the
// instance's copy of NAME_imports: the thunk loads the host function and
// `user` from it, calls in C's convention, then lets the runtime end the
// guest's call if the host function called wasmaot_raise.
//
//===----------------------------------------------------------------------===//
#include "lowering/EmbedGlue.h"
#include "lowering/CAbi.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

#include <array>

using namespace llvm;

namespace wasmaot {

namespace {

constexpr uint64_t SlotSize = 16;

CSignature getCSignature(ModuleContext &MC, const std::vector<ValType> &Params,
                         const std::vector<ValType> &Results) {
  return wasmaot::getCSignature(MC.Ctx, Triple(MC.LM.getTargetTriple()), Params,
                                Results);
}

/// Whether CSignature::Param::Pair is two i64 arguments (x86-64) rather than
/// one [2 x i64] (AArch64).
bool isPairTwoArguments(ModuleContext &MC) {
  return Triple(MC.LM.getTargetTriple()).getArch() == Triple::x86_64;
}

/// The `sret` attribute of a results struct returned in memory.
Attribute getSRetAttr(ModuleContext &MC, const CSignature &Sig) {
  return Attribute::getWithStructRetType(
      MC.Ctx, ArrayType::get(MC.I8, Sig.Results.Size));
}

/// The attributes of a v128 passed on the stack: its 16 bytes, copied, at
/// an 8-byte boundary.
std::array<Attribute, 2> getV128ByValAttrs(ModuleContext &MC) {
  return {Attribute::getWithByValType(MC.Ctx, ArrayType::get(MC.I8, 16)),
          Attribute::getWithAlignment(MC.Ctx, Align(8))};
}

/// Builds one C-ABI function (an entry point of the library).
class CEntry {
public:
  CEntry(ModuleContext &MC, const std::string &Name,
         const std::vector<ValType> &Params,
         const std::vector<ValType> &Results)
      : MC(MC), Results(Results), Sig(getCSignature(MC, Params, Results)),
        B(MC.Ctx) {
    F = Function::Create(Sig.Type, GlobalValue::ExternalLinkage, Name, MC.LM);
    F->setDoesNotThrow();
    unsigned Arg = 0;
    if (Sig.Ret == CSignature::Return::Memory) {
      F->addParamAttr(0, getSRetAttr(MC, Sig));
      F->addParamAttr(0, Attribute::NoAlias);
      SRet = F->getArg(Arg++);
    }
    B.SetInsertPoint(BasicBlock::Create(MC.Ctx, "entry", F));
    Leading = F->getArg(Arg++);
    for (size_t I = 0; I < Params.size(); ++I) {
      switch (Sig.Params[I]) {
      case CSignature::Param::Direct:
        Values.push_back(F->getArg(Arg++));
        break;
      case CSignature::Param::Pair:
        Values.push_back(pairToV128(Arg));
        break;
      case CSignature::Param::Memory:
        for (Attribute A : getV128ByValAttrs(MC))
          F->addParamAttr(Arg, A);
        Values.push_back(
            B.CreateAlignedLoad(MC.V128, F->getArg(Arg++), Align(1)));
        break;
      }
    }
  }

  IRBuilder<> &builder() { return B; }
  Value *leading() const { return Leading; }
  /// The parameters as Wasm values (v128: <2 x i64>).
  const std::vector<Value *> &params() const { return Values; }

  /// Returns Wasm values (one per result) in C's convention.
  void ret(const std::vector<Value *> &Vals) {
    switch (Sig.Ret) {
    case CSignature::Return::Void:
      B.CreateRetVoid();
      return;
    case CSignature::Return::Direct:
      B.CreateRet(Vals[0]);
      return;
    case CSignature::Return::Memory:
      storeFields(SRet, Vals);
      B.CreateRetVoid();
      return;
    case CSignature::Return::Coerced: {
      Value *Buf = resultBuffer(B, MC, Sig);
      storeFields(Buf, Vals);
      B.CreateRet(B.CreateAlignedLoad(Sig.CoercedType, Buf, Align(16)));
      return;
    }
    }
  }

  /// Stores Vals at the field offsets of the results struct at Base.
  void storeFields(Value *Base, const std::vector<Value *> &Vals) {
    for (size_t I = 0; I < Vals.size(); ++I)
      B.CreateAlignedStore(
          Vals[I],
          B.CreateConstInBoundsGEP1_64(MC.I8, Base, Sig.Results.Offsets[I]),
          Align(getCAlign(Results[I])));
  }

  /// A buffer for a results struct, large enough for its coerced type too.
  static Value *resultBuffer(IRBuilder<> &B, ModuleContext &MC,
                             const CSignature &Sig) {
    uint64_t Size = (Sig.Results.Size + 15) / 16 * 16 + 16;
    AllocaInst *A = B.CreateAlloca(ArrayType::get(MC.I8, Size));
    A->setAlignment(Align(16));
    return A;
  }

private:
  Value *pairToV128(unsigned &Arg) {
    Value *Lo, *Hi;
    if (isPairTwoArguments(MC)) {
      Lo = F->getArg(Arg++);
      Hi = F->getArg(Arg++);
    } else {
      Value *Pair = F->getArg(Arg++);
      Lo = B.CreateExtractValue(Pair, 0);
      Hi = B.CreateExtractValue(Pair, 1);
    }
    Value *V =
        B.CreateInsertElement(PoisonValue::get(MC.V128), Lo, B.getInt32(0));
    return B.CreateInsertElement(V, Hi, B.getInt32(1));
  }

  ModuleContext &MC;
  std::vector<ValType> Results;
  CSignature Sig;
  IRBuilder<> B;
  Function *F = nullptr;
  Value *SRet = nullptr;
  Value *Leading = nullptr;
  std::vector<Value *> Values;
};

Function *declareRuntime(ModuleContext &MC, const char *Name, Type *Ret,
                         ArrayRef<Type *> Params) {
  FunctionCallee C =
      MC.LM.getOrInsertFunction(Name, FunctionType::get(Ret, Params, false));
  auto *F = cast<Function>(C.getCallee());
  F->setDoesNotThrow();
  return F;
}

/// NAME_E: the arguments into slots, the call through the runtime, the
/// results out of them.
void emitExport(ModuleContext &MC, const EmbedExport &X) {
  CEntry E(MC, X.Symbol, X.Type.Params, X.Type.Results);
  IRBuilder<> &B = E.builder();
  size_t NumSlots = std::max<size_t>(
      {X.Type.Params.size(), X.Type.Results.size(), size_t(1)});
  AllocaInst *Slots =
      B.CreateAlloca(ArrayType::get(MC.I8, NumSlots * SlotSize));
  Slots->setAlignment(Align(16));
  auto Slot = [&](size_t I) {
    return B.CreateConstInBoundsGEP1_64(MC.I8, Slots, I * SlotSize);
  };
  for (size_t I = 0; I < E.params().size(); ++I)
    B.CreateAlignedStore(E.params()[I], Slot(I), Align(16));
  Function *Tramp =
      MC.LM.getFunction("wasmaot_tramp_" + getSignatureName(X.Type));
  assert(Tramp && "every signature has a trampoline");
  Function *Call = declareRuntime(MC, "wasmaot_embed_call", MC.Void,
                                  {MC.Ptr, MC.I32, MC.Ptr, MC.Ptr, MC.I32});
  B.CreateCall(Call, {E.leading(), B.getInt32(X.FuncIndex), Tramp, Slots,
                      B.getInt32(uint32_t(X.Type.Results.size()))});
  std::vector<Value *> Results;
  for (size_t I = 0; I < X.Type.Results.size(); ++I)
    Results.push_back(
        B.CreateAlignedLoad(MC.getType(X.Type.Results[I]), Slot(I), Align(16)));
  E.ret(Results);
}

/// The thunk compiled code calls for a host import: Wasm's internal
/// convention in, C's out.
Function *emitThunk(ModuleContext &MC, const EmbedHostImport &H,
                    unsigned RecordSlot) {
  Function *T =
      Function::Create(MC.getFunctionType(H.Type), GlobalValue::InternalLinkage,
                       "wasmaot_thunk_" + H.Member, MC.LM);
  IRBuilder<> B(BasicBlock::Create(MC.Ctx, "entry", T));
  Value *Record = T->getArg(0);
  Value *User = B.CreateAlignedLoad(MC.Ptr, Record, Align(8), "user");
  Value *Host = B.CreateAlignedLoad(
      MC.Ptr, B.CreateConstInBoundsGEP1_64(MC.Ptr, Record, RecordSlot),
      Align(8), "host");
  CSignature Sig = getCSignature(MC, H.Type.Params, H.Type.Results);

  SmallVector<Value *, 8> Args;
  Value *Buf = nullptr;
  if (Sig.Ret == CSignature::Return::Memory ||
      Sig.Ret == CSignature::Return::Coerced)
    Buf = CEntry::resultBuffer(B, MC, Sig);
  if (Sig.Ret == CSignature::Return::Memory)
    Args.push_back(Buf);
  Args.push_back(User);
  SmallVector<unsigned, 4> ByValArgs;
  for (size_t I = 0; I < H.Type.Params.size(); ++I) {
    Value *V = T->getArg(unsigned(I + 1));
    switch (Sig.Params[I]) {
    case CSignature::Param::Direct:
      Args.push_back(V);
      break;
    case CSignature::Param::Pair: {
      Value *Lo = B.CreateExtractElement(V, B.getInt32(0));
      Value *Hi = B.CreateExtractElement(V, B.getInt32(1));
      if (isPairTwoArguments(MC)) {
        Args.push_back(Lo);
        Args.push_back(Hi);
      } else {
        Type *PairTy = ArrayType::get(MC.I64, 2);
        Value *P = B.CreateInsertValue(PoisonValue::get(PairTy), Lo, 0);
        Args.push_back(B.CreateInsertValue(P, Hi, 1));
      }
      break;
    }
    case CSignature::Param::Memory: {
      AllocaInst *Copy = B.CreateAlloca(MC.V128);
      Copy->setAlignment(Align(16));
      B.CreateAlignedStore(V, Copy, Align(16));
      ByValArgs.push_back(unsigned(Args.size()));
      Args.push_back(Copy);
      break;
    }
    }
  }
  CallInst *C = B.CreateCall(Sig.Type, Host, Args);
  if (Sig.Ret == CSignature::Return::Memory)
    C->addParamAttr(0, getSRetAttr(MC, Sig));
  for (unsigned Arg : ByValArgs)
    for (Attribute A : getV128ByValAttrs(MC))
      C->addParamAttr(Arg, A);
  B.CreateCall(
      declareRuntime(MC, "wasmaot_embed_after_host_call", MC.Void, {}));

  switch (Sig.Ret) {
  case CSignature::Return::Void:
    B.CreateRetVoid();
    return T;
  case CSignature::Return::Direct:
    B.CreateRet(C);
    return T;
  case CSignature::Return::Coerced:
    B.CreateAlignedStore(C, Buf, Align(16));
    break;
  case CSignature::Return::Memory:
    break;
  }
  // The results struct is in Buf: its fields become the Wasm results.
  std::vector<Value *> Fields;
  for (size_t I = 0; I < H.Type.Results.size(); ++I)
    Fields.push_back(B.CreateAlignedLoad(
        MC.getType(H.Type.Results[I]),
        B.CreateConstInBoundsGEP1_64(MC.I8, Buf, Sig.Results.Offsets[I]),
        Align(getCAlign(H.Type.Results[I]))));
  if (Fields.size() == 1) {
    B.CreateRet(Fields[0]);
    return T;
  }
  Value *Agg = PoisonValue::get(T->getReturnType());
  for (size_t I = 0; I < Fields.size(); ++I)
    Agg = B.CreateInsertValue(Agg, Fields[I], unsigned(I));
  B.CreateRet(Agg);
  return T;
}

/// A function of the library that forwards to the runtime as it is.
void emitForward(ModuleContext &MC, const std::string &Name, Type *Ret,
                 ArrayRef<Type *> Params, const char *Runtime,
                 ArrayRef<Value *> Extra = {}) {
  Function *F = Function::Create(FunctionType::get(Ret, Params, false),
                                 GlobalValue::ExternalLinkage, Name, MC.LM);
  F->setDoesNotThrow();
  IRBuilder<> B(BasicBlock::Create(MC.Ctx, "entry", F));
  SmallVector<Value *, 8> Args;
  SmallVector<Type *, 8> Types;
  for (Argument &A : F->args()) {
    Args.push_back(&A);
    Types.push_back(A.getType());
  }
  for (Value *V : Extra) {
    Args.push_back(V);
    Types.push_back(V->getType());
  }
  CallInst *C = B.CreateCall(declareRuntime(MC, Runtime, Ret, Types), Args);
  if (Ret->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(C);
}

/// NAME_new: the descriptor, the size of NAME_imports and the thunks (null
/// for a WASI import) go to the runtime.
void emitNew(ModuleContext &MC, const EmbedInterface &EI,
             const std::vector<Function *> &Thunks) {
  Constant *ThunkTable = ConstantPointerNull::get(cast<PointerType>(MC.Ptr));
  if (!Thunks.empty()) {
    std::vector<Constant *> Entries;
    for (Function *T : Thunks)
      Entries.push_back(
          T ? cast<Constant>(T)
            : ConstantPointerNull::get(cast<PointerType>(MC.Ptr)));
    auto *Ty = ArrayType::get(MC.Ptr, Entries.size());
    ThunkTable = new GlobalVariable(
        MC.LM, Ty, true, GlobalValue::PrivateLinkage,
        ConstantArray::get(Ty, Entries), "wasmaot.embed.thunks");
  }
  Function *F =
      Function::Create(FunctionType::get(MC.Ptr, {MC.Ptr, MC.Ptr}, false),
                       GlobalValue::ExternalLinkage, EI.Name + "_new", MC.LM);
  IRBuilder<> B(BasicBlock::Create(MC.Ctx, "entry", F));
  GlobalVariable *Desc = MC.LM.getGlobalVariable(DescriptorSymbol);
  assert(Desc && "the descriptor is emitted first");
  Function *New = declareRuntime(MC, "wasmaot_embed_new", MC.Ptr,
                                 {MC.Ptr, MC.Ptr, MC.I64, MC.Ptr, MC.Ptr});
  B.CreateRet(B.CreateCall(New, {Desc, F->getArg(0),
                                 B.getInt64(1 + EI.HostImports.size()),
                                 ThunkTable, F->getArg(1)}));
}

} // namespace

void emitEmbedGlue(ModuleContext &MC, const EmbedInterface &EI) {
  std::vector<Function *> Thunks(EI.ImportIsWasi.size(), nullptr);
  for (size_t I = 0; I < EI.HostImports.size(); ++I)
    Thunks[EI.HostImports[I].FuncIndex] =
        emitThunk(MC, EI.HostImports[I], unsigned(I + 1));
  emitNew(MC, EI, Thunks);
  emitForward(MC, EI.Name + "_delete", MC.Void, {MC.Ptr},
              "wasmaot_embed_delete");
  emitForward(MC, EI.Name + "_trap", MC.Ptr, {MC.Ptr}, "wasmaot_embed_trap");
  for (const EmbedExport &X : EI.Exports)
    emitExport(MC, X);
  for (const EmbedMemory &Mem : EI.Memories)
    emitForward(MC, Mem.Symbol, MC.Ptr, {MC.Ptr, MC.Ptr},
                "wasmaot_embed_memory", {ConstantInt::get(MC.I32, Mem.Index)});
  for (const EmbedGlobal &G : EI.Globals) {
    Function *Cell =
        declareRuntime(MC, "wasmaot_embed_global", MC.Ptr, {MC.Ptr, MC.I32});
    {
      CEntry Get(MC, G.Getter, {}, {G.Type});
      IRBuilder<> &B = Get.builder();
      Value *P = B.CreateCall(Cell, {Get.leading(), B.getInt32(G.Index)});
      Get.ret({B.CreateAlignedLoad(MC.getType(G.Type), P, Align(16))});
    }
    if (!G.Setter.empty()) {
      CEntry Set(MC, G.Setter, {G.Type}, {});
      IRBuilder<> &B = Set.builder();
      Value *P = B.CreateCall(Cell, {Set.leading(), B.getInt32(G.Index)});
      B.CreateAlignedStore(Set.params()[0], P, Align(16));
      Set.ret({});
    }
  }
}

} // namespace wasmaot
