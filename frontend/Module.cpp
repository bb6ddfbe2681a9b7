//===- Module.cpp - Small helpers on decoded modules ----------------------===//
#include "frontend/Module.h"
#include "frontend/Instr.h"

namespace wasmaot {

const char *getValTypeName(ValType T) {
  switch (T) {
  case ValType::I32:
    return "i32";
  case ValType::I64:
    return "i64";
  case ValType::F32:
    return "f32";
  case ValType::F64:
    return "f64";
  case ValType::V128:
    return "v128";
  case ValType::FuncRef:
    return "funcref";
  case ValType::ExternRef:
    return "externref";
  }
  return "<invalid type>";
}

std::string Module::getFuncName(uint32_t FuncIndex) const {
  auto It = Names.Functions.find(FuncIndex);
  if (It != Names.Functions.end())
    return It->second;
  return "func[" + std::to_string(FuncIndex) + "]";
}

void OperatorVisitor::visit(const Instr &I) {
  switch (getOpcodeInfo(I.Op).Family) {
  case OpFamily::Control:
    return visitControl(I);
  case OpFamily::Call:
    return visitCall(I);
  case OpFamily::Parametric:
    return visitParametric(I);
  case OpFamily::Variable:
    return visitVariable(I);
  case OpFamily::Table:
    return visitTable(I);
  case OpFamily::Memory:
    return visitMemory(I);
  case OpFamily::Numeric:
    return visitNumeric(I);
  case OpFamily::Reference:
    return visitReference(I);
  case OpFamily::Simd:
    return visitSimd(I);
  }
}

} // namespace wasmaot
