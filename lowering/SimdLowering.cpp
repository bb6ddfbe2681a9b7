//===- SimdLowering.cpp - v128 instructions -------------------------------===//
//
// v128 values are <2 x i64> everywhere else (locals, parameters, globals,
// select, calls), so modules that only pass them through compile. The
// instructions themselves are a later issue.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionEmitter.h"

namespace wasmaot {

void FunctionEmitter::visitSimd(const Instr &I) {
  if (!isLive())
    return;
  fail(I, "SIMD not supported yet: " + std::string(getOpcodeName(I.Op)));
}

} // namespace wasmaot
