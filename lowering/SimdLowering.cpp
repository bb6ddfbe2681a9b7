//===- SimdLowering.cpp - v128 constants, lanes and arithmetic ------------===//
//
// A v128 is <2 x i64> on the operand stack, in locals, globals and calls; each
// instruction bitcasts it to the lane shape it works on (<16 x i8> ...
// <2 x double>) and its result back. The IR is generic vector IR, so it
// compiles for any target: LLVM picks SSE/NEON instructions where they exist
// and expands the rest (i64x2.mul, f32x4.nearest on SSE2...).
//
// Where Wasm is total and LLVM is not, the operation is made total here:
// shift counts are taken modulo the lane width, swizzle indices above 15 give
// 0, abs of the minimum value is itself. Float arithmetic is plain fadd/fmul
// as in NumericLowering.cpp; min/max are llvm.minimum/maximum with a NaN
// result replaced by the canonical NaN, as the scalar ones are.
// The memory instructions are in SimdMemoryLowering.cpp.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/IntrinsicsAArch64.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace wasmaot {

void FunctionEmitter::visitSimd(const Instr &I) {
  if (!isLive())
    return;
  ImmKind Imm = getOpcodeInfo(I.Op).Imm;
  if (Imm == ImmKind::MemArg || Imm == ImmKind::MemArgLane)
    return visitSimdMemory(I);

  llvm::Type *I8 = MC.I8, *I16 = B.getInt16Ty(), *I32 = MC.I32, *I64 = MC.I64,
             *F32 = MC.F32, *F64 = MC.F64;
  auto Vec = [](llvm::Type *Lane, unsigned N) -> FixedVectorType * {
    return FixedVectorType::get(Lane, N);
  };
  FixedVectorType *V16I8 = Vec(I8, 16), *V8I16 = Vec(I16, 8),
                  *V4I32 = Vec(I32, 4), *V2I64 = Vec(I64, 2),
                  *V4F32 = Vec(F32, 4), *V2F64 = Vec(F64, 2);

  auto As = [&](Value *V, llvm::Type *T) { return B.CreateBitCast(V, T); };
  auto PushV = [&](Value *V) { push(B.CreateBitCast(V, MC.V128)); };
  auto PopAs = [&](llvm::Type *T) { return As(pop(), T); };

  // The integer vector with the same lanes as VT, and with lanes twice as
  // wide (and half as many: extend, extmul, narrow).
  auto IntLanes = [&](FixedVectorType *VT) {
    return VectorType::getInteger(VT);
  };
  auto Wider = [&](FixedVectorType *VT, unsigned Lanes) {
    return Vec(B.getIntNTy(VT->getScalarSizeInBits() * 2), Lanes);
  };
  // Lanes [First, First + N) of V.
  auto Half = [&](Value *V, unsigned First, unsigned N) {
    SmallVector<int, 16> Mask;
    for (unsigned L = 0; L < N; ++L)
      Mask.push_back(int(First + L));
    return B.CreateShuffleVector(V, Mask);
  };
  // The even (Odd = 0) or odd lanes of V.
  auto EvenOdd = [&](Value *V, unsigned Odd) {
    unsigned N = cast<FixedVectorType>(V->getType())->getNumElements();
    SmallVector<int, 16> Mask;
    for (unsigned L = Odd; L < N; L += 2)
      Mask.push_back(int(L));
    return B.CreateShuffleVector(V, Mask);
  };

  auto Unary = [&](FixedVectorType *VT, auto Fn) { PushV(Fn(PopAs(VT))); };
  auto Binary = [&](FixedVectorType *VT, auto Fn) {
    Value *R = PopAs(VT);
    Value *L = PopAs(VT);
    PushV(Fn(L, R));
  };
  auto BinOp = [&](FixedVectorType *VT, Instruction::BinaryOps Op) {
    Binary(VT, [&](Value *L, Value *R) { return B.CreateBinOp(Op, L, R); });
  };
  auto UnaryIntrinsic = [&](FixedVectorType *VT, Intrinsic::ID ID) {
    Unary(VT, [&](Value *X) { return B.CreateUnaryIntrinsic(ID, X); });
  };
  auto BinaryIntrinsic = [&](FixedVectorType *VT, Intrinsic::ID ID) {
    Binary(VT, [&](Value *L, Value *R) {
      return B.CreateBinaryIntrinsic(ID, L, R);
    });
  };
  // All ones in the lanes where the comparison holds.
  auto Compare = [&](FixedVectorType *VT, CmpInst::Predicate P) {
    Binary(VT, [&](Value *L, Value *R) {
      return B.CreateSExt(B.CreateCmp(P, L, R), IntLanes(VT));
    });
  };
  // llvm.minimum/maximum may return a signalling NaN operand unchanged (as
  // the scalar lowering notes); a NaN lane becomes the canonical NaN.
  auto MinMax = [&](FixedVectorType *VT, Intrinsic::ID ID) {
    Binary(VT, [&](Value *L, Value *R) {
      Value *Result = B.CreateBinaryIntrinsic(ID, L, R);
      return B.CreateSelect(B.CreateFCmpUNO(Result, Result),
                            ConstantFP::getQNaN(VT), Result);
    });
  };
  // pmin is `b < a ? b : a`, pmax `a < b ? b : a`: NaN operands pass
  // through as they are, so no canonicalisation.
  auto PseudoMinMax = [&](FixedVectorType *VT, bool IsMax) {
    Binary(VT, [&](Value *L, Value *R) {
      Value *Cond = IsMax ? B.CreateFCmpOLT(L, R) : B.CreateFCmpOLT(R, L);
      return B.CreateSelect(Cond, R, L);
    });
  };
  // The count is an i32 taken modulo the lane width.
  auto Shift = [&](FixedVectorType *VT, Instruction::BinaryOps Op) {
    Value *Count = pop();
    Value *X = PopAs(VT);
    unsigned Bits = VT->getScalarSizeInBits();
    Count = B.CreateAnd(Count, B.getInt32(Bits - 1));
    Count = B.CreateZExtOrTrunc(Count, VT->getElementType());
    PushV(
        B.CreateBinOp(Op, X, B.CreateVectorSplat(VT->getNumElements(), Count)));
  };
  auto Splat = [&](FixedVectorType *VT) {
    Value *X = pop();
    if (X->getType() != VT->getElementType())
      X = B.CreateTrunc(X, VT->getElementType());
    PushV(B.CreateVectorSplat(VT->getNumElements(), X));
  };
  auto ExtractLane = [&](FixedVectorType *VT, std::optional<bool> Signed) {
    Value *X = B.CreateExtractElement(PopAs(VT), uint64_t(I.Lane));
    if (Signed)
      X = *Signed ? B.CreateSExt(X, I32) : B.CreateZExt(X, I32);
    push(X);
  };
  auto ReplaceLane = [&](FixedVectorType *VT) {
    Value *X = pop();
    Value *V = PopAs(VT);
    if (X->getType() != VT->getElementType())
      X = B.CreateTrunc(X, VT->getElementType());
    PushV(B.CreateInsertElement(V, X, uint64_t(I.Lane)));
  };
  // Every lane nonzero.
  auto AllTrue = [&](FixedVectorType *VT) {
    Value *X = PopAs(VT);
    Value *NonZero = B.CreateICmpNE(X, Constant::getNullValue(VT));
    push(B.CreateZExt(B.CreateAndReduce(NonZero), I32));
  };
  // The sign bits of the lanes, lane 0 in bit 0.
  auto Bitmask = [&](FixedVectorType *VT) {
    Value *X = PopAs(VT);
    Value *Negative = B.CreateICmpSLT(X, Constant::getNullValue(VT));
    Value *Bits = B.CreateBitCast(Negative, B.getIntNTy(VT->getNumElements()));
    push(B.CreateZExt(Bits, I32));
  };
  // Both operands' lanes, each saturated to the narrower lane (signed or
  // unsigned; the inputs are signed either way), the first operand's low.
  auto Narrow = [&](FixedVectorType *VT, bool Signed) {
    Value *R = PopAs(VT);
    Value *L = PopAs(VT);
    unsigned N = VT->getNumElements();
    unsigned NarrowBits = VT->getScalarSizeInBits() / 2;
    SmallVector<int, 16> Mask;
    for (unsigned Lane = 0; Lane < 2 * N; ++Lane)
      Mask.push_back(int(Lane));
    Value *Both = B.CreateShuffleVector(L, R, Mask);
    llvm::Type *WideT = Both->getType();
    APInt Lo = Signed ? APInt::getSignedMinValue(NarrowBits)
                            .sext(VT->getScalarSizeInBits())
                      : APInt::getZero(VT->getScalarSizeInBits());
    APInt Hi =
        Signed ? APInt::getSignedMaxValue(NarrowBits)
                     .sext(VT->getScalarSizeInBits())
               : APInt::getMaxValue(NarrowBits).zext(VT->getScalarSizeInBits());
    Value *Clamped = B.CreateBinaryIntrinsic(Intrinsic::smax, Both,
                                             ConstantInt::get(WideT, Lo));
    Clamped = B.CreateBinaryIntrinsic(Intrinsic::smin, Clamped,
                                      ConstantInt::get(WideT, Hi));
    PushV(B.CreateTrunc(Clamped, Vec(B.getIntNTy(NarrowBits), 2 * N)));
  };
  // Half of the lanes of VT (low: 0..N/2-1), each extended to twice the width.
  auto Extend = [&](FixedVectorType *VT, bool High, bool Signed) {
    Value *X = PopAs(VT);
    unsigned N = VT->getNumElements() / 2;
    X = Half(X, High ? N : 0, N);
    llvm::Type *WideT = Wider(VT, N);
    PushV(Signed ? B.CreateSExt(X, WideT) : B.CreateZExt(X, WideT));
  };
  auto ExtMul = [&](FixedVectorType *VT, bool High, bool Signed) {
    Value *R = PopAs(VT);
    Value *L = PopAs(VT);
    unsigned N = VT->getNumElements() / 2;
    llvm::Type *WideT = Wider(VT, N);
    auto Ext = [&](Value *X) {
      X = Half(X, High ? N : 0, N);
      return Signed ? B.CreateSExt(X, WideT) : B.CreateZExt(X, WideT);
    };
    PushV(B.CreateMul(Ext(L), Ext(R)));
  };
  auto ExtAddPairwise = [&](FixedVectorType *VT, bool Signed) {
    Value *X = PopAs(VT);
    llvm::Type *WideT = Wider(VT, VT->getNumElements());
    X = Signed ? B.CreateSExt(X, WideT) : B.CreateZExt(X, WideT);
    PushV(B.CreateAdd(EvenOdd(X, 0), EvenOdd(X, 1)));
  };
  // (a + b + 1) / 2 without overflow: in lanes twice as wide.
  auto AvgrU = [&](FixedVectorType *VT) {
    Binary(VT, [&](Value *L, Value *R) {
      llvm::Type *WideT = Wider(VT, VT->getNumElements());
      Value *Sum = B.CreateAdd(B.CreateZExt(L, WideT), B.CreateZExt(R, WideT));
      Sum = B.CreateAdd(Sum, ConstantInt::get(WideT, 1));
      return B.CreateTrunc(B.CreateLShr(Sum, ConstantInt::get(WideT, 1)), VT);
    });
  };
  auto Abs = [&](FixedVectorType *VT) {
    // abs of the minimum value is the minimum value: not poison.
    Unary(VT, [&](Value *X) {
      return B.CreateBinaryIntrinsic(Intrinsic::abs, X, B.getFalse());
    });
  };
  auto Neg = [&](FixedVectorType *VT) {
    Unary(VT, [&](Value *X) { return B.CreateNeg(X); });
  };
  auto Cast = [&](FixedVectorType *From, Instruction::CastOps Op,
                  FixedVectorType *To) {
    Unary(From, [&](Value *X) { return B.CreateCast(Op, X, To); });
  };
  auto TruncSat = [&](FixedVectorType *From, bool Signed, unsigned Lanes) {
    Unary(From, [&](Value *X) {
      Value *R = B.CreateIntrinsic(Signed ? Intrinsic::fptosi_sat
                                          : Intrinsic::fptoui_sat,
                                   {Vec(I32, Lanes), From}, {X});
      if (Lanes == 4)
        return R;
      // The f64x2 forms fill lanes 2 and 3 with zeros.
      return B.CreateShuffleVector(R, Constant::getNullValue(R->getType()),
                                   ArrayRef<int>{0, 1, 2, 3});
    });
  };

  switch (I.Op) {
  case Opcode::V128Const: {
    uint64_t Lanes[2] = {0, 0};
    for (unsigned Byte = 0; Byte < 16; ++Byte)
      Lanes[Byte / 8] |= uint64_t(I.V128[Byte]) << (8 * (Byte % 8));
    push(ConstantDataVector::get(MC.Ctx, ArrayRef<uint64_t>(Lanes)));
    return;
  }
  case Opcode::I8x16Shuffle: {
    Value *R = PopAs(V16I8);
    Value *L = PopAs(V16I8);
    SmallVector<int, 16> Mask(I.V128.begin(), I.V128.end());
    PushV(B.CreateShuffleVector(L, R, Mask));
    return;
  }
  case Opcode::I8x16Swizzle: {
    Value *Indices = PopAs(V16I8);
    Value *X = PopAs(V16I8);
    // AArch64's TBL is exactly swizzle (an index above 15 selects 0) and is
    // in every ARMv8-A core; LLVM does not find it in the generic form below.
    if (Triple(MC.Opts.Triple).isAArch64()) {
      PushV(B.CreateIntrinsic(Intrinsic::aarch64_neon_tbl1, {V16I8},
                              {X, Indices}));
      return;
    }
    // No variable shuffle in generic IR: lane by lane, an index above 15
    // selecting 0. (x86's pshufb needs SSSE3, beyond the portable baseline.)
    Value *Result = Constant::getNullValue(V16I8);
    for (unsigned Lane = 0; Lane < 16; ++Lane) {
      Value *Index = B.CreateExtractElement(Indices, uint64_t(Lane));
      Value *Elt = B.CreateExtractElement(X, B.CreateAnd(Index, 15));
      Elt = B.CreateSelect(B.CreateICmpULT(Index, B.getInt8(16)), Elt,
                           B.getInt8(0));
      Result = B.CreateInsertElement(Result, Elt, uint64_t(Lane));
    }
    PushV(Result);
    return;
  }

  case Opcode::I8x16Splat:
    return Splat(V16I8);
  case Opcode::I16x8Splat:
    return Splat(V8I16);
  case Opcode::I32x4Splat:
    return Splat(V4I32);
  case Opcode::I64x2Splat:
    return Splat(V2I64);
  case Opcode::F32x4Splat:
    return Splat(V4F32);
  case Opcode::F64x2Splat:
    return Splat(V2F64);

  case Opcode::I8x16ExtractLaneS:
    return ExtractLane(V16I8, true);
  case Opcode::I8x16ExtractLaneU:
    return ExtractLane(V16I8, false);
  case Opcode::I16x8ExtractLaneS:
    return ExtractLane(V8I16, true);
  case Opcode::I16x8ExtractLaneU:
    return ExtractLane(V8I16, false);
  case Opcode::I32x4ExtractLane:
    return ExtractLane(V4I32, std::nullopt);
  case Opcode::I64x2ExtractLane:
    return ExtractLane(V2I64, std::nullopt);
  case Opcode::F32x4ExtractLane:
    return ExtractLane(V4F32, std::nullopt);
  case Opcode::F64x2ExtractLane:
    return ExtractLane(V2F64, std::nullopt);
  case Opcode::I8x16ReplaceLane:
    return ReplaceLane(V16I8);
  case Opcode::I16x8ReplaceLane:
    return ReplaceLane(V8I16);
  case Opcode::I32x4ReplaceLane:
    return ReplaceLane(V4I32);
  case Opcode::I64x2ReplaceLane:
    return ReplaceLane(V2I64);
  case Opcode::F32x4ReplaceLane:
    return ReplaceLane(V4F32);
  case Opcode::F64x2ReplaceLane:
    return ReplaceLane(V2F64);

  // Comparisons.
  case Opcode::I8x16Eq:
    return Compare(V16I8, CmpInst::ICMP_EQ);
  case Opcode::I8x16Ne:
    return Compare(V16I8, CmpInst::ICMP_NE);
  case Opcode::I8x16LtS:
    return Compare(V16I8, CmpInst::ICMP_SLT);
  case Opcode::I8x16LtU:
    return Compare(V16I8, CmpInst::ICMP_ULT);
  case Opcode::I8x16GtS:
    return Compare(V16I8, CmpInst::ICMP_SGT);
  case Opcode::I8x16GtU:
    return Compare(V16I8, CmpInst::ICMP_UGT);
  case Opcode::I8x16LeS:
    return Compare(V16I8, CmpInst::ICMP_SLE);
  case Opcode::I8x16LeU:
    return Compare(V16I8, CmpInst::ICMP_ULE);
  case Opcode::I8x16GeS:
    return Compare(V16I8, CmpInst::ICMP_SGE);
  case Opcode::I8x16GeU:
    return Compare(V16I8, CmpInst::ICMP_UGE);
  case Opcode::I16x8Eq:
    return Compare(V8I16, CmpInst::ICMP_EQ);
  case Opcode::I16x8Ne:
    return Compare(V8I16, CmpInst::ICMP_NE);
  case Opcode::I16x8LtS:
    return Compare(V8I16, CmpInst::ICMP_SLT);
  case Opcode::I16x8LtU:
    return Compare(V8I16, CmpInst::ICMP_ULT);
  case Opcode::I16x8GtS:
    return Compare(V8I16, CmpInst::ICMP_SGT);
  case Opcode::I16x8GtU:
    return Compare(V8I16, CmpInst::ICMP_UGT);
  case Opcode::I16x8LeS:
    return Compare(V8I16, CmpInst::ICMP_SLE);
  case Opcode::I16x8LeU:
    return Compare(V8I16, CmpInst::ICMP_ULE);
  case Opcode::I16x8GeS:
    return Compare(V8I16, CmpInst::ICMP_SGE);
  case Opcode::I16x8GeU:
    return Compare(V8I16, CmpInst::ICMP_UGE);
  case Opcode::I32x4Eq:
    return Compare(V4I32, CmpInst::ICMP_EQ);
  case Opcode::I32x4Ne:
    return Compare(V4I32, CmpInst::ICMP_NE);
  case Opcode::I32x4LtS:
    return Compare(V4I32, CmpInst::ICMP_SLT);
  case Opcode::I32x4LtU:
    return Compare(V4I32, CmpInst::ICMP_ULT);
  case Opcode::I32x4GtS:
    return Compare(V4I32, CmpInst::ICMP_SGT);
  case Opcode::I32x4GtU:
    return Compare(V4I32, CmpInst::ICMP_UGT);
  case Opcode::I32x4LeS:
    return Compare(V4I32, CmpInst::ICMP_SLE);
  case Opcode::I32x4LeU:
    return Compare(V4I32, CmpInst::ICMP_ULE);
  case Opcode::I32x4GeS:
    return Compare(V4I32, CmpInst::ICMP_SGE);
  case Opcode::I32x4GeU:
    return Compare(V4I32, CmpInst::ICMP_UGE);
  case Opcode::I64x2Eq:
    return Compare(V2I64, CmpInst::ICMP_EQ);
  case Opcode::I64x2Ne:
    return Compare(V2I64, CmpInst::ICMP_NE);
  case Opcode::I64x2LtS:
    return Compare(V2I64, CmpInst::ICMP_SLT);
  case Opcode::I64x2GtS:
    return Compare(V2I64, CmpInst::ICMP_SGT);
  case Opcode::I64x2LeS:
    return Compare(V2I64, CmpInst::ICMP_SLE);
  case Opcode::I64x2GeS:
    return Compare(V2I64, CmpInst::ICMP_SGE);
  // Ordered compares are false on NaN, `ne` is unordered and true on NaN.
  case Opcode::F32x4Eq:
    return Compare(V4F32, CmpInst::FCMP_OEQ);
  case Opcode::F32x4Ne:
    return Compare(V4F32, CmpInst::FCMP_UNE);
  case Opcode::F32x4Lt:
    return Compare(V4F32, CmpInst::FCMP_OLT);
  case Opcode::F32x4Gt:
    return Compare(V4F32, CmpInst::FCMP_OGT);
  case Opcode::F32x4Le:
    return Compare(V4F32, CmpInst::FCMP_OLE);
  case Opcode::F32x4Ge:
    return Compare(V4F32, CmpInst::FCMP_OGE);
  case Opcode::F64x2Eq:
    return Compare(V2F64, CmpInst::FCMP_OEQ);
  case Opcode::F64x2Ne:
    return Compare(V2F64, CmpInst::FCMP_UNE);
  case Opcode::F64x2Lt:
    return Compare(V2F64, CmpInst::FCMP_OLT);
  case Opcode::F64x2Gt:
    return Compare(V2F64, CmpInst::FCMP_OGT);
  case Opcode::F64x2Le:
    return Compare(V2F64, CmpInst::FCMP_OLE);
  case Opcode::F64x2Ge:
    return Compare(V2F64, CmpInst::FCMP_OGE);

  // Bitwise.
  case Opcode::V128Not:
    return Unary(V2I64, [&](Value *X) { return B.CreateNot(X); });
  case Opcode::V128And:
    return BinOp(V2I64, Instruction::And);
  case Opcode::V128Andnot:
    return Binary(V2I64, [&](Value *L, Value *R) {
      return B.CreateAnd(L, B.CreateNot(R));
    });
  case Opcode::V128Or:
    return BinOp(V2I64, Instruction::Or);
  case Opcode::V128Xor:
    return BinOp(V2I64, Instruction::Xor);
  case Opcode::V128Bitselect: {
    Value *Mask = PopAs(V2I64);
    Value *IfFalse = PopAs(V2I64);
    Value *IfTrue = PopAs(V2I64);
    PushV(B.CreateOr(B.CreateAnd(IfTrue, Mask),
                     B.CreateAnd(IfFalse, B.CreateNot(Mask))));
    return;
  }
  case Opcode::V128AnyTrue: {
    Value *X = PopAs(B.getIntNTy(128));
    push(B.CreateZExt(B.CreateICmpNE(X, B.getIntN(128, 0)), I32));
    return;
  }

  case Opcode::I8x16AllTrue:
    return AllTrue(V16I8);
  case Opcode::I16x8AllTrue:
    return AllTrue(V8I16);
  case Opcode::I32x4AllTrue:
    return AllTrue(V4I32);
  case Opcode::I64x2AllTrue:
    return AllTrue(V2I64);
  case Opcode::I8x16Bitmask:
    return Bitmask(V16I8);
  case Opcode::I16x8Bitmask:
    return Bitmask(V8I16);
  case Opcode::I32x4Bitmask:
    return Bitmask(V4I32);
  case Opcode::I64x2Bitmask:
    return Bitmask(V2I64);

  case Opcode::I8x16NarrowI16x8S:
    return Narrow(V8I16, true);
  case Opcode::I8x16NarrowI16x8U:
    return Narrow(V8I16, false);
  case Opcode::I16x8NarrowI32x4S:
    return Narrow(V4I32, true);
  case Opcode::I16x8NarrowI32x4U:
    return Narrow(V4I32, false);

  case Opcode::I16x8ExtendLowI8x16S:
    return Extend(V16I8, false, true);
  case Opcode::I16x8ExtendHighI8x16S:
    return Extend(V16I8, true, true);
  case Opcode::I16x8ExtendLowI8x16U:
    return Extend(V16I8, false, false);
  case Opcode::I16x8ExtendHighI8x16U:
    return Extend(V16I8, true, false);
  case Opcode::I32x4ExtendLowI16x8S:
    return Extend(V8I16, false, true);
  case Opcode::I32x4ExtendHighI16x8S:
    return Extend(V8I16, true, true);
  case Opcode::I32x4ExtendLowI16x8U:
    return Extend(V8I16, false, false);
  case Opcode::I32x4ExtendHighI16x8U:
    return Extend(V8I16, true, false);
  case Opcode::I64x2ExtendLowI32x4S:
    return Extend(V4I32, false, true);
  case Opcode::I64x2ExtendHighI32x4S:
    return Extend(V4I32, true, true);
  case Opcode::I64x2ExtendLowI32x4U:
    return Extend(V4I32, false, false);
  case Opcode::I64x2ExtendHighI32x4U:
    return Extend(V4I32, true, false);

  case Opcode::I8x16Shl:
    return Shift(V16I8, Instruction::Shl);
  case Opcode::I8x16ShrS:
    return Shift(V16I8, Instruction::AShr);
  case Opcode::I8x16ShrU:
    return Shift(V16I8, Instruction::LShr);
  case Opcode::I16x8Shl:
    return Shift(V8I16, Instruction::Shl);
  case Opcode::I16x8ShrS:
    return Shift(V8I16, Instruction::AShr);
  case Opcode::I16x8ShrU:
    return Shift(V8I16, Instruction::LShr);
  case Opcode::I32x4Shl:
    return Shift(V4I32, Instruction::Shl);
  case Opcode::I32x4ShrS:
    return Shift(V4I32, Instruction::AShr);
  case Opcode::I32x4ShrU:
    return Shift(V4I32, Instruction::LShr);
  case Opcode::I64x2Shl:
    return Shift(V2I64, Instruction::Shl);
  case Opcode::I64x2ShrS:
    return Shift(V2I64, Instruction::AShr);
  case Opcode::I64x2ShrU:
    return Shift(V2I64, Instruction::LShr);

  // Integer arithmetic: wrapping, never nsw/nuw.
  case Opcode::I8x16Add:
    return BinOp(V16I8, Instruction::Add);
  case Opcode::I16x8Add:
    return BinOp(V8I16, Instruction::Add);
  case Opcode::I32x4Add:
    return BinOp(V4I32, Instruction::Add);
  case Opcode::I64x2Add:
    return BinOp(V2I64, Instruction::Add);
  case Opcode::I8x16Sub:
    return BinOp(V16I8, Instruction::Sub);
  case Opcode::I16x8Sub:
    return BinOp(V8I16, Instruction::Sub);
  case Opcode::I32x4Sub:
    return BinOp(V4I32, Instruction::Sub);
  case Opcode::I64x2Sub:
    return BinOp(V2I64, Instruction::Sub);
  case Opcode::I16x8Mul:
    return BinOp(V8I16, Instruction::Mul);
  case Opcode::I32x4Mul:
    return BinOp(V4I32, Instruction::Mul);
  case Opcode::I64x2Mul:
    return BinOp(V2I64, Instruction::Mul);
  case Opcode::I8x16AddSatS:
    return BinaryIntrinsic(V16I8, Intrinsic::sadd_sat);
  case Opcode::I8x16AddSatU:
    return BinaryIntrinsic(V16I8, Intrinsic::uadd_sat);
  case Opcode::I8x16SubSatS:
    return BinaryIntrinsic(V16I8, Intrinsic::ssub_sat);
  case Opcode::I8x16SubSatU:
    return BinaryIntrinsic(V16I8, Intrinsic::usub_sat);
  case Opcode::I16x8AddSatS:
    return BinaryIntrinsic(V8I16, Intrinsic::sadd_sat);
  case Opcode::I16x8AddSatU:
    return BinaryIntrinsic(V8I16, Intrinsic::uadd_sat);
  case Opcode::I16x8SubSatS:
    return BinaryIntrinsic(V8I16, Intrinsic::ssub_sat);
  case Opcode::I16x8SubSatU:
    return BinaryIntrinsic(V8I16, Intrinsic::usub_sat);
  case Opcode::I8x16MinS:
    return BinaryIntrinsic(V16I8, Intrinsic::smin);
  case Opcode::I8x16MinU:
    return BinaryIntrinsic(V16I8, Intrinsic::umin);
  case Opcode::I8x16MaxS:
    return BinaryIntrinsic(V16I8, Intrinsic::smax);
  case Opcode::I8x16MaxU:
    return BinaryIntrinsic(V16I8, Intrinsic::umax);
  case Opcode::I16x8MinS:
    return BinaryIntrinsic(V8I16, Intrinsic::smin);
  case Opcode::I16x8MinU:
    return BinaryIntrinsic(V8I16, Intrinsic::umin);
  case Opcode::I16x8MaxS:
    return BinaryIntrinsic(V8I16, Intrinsic::smax);
  case Opcode::I16x8MaxU:
    return BinaryIntrinsic(V8I16, Intrinsic::umax);
  case Opcode::I32x4MinS:
    return BinaryIntrinsic(V4I32, Intrinsic::smin);
  case Opcode::I32x4MinU:
    return BinaryIntrinsic(V4I32, Intrinsic::umin);
  case Opcode::I32x4MaxS:
    return BinaryIntrinsic(V4I32, Intrinsic::smax);
  case Opcode::I32x4MaxU:
    return BinaryIntrinsic(V4I32, Intrinsic::umax);
  case Opcode::I8x16AvgrU:
    return AvgrU(V16I8);
  case Opcode::I16x8AvgrU:
    return AvgrU(V8I16);
  case Opcode::I8x16Abs:
    return Abs(V16I8);
  case Opcode::I16x8Abs:
    return Abs(V8I16);
  case Opcode::I32x4Abs:
    return Abs(V4I32);
  case Opcode::I64x2Abs:
    return Abs(V2I64);
  case Opcode::I8x16Neg:
    return Neg(V16I8);
  case Opcode::I16x8Neg:
    return Neg(V8I16);
  case Opcode::I32x4Neg:
    return Neg(V4I32);
  case Opcode::I64x2Neg:
    return Neg(V2I64);
  case Opcode::I8x16Popcnt:
    return UnaryIntrinsic(V16I8, Intrinsic::ctpop);

  case Opcode::I16x8Q15mulrSatS:
    // (a * b + 2^14) >> 15 in 32 bits; only -32768 * -32768 leaves the i16
    // range (32768), so the result saturates at the top only.
    return Binary(V8I16, [&](Value *L, Value *R) {
      llvm::Type *WideT = Vec(I32, 8);
      Value *Product =
          B.CreateMul(B.CreateSExt(L, WideT), B.CreateSExt(R, WideT));
      Product = B.CreateAdd(Product, ConstantInt::get(WideT, 0x4000));
      Product = B.CreateAShr(Product, ConstantInt::get(WideT, 15));
      Product = B.CreateBinaryIntrinsic(Intrinsic::smin, Product,
                                        ConstantInt::get(WideT, 0x7fff));
      return B.CreateTrunc(Product, V8I16);
    });

  case Opcode::I32x4DotI16x8S: {
    Value *R = PopAs(V8I16);
    Value *L = PopAs(V8I16);
    llvm::Type *WideT = Vec(I32, 8);
    Value *Products =
        B.CreateMul(B.CreateSExt(L, WideT), B.CreateSExt(R, WideT));
    PushV(B.CreateAdd(EvenOdd(Products, 0), EvenOdd(Products, 1)));
    return;
  }

  case Opcode::I16x8ExtmulLowI8x16S:
    return ExtMul(V16I8, false, true);
  case Opcode::I16x8ExtmulHighI8x16S:
    return ExtMul(V16I8, true, true);
  case Opcode::I16x8ExtmulLowI8x16U:
    return ExtMul(V16I8, false, false);
  case Opcode::I16x8ExtmulHighI8x16U:
    return ExtMul(V16I8, true, false);
  case Opcode::I32x4ExtmulLowI16x8S:
    return ExtMul(V8I16, false, true);
  case Opcode::I32x4ExtmulHighI16x8S:
    return ExtMul(V8I16, true, true);
  case Opcode::I32x4ExtmulLowI16x8U:
    return ExtMul(V8I16, false, false);
  case Opcode::I32x4ExtmulHighI16x8U:
    return ExtMul(V8I16, true, false);
  case Opcode::I64x2ExtmulLowI32x4S:
    return ExtMul(V4I32, false, true);
  case Opcode::I64x2ExtmulHighI32x4S:
    return ExtMul(V4I32, true, true);
  case Opcode::I64x2ExtmulLowI32x4U:
    return ExtMul(V4I32, false, false);
  case Opcode::I64x2ExtmulHighI32x4U:
    return ExtMul(V4I32, true, false);
  case Opcode::I16x8ExtaddPairwiseI8x16S:
    return ExtAddPairwise(V16I8, true);
  case Opcode::I16x8ExtaddPairwiseI8x16U:
    return ExtAddPairwise(V16I8, false);
  case Opcode::I32x4ExtaddPairwiseI16x8S:
    return ExtAddPairwise(V8I16, true);
  case Opcode::I32x4ExtaddPairwiseI16x8U:
    return ExtAddPairwise(V8I16, false);

  // Float arithmetic.
  case Opcode::F32x4Abs:
    return UnaryIntrinsic(V4F32, Intrinsic::fabs);
  case Opcode::F64x2Abs:
    return UnaryIntrinsic(V2F64, Intrinsic::fabs);
  case Opcode::F32x4Neg:
    return Unary(V4F32, [&](Value *X) { return B.CreateFNeg(X); });
  case Opcode::F64x2Neg:
    return Unary(V2F64, [&](Value *X) { return B.CreateFNeg(X); });
  case Opcode::F32x4Sqrt:
    return UnaryIntrinsic(V4F32, Intrinsic::sqrt);
  case Opcode::F64x2Sqrt:
    return UnaryIntrinsic(V2F64, Intrinsic::sqrt);
  case Opcode::F32x4Ceil:
    return UnaryIntrinsic(V4F32, Intrinsic::ceil);
  case Opcode::F64x2Ceil:
    return UnaryIntrinsic(V2F64, Intrinsic::ceil);
  case Opcode::F32x4Floor:
    return UnaryIntrinsic(V4F32, Intrinsic::floor);
  case Opcode::F64x2Floor:
    return UnaryIntrinsic(V2F64, Intrinsic::floor);
  case Opcode::F32x4Trunc:
    return UnaryIntrinsic(V4F32, Intrinsic::trunc);
  case Opcode::F64x2Trunc:
    return UnaryIntrinsic(V2F64, Intrinsic::trunc);
  case Opcode::F32x4Nearest:
    return UnaryIntrinsic(V4F32, Intrinsic::roundeven);
  case Opcode::F64x2Nearest:
    return UnaryIntrinsic(V2F64, Intrinsic::roundeven);
  case Opcode::F32x4Add:
    return BinOp(V4F32, Instruction::FAdd);
  case Opcode::F64x2Add:
    return BinOp(V2F64, Instruction::FAdd);
  case Opcode::F32x4Sub:
    return BinOp(V4F32, Instruction::FSub);
  case Opcode::F64x2Sub:
    return BinOp(V2F64, Instruction::FSub);
  case Opcode::F32x4Mul:
    return BinOp(V4F32, Instruction::FMul);
  case Opcode::F64x2Mul:
    return BinOp(V2F64, Instruction::FMul);
  case Opcode::F32x4Div:
    return BinOp(V4F32, Instruction::FDiv);
  case Opcode::F64x2Div:
    return BinOp(V2F64, Instruction::FDiv);
  case Opcode::F32x4Min:
    return MinMax(V4F32, Intrinsic::minimum);
  case Opcode::F64x2Min:
    return MinMax(V2F64, Intrinsic::minimum);
  case Opcode::F32x4Max:
    return MinMax(V4F32, Intrinsic::maximum);
  case Opcode::F64x2Max:
    return MinMax(V2F64, Intrinsic::maximum);
  case Opcode::F32x4Pmin:
    return PseudoMinMax(V4F32, false);
  case Opcode::F64x2Pmin:
    return PseudoMinMax(V2F64, false);
  case Opcode::F32x4Pmax:
    return PseudoMinMax(V4F32, true);
  case Opcode::F64x2Pmax:
    return PseudoMinMax(V2F64, true);

  // Conversions.
  case Opcode::I32x4TruncSatF32x4S:
    return TruncSat(V4F32, true, 4);
  case Opcode::I32x4TruncSatF32x4U:
    return TruncSat(V4F32, false, 4);
  case Opcode::I32x4TruncSatF64x2SZero:
    return TruncSat(V2F64, true, 2);
  case Opcode::I32x4TruncSatF64x2UZero:
    return TruncSat(V2F64, false, 2);
  case Opcode::F32x4ConvertI32x4S:
    return Cast(V4I32, Instruction::SIToFP, V4F32);
  case Opcode::F32x4ConvertI32x4U:
    return Cast(V4I32, Instruction::UIToFP, V4F32);
  case Opcode::F64x2ConvertLowI32x4S:
  case Opcode::F64x2ConvertLowI32x4U: {
    Value *Low = Half(PopAs(V4I32), 0, 2);
    PushV(I.Op == Opcode::F64x2ConvertLowI32x4S ? B.CreateSIToFP(Low, V2F64)
                                                : B.CreateUIToFP(Low, V2F64));
    return;
  }
  case Opcode::F32x4DemoteF64x2Zero: {
    Value *Narrowed = B.CreateFPTrunc(PopAs(V2F64), Vec(F32, 2));
    PushV(B.CreateShuffleVector(Narrowed,
                                Constant::getNullValue(Narrowed->getType()),
                                ArrayRef<int>{0, 1, 2, 3}));
    return;
  }
  case Opcode::F64x2PromoteLowF32x4:
    PushV(B.CreateFPExt(Half(PopAs(V4F32), 0, 2), V2F64));
    return;

  default:
    fail(I, "cannot lower " + std::string(getOpcodeName(I.Op)));
    return;
  }
}

} // namespace wasmaot
