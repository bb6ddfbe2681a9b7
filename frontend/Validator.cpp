//===- Validator.cpp - Type-checking function bodies ----------------------===//
// (Stub: forwards every instruction. The spec's algorithm comes next.)
#include "frontend/Validator.h"
#include "frontend/BinaryReader.h"
#include "frontend/Frontend.h"
#include "frontend/FunctionDecoder.h"

namespace wasmaot {

class Validator::Impl {
public:
  Impl(const Module &M, OperatorVisitor *Next) : M(M), Next(Next) {}
  const Module &M;
  OperatorVisitor *Next;
};

Validator::Validator(const Module &M, OperatorVisitor *Next)
    : P(std::make_unique<Impl>(M, Next)) {}
Validator::~Validator() = default;

void Validator::beginFunction(uint32_t FuncIndex,
                              std::span<const ValType> Locals) {
  if (P->Next)
    P->Next->beginFunction(FuncIndex, Locals);
}
void Validator::endFunction() {
  if (P->Next)
    P->Next->endFunction();
}
#define FORWARD(Name)                                                          \
  void Validator::Name(const Instr &I) {                                       \
    if (P->Next)                                                               \
      P->Next->Name(I);                                                        \
  }
FORWARD(visitControl)
FORWARD(visitCall)
FORWARD(visitParametric)
FORWARD(visitVariable)
FORWARD(visitTable)
FORWARD(visitMemory)
FORWARD(visitNumeric)
FORWARD(visitReference)
FORWARD(visitSimd)

bool validateModule(const Module &M, Diagnostic &Diag) {
  for (uint32_t F = M.NumImportedFuncs; F < M.getNumFuncs(); ++F)
    if (!decodeFunction(M, F, nullptr, Diag))
      return false;
  return true;
}

} // namespace wasmaot
