//===- FunctionDecoder.h - Reading one function body ----------------------===//
//
// Internal to the frontend: run() throws DecodeError. Outside the frontend, use
// decodeFunction (Frontend.h), which catches it.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_FRONTEND_FUNCTIONDECODER_H
#define WASMAOT_FRONTEND_FUNCTIONDECODER_H

#include "frontend/Instr.h"
#include "frontend/Module.h"

#include <vector>

namespace wasmaot {

class BinaryReader;
struct Diagnostic;

class FunctionDecoder {
public:
  /// An implementation limit, as other engines have (V8 allows 50000): the spec
  /// allows up to 2^32 - 1 locals, which could not be held in memory.
  static constexpr uint64_t MaxLocals = 50000;

  FunctionDecoder(const Module &M, uint32_t FuncIndex);

  /// Decodes the body, calling Visitor (if not null) for each instruction.
  void run(OperatorVisitor *Visitor);

private:
  void readLocals(BinaryReader &R);

  const Module &M;
  uint32_t FuncIndex;
  std::vector<ValType> Locals;
  std::vector<uint32_t> Targets;
};

/// Decodes a body without validating it: whether it is malformed.
bool decodeFunctionSyntax(const Module &M, uint32_t FuncIndex,
                          Diagnostic &Diag);

} // namespace wasmaot

#endif
