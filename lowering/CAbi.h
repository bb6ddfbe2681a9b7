//===- CAbi.h - The C calling convention at the embedding boundary --------===//
//
// The glue of a library (EmbedGlue.cpp) is called from C, and calls the
// host's C functions, with the Wasm value types as embed.h spells them:
// int32_t, int64_t, float, double, pointers, `wasmaot_v128` (a struct of 16
// bytes, alignment 1) and a struct of several results (`r0`, `r1`, ... in
// order, C layout). LLVM passes scalars as C does, but aggregates are the C
// front end's business: this file decides, as clang does for the System V
// x86-64 and AAPCS64 conventions, how such a signature looks in IR. Only
// these types occur, so the rules below are the parts of those conventions
// that can apply to them.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWERING_CABI_H
#define WASMAOT_LOWERING_CABI_H

#include "frontend/Frontend.h"

#include "llvm/IR/DerivedTypes.h"
#include "llvm/TargetParser/Triple.h"

#include <vector>

namespace wasmaot {

/// Where a struct of results lives in C: each field's offset, the size and
/// alignment of the whole.
struct CStructLayout {
  std::vector<uint64_t> Offsets;
  uint64_t Size = 0;
  uint64_t Align = 1;
};

struct CSignature {
  /// How one Wasm parameter is passed.
  enum class Param {
    Direct, // as its scalar
    Pair,   // a v128 in two integer registers: x86-64 two i64 arguments,
            // AArch64 one [2 x i64] argument
    Memory, // a v128 on the stack: a `byval` pointer (x86-64, registers full)
  };
  /// How the results come back.
  enum class Return {
    Void,    // none
    Direct,  // one scalar
    Coerced, // a struct (or one v128) in registers, as CoercedType
    Memory,  // a struct through a hidden `sret` pointer, the first argument
  };
  std::vector<Param> Params;
  Return Ret = Return::Void;
  llvm::Type *CoercedType = nullptr; // Return::Coerced
  CStructLayout Results;             // Coerced and Memory
  /// The whole: [sret ptr,] the leading pointer (instance or user data),
  /// then the parameters.
  llvm::FunctionType *Type = nullptr;
};

/// The C signature of `R f(void *, P...)` on Triple, for Wasm parameter
/// types Params and result types Results.
CSignature getCSignature(llvm::LLVMContext &Ctx, const llvm::Triple &Triple,
                         const std::vector<ValType> &Params,
                         const std::vector<ValType> &Results);

/// The Wasm type as a C struct member or argument: size and alignment.
uint64_t getCSize(ValType T);
uint64_t getCAlign(ValType T);

} // namespace wasmaot

#endif
