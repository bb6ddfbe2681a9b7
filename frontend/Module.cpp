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

Features Features::none() {
  Features F;
  for (std::string_view N : names())
    F.set(N, false);
  return F;
}

bool *Features::find(std::string_view Name) {
  return Name == "tail-call"        ? &TailCall
         : Name == "extended-const" ? &ExtendedConst
         : Name == "multi-memory"   ? &MultiMemory
         : Name == "memory64"       ? &Memory64
         : Name == "exceptions"     ? &Exceptions
         : Name == "threads"        ? &Threads
                                    : nullptr;
}

bool Features::set(std::string_view Name, bool On) {
  bool *Flag = find(Name);
  if (Flag)
    *Flag = On;
  return Flag != nullptr;
}

bool Features::isEnabled(std::string_view Name) const {
  const bool *Flag = const_cast<Features *>(this)->find(Name);
  return Flag && *Flag;
}

const std::vector<std::string_view> &Features::names() {
  static const std::vector<std::string_view> Names = {
      "tail-call", "extended-const", "multi-memory",
      "memory64",  "exceptions",     "threads"};
  return Names;
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
  case OpFamily::Atomic:
    return visitAtomic(I);
  }
}

} // namespace wasmaot
