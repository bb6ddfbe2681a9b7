//===- Validator.h - Type-checking function bodies ------------------------===//
//
// An OperatorVisitor that checks each instruction with the spec's validation
// algorithm and then forwards it to the next visitor. Internal to the frontend:
// it throws DecodeError; use decodeFunction (Frontend.h) from outside.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_FRONTEND_VALIDATOR_H
#define WASMAOT_FRONTEND_VALIDATOR_H

#include "frontend/Instr.h"
#include "frontend/Module.h"

#include <memory>

namespace wasmaot {

class Validator : public OperatorVisitor {
public:
  Validator(const Module &M, OperatorVisitor *Next);
  ~Validator() override;

  void beginFunction(uint32_t FuncIndex,
                     std::span<const ValType> Locals) override;
  void endFunction() override;
  void visitControl(const Instr &I) override;
  void visitCall(const Instr &I) override;
  void visitParametric(const Instr &I) override;
  void visitVariable(const Instr &I) override;
  void visitTable(const Instr &I) override;
  void visitMemory(const Instr &I) override;
  void visitNumeric(const Instr &I) override;
  void visitReference(const Instr &I) override;
  void visitSimd(const Instr &I) override;
  void visitAtomic(const Instr &I) override;

  class Impl;

private:
  std::unique_ptr<Impl> P;
};

} // namespace wasmaot

#endif
