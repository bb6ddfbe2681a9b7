//===- CAbi.cpp - The C calling convention at the embedding boundary ------===//
#include "lowering/CAbi.h"

#include "llvm/IR/LLVMContext.h"

using namespace llvm;

namespace wasmaot {

uint64_t getCSize(ValType T) {
  switch (T) {
  case ValType::I32:
  case ValType::F32:
    return 4;
  case ValType::V128:
    return 16;
  default:
    return 8;
  }
}

uint64_t getCAlign(ValType T) {
  return T == ValType::V128 ? 1 : getCSize(T); // uint8_t bytes[16]
}

namespace {

bool isFloat(ValType T) { return T == ValType::F32 || T == ValType::F64; }

Type *getScalarType(LLVMContext &Ctx, ValType T) {
  switch (T) {
  case ValType::I32:
    return Type::getInt32Ty(Ctx);
  case ValType::I64:
    return Type::getInt64Ty(Ctx);
  case ValType::F32:
    return Type::getFloatTy(Ctx);
  case ValType::F64:
    return Type::getDoubleTy(Ctx);
  default:
    return PointerType::get(Ctx, 0);
  }
}

CStructLayout layOut(const std::vector<ValType> &Fields) {
  CStructLayout L;
  for (ValType T : Fields) {
    uint64_t A = getCAlign(T);
    L.Size = (L.Size + A - 1) / A * A;
    L.Offsets.push_back(L.Size);
    L.Size += getCSize(T);
    L.Align = std::max(L.Align, A);
  }
  L.Size = (L.Size + L.Align - 1) / L.Align * L.Align;
  return L;
}

/// System V x86-64: a struct of more than 16 bytes goes in memory (null);
/// in a smaller one each eightbyte is SSE when only float fields overlap it,
/// else INTEGER, and the IR type has one element per eightbyte (i64; double,
/// float or <2 x float>).
Type *coerceX86(LLVMContext &Ctx, const std::vector<ValType> &Fields,
                const CStructLayout &L) {
  if (L.Size > 16)
    return nullptr;
  SmallVector<Type *, 2> Parts;
  for (uint64_t Begin = 0; Begin < L.Size; Begin += 8) {
    SmallVector<ValType, 2> In;
    bool Integer = false;
    for (size_t I = 0; I < Fields.size(); ++I) {
      uint64_t Off = L.Offsets[I], End = Off + getCSize(Fields[I]);
      if (Off < Begin + 8 && End > Begin) {
        In.push_back(Fields[I]);
        Integer |= !isFloat(Fields[I]);
      }
    }
    if (Integer || In.empty())
      Parts.push_back(Type::getInt64Ty(Ctx));
    else if (In.size() == 2)
      Parts.push_back(FixedVectorType::get(Type::getFloatTy(Ctx), 2));
    else
      Parts.push_back(getScalarType(Ctx, In[0]));
  }
  return Parts.size() == 1 ? Parts[0] : StructType::get(Ctx, Parts);
}

/// AAPCS64, a struct of at most 16 bytes or a homogeneous floating-point
/// aggregate (one to four fields of one float type, in v registers): the
/// HFA as an array of its type, anything else as i64 or [2 x i64]; a
/// larger struct goes in memory (null).
Type *coerceAArch64(LLVMContext &Ctx, const std::vector<ValType> &Fields,
                    const CStructLayout &L) {
  bool Hfa = Fields.size() <= 4 && isFloat(Fields[0]) &&
             std::all_of(Fields.begin(), Fields.end(),
                         [&](ValType T) { return T == Fields[0]; });
  if (Hfa)
    return ArrayType::get(getScalarType(Ctx, Fields[0]), Fields.size());
  if (L.Size > 16)
    return nullptr;
  if (L.Size <= 8)
    return Type::getInt64Ty(Ctx);
  return ArrayType::get(Type::getInt64Ty(Ctx), 2);
}

} // namespace

CSignature getCSignature(LLVMContext &Ctx, const Triple &T,
                         const std::vector<ValType> &Params,
                         const std::vector<ValType> &Results) {
  bool X86 = T.getArch() == Triple::x86_64;
  Type *Ptr = PointerType::get(Ctx, 0);
  Type *I64 = Type::getInt64Ty(Ctx);
  CSignature S;
  SmallVector<Type *, 8> Args;

  // Results first: a struct returned in memory takes the first argument
  // (and, on x86-64, its integer register).
  Type *RetTy = Type::getVoidTy(Ctx);
  if (Results.size() == 1 && Results[0] != ValType::V128) {
    S.Ret = CSignature::Return::Direct;
    RetTy = getScalarType(Ctx, Results[0]);
  } else if (!Results.empty()) {
    S.Results = layOut(Results);
    S.CoercedType = X86 ? coerceX86(Ctx, Results, S.Results)
                        : coerceAArch64(Ctx, Results, S.Results);
    if (S.CoercedType) {
      S.Ret = CSignature::Return::Coerced;
      RetTy = S.CoercedType;
    } else {
      S.Ret = CSignature::Return::Memory;
      Args.push_back(Ptr);
    }
  }

  Args.push_back(Ptr); // the instance, or the host's user pointer
  // x86-64 passes a v128 in two integer registers only when both are free
  // (six in all), else wholly on the stack; AArch64's [2 x i64] is placed
  // by LLVM with the same all-or-nothing rule.
  unsigned FreeGprs = 6 - unsigned(Args.size());
  for (ValType P : Params) {
    if (P != ValType::V128) {
      S.Params.push_back(CSignature::Param::Direct);
      Args.push_back(getScalarType(Ctx, P));
      if (!isFloat(P) && FreeGprs > 0)
        --FreeGprs;
      continue;
    }
    if (!X86) {
      S.Params.push_back(CSignature::Param::Pair);
      Args.push_back(ArrayType::get(I64, 2));
    } else if (FreeGprs >= 2) {
      S.Params.push_back(CSignature::Param::Pair);
      Args.push_back(I64);
      Args.push_back(I64);
      FreeGprs -= 2;
    } else {
      S.Params.push_back(CSignature::Param::Memory);
      Args.push_back(Ptr);
    }
  }
  S.Type = FunctionType::get(RetTy, Args, false);
  return S;
}

} // namespace wasmaot
