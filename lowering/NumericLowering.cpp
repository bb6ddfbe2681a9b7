//===- NumericLowering.cpp - constants, integer and float arithmetic ------===//
//
// Wasm's float semantics are IEEE 754 with round-to-nearest and no observable
// exceptions, so plain fadd/fsub/fmul/fdiv/sqrt are exact: no constrained
// intrinsics, no fast-math flags (they would block vectorisation or change
// results). min/max propagate NaN and order -0 below +0, which is
// llvm.minimum/maximum (not minnum). Integer operations that LLVM leaves
// undefined (division traps, oversized shifts, float-to-int out of range) are
// made total here.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;

namespace wasmaot {

namespace {
/// The range check of a trapping float-to-int conversion: a value converts
/// when Lower < x < Upper (or Lower <= x when LowerInclusive). Every bound is
/// -1 or a power of two, so it is exact in f32 and f64 alike.
struct TruncBounds {
  double Lower;
  bool LowerInclusive;
  double Upper;
};

TruncBounds getTruncBounds(unsigned Bits, bool Signed, bool FromF64) {
  if (!Signed)
    return {-1.0, false, Bits == 32 ? 4294967296.0 : 18446744073709551616.0};
  if (Bits == 32)
    // -2^31 - 1 is exact only in f64; in f32 the next value below -2^31 is
    // far away, so compare with -2^31 itself.
    return FromF64 ? TruncBounds{-2147483649.0, false, 2147483648.0}
                   : TruncBounds{-2147483648.0, true, 2147483648.0};
  return {-9223372036854775808.0, true, 9223372036854775808.0};
}

/// Whether LLVM may fold `L op R` to one operand (or its negation) and so hand
/// a signalling NaN back unquieted, where Wasm wants a quiet NaN: x - 0,
/// -0 - x, x + -0, x * ±1, ±1 * x, x / ±1. Both the IR optimiser and the
/// backend fold these, and x86 cannot select llvm.canonicalize in LLVM 19.
bool isFoldableIdentityOperand(Value *V) {
  auto *C = dyn_cast<ConstantFP>(V);
  if (!C)
    return false;
  const APFloat &F = C->getValueAPF();
  return F.isZero() || F.isExactlyValue(1.0) || F.isExactlyValue(-1.0);
}

/// Passes V through an empty inline asm as an integer, so that no optimiser
/// can see its value (or, for a conversion, where it came from). Costs a move
/// and is used only for the rare operands above.
Value *hideFromFolding(IRBuilder<> &B, Value *V) {
  Type *FloatTy = V->getType();
  Type *IntTy = B.getIntNTy(FloatTy->getPrimitiveSizeInBits());
  auto *Asm = InlineAsm::get(FunctionType::get(IntTy, {IntTy}, false), "",
                             "=r,0", /*hasSideEffects=*/false);
  return B.CreateBitCast(B.CreateCall(Asm, {B.CreateBitCast(V, IntTy)}),
                         FloatTy);
}
} // namespace

void FunctionEmitter::visitNumeric(const Instr &I) {
  if (!isLive())
    return;
  llvm::Type *I32 = MC.I32, *I64 = MC.I64, *F32 = MC.F32, *F64 = MC.F64;

  auto Unary = [&](auto Fn) { push(Fn(pop())); };
  auto Binary = [&](auto Fn) {
    Value *R = pop();
    Value *L = pop();
    push(Fn(L, R));
  };
  auto Compare = [&](CmpInst::Predicate P) {
    Binary([&](Value *L, Value *R) {
      return B.CreateZExt(B.CreateCmp(P, L, R), I32);
    });
  };
  auto UnaryIntrinsic = [&](Intrinsic::ID ID) {
    Unary([&](Value *X) { return B.CreateUnaryIntrinsic(ID, X); });
  };
  auto BinaryIntrinsic = [&](Intrinsic::ID ID) {
    Binary(
        [&](Value *L, Value *R) { return B.CreateBinaryIntrinsic(ID, L, R); });
  };
  // llvm.minimum/maximum may hand back a signalling NaN operand unchanged
  // (x86 does), where Wasm wants a quiet one; llvm.canonicalize would quiet
  // it but x86 cannot select it in LLVM 19. A NaN result becomes the
  // canonical NaN, which the spec always allows.
  auto MinMax = [&](Intrinsic::ID ID) {
    Binary([&](Value *L, Value *R) {
      Value *Result = B.CreateBinaryIntrinsic(ID, L, R);
      return B.CreateSelect(B.CreateFCmpUNO(Result, Result),
                            ConstantFP::getQNaN(Result->getType()), Result);
    });
  };
  auto FloatArith = [&](Instruction::BinaryOps Op) {
    Binary([&](Value *L, Value *R) {
      if (isFoldableIdentityOperand(L))
        L = hideFromFolding(B, L);
      if (isFoldableIdentityOperand(R))
        R = hideFromFolding(B, R);
      return B.CreateBinOp(Op, L, R);
    });
  };
  // clz/ctz of 0 is the bit width in Wasm, so "zero is poison" is false.
  auto BitCount = [&](Intrinsic::ID ID) {
    Unary([&](Value *X) {
      return B.CreateIntrinsic(ID, {X->getType()}, {X, B.getFalse()});
    });
  };
  // The count is taken modulo the width, as LLVM does not.
  auto Shift = [&](Instruction::BinaryOps Op) {
    Binary([&](Value *L, Value *R) {
      unsigned Bits = L->getType()->getIntegerBitWidth();
      Value *Count = B.CreateAnd(R, ConstantInt::get(R->getType(), Bits - 1));
      return B.CreateBinOp(Op, L, Count);
    });
  };
  // fshl/fshr take the count modulo the width already.
  auto Rotate = [&](Intrinsic::ID ID) {
    Binary([&](Value *L, Value *R) {
      return B.CreateIntrinsic(ID, {L->getType()}, {L, L, R});
    });
  };
  auto DivRem = [&](Instruction::BinaryOps Op) {
    Value *R = pop();
    Value *L = pop();
    llvm::Type *Ty = L->getType();
    trapIf(B.CreateICmpEQ(R, ConstantInt::get(Ty, 0)),
           TrapKind::IntegerDivideByZero, I.Offset);
    if (Op == Instruction::SDiv || Op == Instruction::SRem) {
      unsigned Bits = Ty->getIntegerBitWidth();
      Value *RIsMinusOne = B.CreateICmpEQ(R, ConstantInt::getAllOnesValue(Ty));
      auto *Known = dyn_cast<ConstantInt>(RIsMinusOne);
      bool MayBeMinusOne = !Known || !Known->isZero();
      if (Op == Instruction::SDiv && MayBeMinusOne) {
        Value *LIsMin = B.CreateICmpEQ(
            L, ConstantInt::get(Ty, APInt::getSignedMinValue(Bits)));
        trapIf(B.CreateAnd(LIsMin, RIsMinusOne), TrapKind::IntegerOverflow,
               I.Offset);
      } else if (Op == Instruction::SRem && MayBeMinusOne) {
        // x rem -1 is 0 for every x, and so is x rem 1; the latter is
        // defined in LLVM for INT_MIN too.
        R = B.CreateSelect(RIsMinusOne, ConstantInt::get(Ty, 1), R);
      }
    }
    push(B.CreateBinOp(Op, L, R));
  };
  auto TruncTrapping = [&](llvm::Type *IntTy, bool Signed) {
    Value *X = pop();
    trapIf(B.CreateFCmpUNO(X, X), TrapKind::InvalidConversionToInteger,
           I.Offset);
    TruncBounds Bounds = getTruncBounds(IntTy->getIntegerBitWidth(), Signed,
                                        X->getType()->isDoubleTy());
    Value *Lower = ConstantFP::get(X->getType(), Bounds.Lower);
    Value *Upper = ConstantFP::get(X->getType(), Bounds.Upper);
    Value *AboveLower = Bounds.LowerInclusive ? B.CreateFCmpOGE(X, Lower)
                                              : B.CreateFCmpOGT(X, Lower);
    Value *InRange = B.CreateAnd(AboveLower, B.CreateFCmpOLT(X, Upper));
    trapIf(B.CreateNot(InRange), TrapKind::IntegerOverflow, I.Offset);
    push(Signed ? B.CreateFPToSI(X, IntTy) : B.CreateFPToUI(X, IntTy));
  };
  auto TruncSat = [&](llvm::Type *IntTy, bool Signed) {
    Unary([&](Value *X) {
      return B.CreateIntrinsic(Signed ? Intrinsic::fptosi_sat
                                      : Intrinsic::fptoui_sat,
                               {IntTy, X->getType()}, {X});
    });
  };
  auto Cast = [&](Instruction::CastOps Op, llvm::Type *To) {
    Unary([&](Value *X) { return B.CreateCast(Op, X, To); });
  };
  // extendN_s: sign-extend the low N bits in place.
  auto ExtendLow = [&](unsigned Bits) {
    Unary([&](Value *X) {
      return B.CreateSExt(B.CreateTrunc(X, B.getIntNTy(Bits)), X->getType());
    });
  };
  auto Eqz = [&]() {
    Unary([&](Value *X) {
      return B.CreateZExt(B.CreateICmpEQ(X, ConstantInt::get(X->getType(), 0)),
                          I32);
    });
  };

  switch (I.Op) {
  case Opcode::I32Const:
    return push(B.getInt32(static_cast<uint32_t>(I.Bits)));
  case Opcode::I64Const:
    return push(B.getInt64(I.Bits));
  // From the bits, so that NaN payloads survive.
  case Opcode::F32Const:
    return push(ConstantFP::get(
        MC.Ctx, APFloat(APFloat::IEEEsingle(),
                        APInt(32, static_cast<uint32_t>(I.Bits)))));
  case Opcode::F64Const:
    return push(ConstantFP::get(
        MC.Ctx, APFloat(APFloat::IEEEdouble(), APInt(64, I.Bits))));

  case Opcode::I32Eqz:
  case Opcode::I64Eqz:
    return Eqz();
  case Opcode::I32Eq:
  case Opcode::I64Eq:
    return Compare(CmpInst::ICMP_EQ);
  case Opcode::I32Ne:
  case Opcode::I64Ne:
    return Compare(CmpInst::ICMP_NE);
  case Opcode::I32LtS:
  case Opcode::I64LtS:
    return Compare(CmpInst::ICMP_SLT);
  case Opcode::I32LtU:
  case Opcode::I64LtU:
    return Compare(CmpInst::ICMP_ULT);
  case Opcode::I32GtS:
  case Opcode::I64GtS:
    return Compare(CmpInst::ICMP_SGT);
  case Opcode::I32GtU:
  case Opcode::I64GtU:
    return Compare(CmpInst::ICMP_UGT);
  case Opcode::I32LeS:
  case Opcode::I64LeS:
    return Compare(CmpInst::ICMP_SLE);
  case Opcode::I32LeU:
  case Opcode::I64LeU:
    return Compare(CmpInst::ICMP_ULE);
  case Opcode::I32GeS:
  case Opcode::I64GeS:
    return Compare(CmpInst::ICMP_SGE);
  case Opcode::I32GeU:
  case Opcode::I64GeU:
    return Compare(CmpInst::ICMP_UGE);
  // Ordered compares are false on NaN, `ne` is unordered and true on NaN.
  case Opcode::F32Eq:
  case Opcode::F64Eq:
    return Compare(CmpInst::FCMP_OEQ);
  case Opcode::F32Ne:
  case Opcode::F64Ne:
    return Compare(CmpInst::FCMP_UNE);
  case Opcode::F32Lt:
  case Opcode::F64Lt:
    return Compare(CmpInst::FCMP_OLT);
  case Opcode::F32Gt:
  case Opcode::F64Gt:
    return Compare(CmpInst::FCMP_OGT);
  case Opcode::F32Le:
  case Opcode::F64Le:
    return Compare(CmpInst::FCMP_OLE);
  case Opcode::F32Ge:
  case Opcode::F64Ge:
    return Compare(CmpInst::FCMP_OGE);

  case Opcode::I32Clz:
  case Opcode::I64Clz:
    return BitCount(Intrinsic::ctlz);
  case Opcode::I32Ctz:
  case Opcode::I64Ctz:
    return BitCount(Intrinsic::cttz);
  case Opcode::I32Popcnt:
  case Opcode::I64Popcnt:
    return UnaryIntrinsic(Intrinsic::ctpop);
  // Wrapping: never nsw/nuw.
  case Opcode::I32Add:
  case Opcode::I64Add:
    return Binary([&](Value *L, Value *R) { return B.CreateAdd(L, R); });
  case Opcode::I32Sub:
  case Opcode::I64Sub:
    return Binary([&](Value *L, Value *R) { return B.CreateSub(L, R); });
  case Opcode::I32Mul:
  case Opcode::I64Mul:
    return Binary([&](Value *L, Value *R) { return B.CreateMul(L, R); });
  case Opcode::I32DivS:
  case Opcode::I64DivS:
    return DivRem(Instruction::SDiv);
  case Opcode::I32DivU:
  case Opcode::I64DivU:
    return DivRem(Instruction::UDiv);
  case Opcode::I32RemS:
  case Opcode::I64RemS:
    return DivRem(Instruction::SRem);
  case Opcode::I32RemU:
  case Opcode::I64RemU:
    return DivRem(Instruction::URem);
  case Opcode::I32And:
  case Opcode::I64And:
    return Binary([&](Value *L, Value *R) { return B.CreateAnd(L, R); });
  case Opcode::I32Or:
  case Opcode::I64Or:
    return Binary([&](Value *L, Value *R) { return B.CreateOr(L, R); });
  case Opcode::I32Xor:
  case Opcode::I64Xor:
    return Binary([&](Value *L, Value *R) { return B.CreateXor(L, R); });
  case Opcode::I32Shl:
  case Opcode::I64Shl:
    return Shift(Instruction::Shl);
  case Opcode::I32ShrS:
  case Opcode::I64ShrS:
    return Shift(Instruction::AShr);
  case Opcode::I32ShrU:
  case Opcode::I64ShrU:
    return Shift(Instruction::LShr);
  case Opcode::I32Rotl:
  case Opcode::I64Rotl:
    return Rotate(Intrinsic::fshl);
  case Opcode::I32Rotr:
  case Opcode::I64Rotr:
    return Rotate(Intrinsic::fshr);

  case Opcode::F32Abs:
  case Opcode::F64Abs:
    return UnaryIntrinsic(Intrinsic::fabs);
  case Opcode::F32Neg:
  case Opcode::F64Neg:
    return Unary([&](Value *X) { return B.CreateFNeg(X); });
  case Opcode::F32Ceil:
  case Opcode::F64Ceil:
    return UnaryIntrinsic(Intrinsic::ceil);
  case Opcode::F32Floor:
  case Opcode::F64Floor:
    return UnaryIntrinsic(Intrinsic::floor);
  case Opcode::F32Trunc:
  case Opcode::F64Trunc:
    return UnaryIntrinsic(Intrinsic::trunc);
  case Opcode::F32Nearest:
  case Opcode::F64Nearest:
    return UnaryIntrinsic(Intrinsic::roundeven);
  case Opcode::F32Sqrt:
  case Opcode::F64Sqrt:
    return UnaryIntrinsic(Intrinsic::sqrt);
  case Opcode::F32Add:
  case Opcode::F64Add:
    return FloatArith(Instruction::FAdd);
  case Opcode::F32Sub:
  case Opcode::F64Sub:
    return FloatArith(Instruction::FSub);
  case Opcode::F32Mul:
  case Opcode::F64Mul:
    return FloatArith(Instruction::FMul);
  case Opcode::F32Div:
  case Opcode::F64Div:
    return FloatArith(Instruction::FDiv);
  case Opcode::F32Min:
  case Opcode::F64Min:
    return MinMax(Intrinsic::minimum);
  case Opcode::F32Max:
  case Opcode::F64Max:
    return MinMax(Intrinsic::maximum);
  case Opcode::F32Copysign:
  case Opcode::F64Copysign:
    return BinaryIntrinsic(Intrinsic::copysign);

  case Opcode::I32WrapI64:
    return Cast(Instruction::Trunc, I32);
  case Opcode::I32TruncF32S:
  case Opcode::I32TruncF64S:
    return TruncTrapping(I32, true);
  case Opcode::I32TruncF32U:
  case Opcode::I32TruncF64U:
    return TruncTrapping(I32, false);
  case Opcode::I64TruncF32S:
  case Opcode::I64TruncF64S:
    return TruncTrapping(I64, true);
  case Opcode::I64TruncF32U:
  case Opcode::I64TruncF64U:
    return TruncTrapping(I64, false);
  case Opcode::I64ExtendI32S:
    return Cast(Instruction::SExt, I64);
  case Opcode::I64ExtendI32U:
    return Cast(Instruction::ZExt, I64);
  case Opcode::F32ConvertI32S:
  case Opcode::F32ConvertI64S:
    return Cast(Instruction::SIToFP, F32);
  case Opcode::F32ConvertI32U:
  case Opcode::F32ConvertI64U:
    return Cast(Instruction::UIToFP, F32);
  case Opcode::F64ConvertI32S:
  case Opcode::F64ConvertI64S:
    return Cast(Instruction::SIToFP, F64);
  case Opcode::F64ConvertI32U:
  case Opcode::F64ConvertI64U:
    return Cast(Instruction::UIToFP, F64);
  case Opcode::F32DemoteF64:
    // demote(promote(x)) would fold to x, keeping a signalling NaN.
    if (Value *X = pop(); isa<FPExtInst>(X))
      push(hideFromFolding(B, X));
    else
      push(X);
    return Cast(Instruction::FPTrunc, F32);
  case Opcode::F64PromoteF32:
    return Cast(Instruction::FPExt, F64);
  case Opcode::I32ReinterpretF32:
    return Cast(Instruction::BitCast, I32);
  case Opcode::I64ReinterpretF64:
    return Cast(Instruction::BitCast, I64);
  case Opcode::F32ReinterpretI32:
    return Cast(Instruction::BitCast, F32);
  case Opcode::F64ReinterpretI64:
    return Cast(Instruction::BitCast, F64);

  case Opcode::I32Extend8S:
  case Opcode::I64Extend8S:
    return ExtendLow(8);
  case Opcode::I32Extend16S:
  case Opcode::I64Extend16S:
    return ExtendLow(16);
  case Opcode::I64Extend32S:
    return ExtendLow(32);

  case Opcode::I32TruncSatF32S:
  case Opcode::I32TruncSatF64S:
    return TruncSat(I32, true);
  case Opcode::I32TruncSatF32U:
  case Opcode::I32TruncSatF64U:
    return TruncSat(I32, false);
  case Opcode::I64TruncSatF32S:
  case Opcode::I64TruncSatF64S:
    return TruncSat(I64, true);
  case Opcode::I64TruncSatF32U:
  case Opcode::I64TruncSatF64U:
    return TruncSat(I64, false);

  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
}

} // namespace wasmaot
