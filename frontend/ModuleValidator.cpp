//===- ModuleValidator.cpp - The module-level validation rules ------------===//
//
// Everything the spec checks outside function bodies: indices, limits,
// constant expressions, exports, the start function, segments. Then each body
// through the decoder and the Validator.
//
//===----------------------------------------------------------------------===//
#include "frontend/BinaryReader.h"
#include "frontend/Frontend.h"
#include "frontend/FunctionDecoder.h"

#include <set>
#include <string_view>

namespace wasmaot {

namespace {

class ModuleValidator {
public:
  explicit ModuleValidator(const Module &M) : M(M) {}
  void run();

private:
  void checkTypeIndex(uint32_t Index, uint32_t Offset);
  void checkImports();
  void checkTags();
  void checkFunctions();
  void checkMemories();
  void checkGlobals();
  void checkExports();
  void checkStart();
  void checkElems();
  void checkDatas();
  /// Checks a constant expression of type Expected. In 2.0, global.get in a
  /// constant expression may only read imported globals.
  void checkConstExpr(const ConstExpr &E, ValType Expected);
  ValType getExtendedType(const ConstExpr &E);
  ValType getConstType(const ConstExpr &E);
  void checkFuncIndex(uint32_t Index, uint32_t Offset);

  const Module &M;
};

void ModuleValidator::run() {
  if (!M.DeferredErrors.empty())
    throwInvalid(M.DeferredErrors.front().Offset,
                 M.DeferredErrors.front().Message);
  checkImports();
  checkTags();
  checkFunctions();
  checkMemories();
  checkGlobals();
  checkExports();
  checkStart();
  checkElems();
  checkDatas();
}

void ModuleValidator::checkTypeIndex(uint32_t Index, uint32_t Offset) {
  if (Index >= M.Types.size())
    throwInvalid(Offset, "unknown type " + std::to_string(Index));
}

void ModuleValidator::checkFuncIndex(uint32_t Index, uint32_t Offset) {
  if (Index >= M.getNumFuncs())
    throwInvalid(Offset, "unknown function " + std::to_string(Index));
}

void ModuleValidator::checkImports() {
  for (const Import &Imp : M.Imports)
    if (Imp.Kind == ExternKind::Func)
      checkTypeIndex(Imp.FuncTypeIndex, Imp.Offset);
}

void ModuleValidator::checkTags() {
  // Offsets: tags carry none of their own; the section's is not kept.
  for (uint32_t TypeIndex : M.TagTypeIndices) {
    checkTypeIndex(TypeIndex, 0);
    if (!M.Types[TypeIndex].Results.empty())
      throwInvalid(0, "non-empty tag result type");
  }
}

void ModuleValidator::checkFunctions() {
  for (const FunctionBody &Body : M.Bodies)
    checkTypeIndex(Body.TypeIndex, Body.Offset);
}

void ModuleValidator::checkMemories() {
  if (M.Memories.size() > 1 && !M.Enabled.MultiMemory)
    throwInvalid(0, "multiple memories: at most one memory is allowed");
}

void ModuleValidator::checkConstExpr(const ConstExpr &E, ValType Expected) {
  ValType Found =
      E.K == ConstExpr::Kind::Extended ? getExtendedType(E) : getConstType(E);
  if (Found != Expected)
    throwInvalid(E.Offset, std::string("type mismatch in constant "
                                       "expression: expected ") +
                               getValTypeName(Expected) + ", found " +
                               getValTypeName(Found));
}

/// The type of an extended-const expression: its ops on a stack of types,
/// which must end holding exactly one value.
ValType ModuleValidator::getExtendedType(const ConstExpr &E) {
  std::vector<ValType> Stack;
  for (const ConstExpr &Op : E.Ops) {
    ValType Operand = ValType::I32;
    switch (Op.K) {
    case ConstExpr::Kind::I64Add:
    case ConstExpr::Kind::I64Sub:
    case ConstExpr::Kind::I64Mul:
      Operand = ValType::I64;
      [[fallthrough]];
    case ConstExpr::Kind::I32Add:
    case ConstExpr::Kind::I32Sub:
    case ConstExpr::Kind::I32Mul:
      if (Stack.size() < 2 || Stack[Stack.size() - 1] != Operand ||
          Stack[Stack.size() - 2] != Operand)
        throwInvalid(Op.Offset,
                     std::string("type mismatch in constant expression: ") +
                         "expected two " + getValTypeName(Operand) +
                         " operands");
      Stack.pop_back();
      break;
    default:
      Stack.push_back(getConstType(Op));
      break;
    }
  }
  if (Stack.size() != 1)
    throwInvalid(E.Offset, Stack.empty()
                               ? "type mismatch: constant expression is empty"
                               : "type mismatch: constant expression leaves "
                                 "more than one value");
  return Stack[0];
}

/// The type of one constant instruction (checking its index).
ValType ModuleValidator::getConstType(const ConstExpr &E) {
  ValType Found = ValType::I32;
  switch (E.K) {
  case ConstExpr::Kind::I32Const:
    Found = ValType::I32;
    break;
  case ConstExpr::Kind::I64Const:
    Found = ValType::I64;
    break;
  case ConstExpr::Kind::F32Const:
    Found = ValType::F32;
    break;
  case ConstExpr::Kind::F64Const:
    Found = ValType::F64;
    break;
  case ConstExpr::Kind::V128Const:
    Found = ValType::V128;
    break;
  case ConstExpr::Kind::RefNull:
    Found = E.RefType;
    break;
  case ConstExpr::Kind::RefFunc:
    checkFuncIndex(E.Index, E.Offset);
    Found = ValType::FuncRef;
    break;
  case ConstExpr::Kind::GlobalGet:
    if (E.Index >= M.NumImportedGlobals)
      throwInvalid(E.Offset, "unknown global " + std::to_string(E.Index));
    if (M.GlobalTypes[E.Index].Mutable)
      throwInvalid(E.Offset, "constant expression required: global " +
                                 std::to_string(E.Index) + " is mutable");
    Found = M.GlobalTypes[E.Index].Type;
    break;
  default:
    throwInvalid(E.Offset, "constant expression required");
  }
  return Found;
}

void ModuleValidator::checkGlobals() {
  for (const Global &G : M.Globals)
    checkConstExpr(G.Init, G.Type.Type);
}

void ModuleValidator::checkExports() {
  std::set<std::string_view> Names;
  for (const Export &E : M.Exports) {
    uint64_t Count = 0;
    switch (E.Kind) {
    case ExternKind::Func:
      Count = M.getNumFuncs();
      break;
    case ExternKind::Table:
      Count = M.Tables.size();
      break;
    case ExternKind::Memory:
      Count = M.Memories.size();
      break;
    case ExternKind::Global:
      Count = M.GlobalTypes.size();
      break;
    case ExternKind::Tag:
      Count = M.TagTypeIndices.size();
      break;
    }
    if (E.Index >= Count)
      throwInvalid(E.Offset, std::string("unknown ") +
                                 getExternKindName(E.Kind) + " " +
                                 std::to_string(E.Index));
    if (!Names.insert(E.Name).second)
      throwInvalid(E.Offset, "duplicate export name \"" + E.Name + "\"");
  }
}

void ModuleValidator::checkStart() {
  if (!M.Start)
    return;
  checkFuncIndex(*M.Start, M.StartOffset);
  const FuncType &T = M.getFuncType(*M.Start);
  if (!T.Params.empty() || !T.Results.empty())
    throwInvalid(M.StartOffset,
                 "start function must have type [] -> [] (function " +
                     std::to_string(*M.Start) + ")");
}

void ModuleValidator::checkElems() {
  for (const ElemSegment &Seg : M.Elems) {
    if (Seg.Mode == SegmentMode::Active) {
      if (Seg.Table >= M.Tables.size())
        throwInvalid(Seg.FileOffset,
                     "unknown table " + std::to_string(Seg.Table));
      checkConstExpr(Seg.Offset, M.Tables[Seg.Table].getIndexType());
      ValType TableElem = M.Tables[Seg.Table].Elem;
      if (TableElem != Seg.Type)
        throwInvalid(Seg.FileOffset, std::string("type mismatch: ") +
                                         getValTypeName(Seg.Type) +
                                         " element segment for a " +
                                         getValTypeName(TableElem) + " table");
    }
    for (const ConstExpr &E : Seg.Items)
      checkConstExpr(E, Seg.Type);
  }
}

void ModuleValidator::checkDatas() {
  for (const DataSegment &Seg : M.Datas) {
    if (Seg.Mode != SegmentMode::Active)
      continue;
    if (Seg.Memory >= M.Memories.size())
      throwInvalid(Seg.FileOffset,
                   "unknown memory " + std::to_string(Seg.Memory));
    checkConstExpr(Seg.Offset, M.Memories[Seg.Memory].getAddressType());
  }
}

bool validateModuleLevel(const Module &M, Diagnostic &Diag) {
  try {
    ModuleValidator(M).run();
    return true;
  } catch (const DecodeError &E) {
    fillDiagnostic(E, Diag);
    return false;
  }
}

bool validateBodies(const Module &M, Diagnostic &Diag) {
  for (uint32_t F = M.NumImportedFuncs; F < M.getNumFuncs(); ++F)
    if (!decodeFunction(M, F, nullptr, Diag))
      return false;
  return true;
}

} // namespace

bool validateModule(const Module &M, Diagnostic &Diag) {
  if (validateModuleLevel(M, Diag) && validateBodies(M, Diag))
    return true;
  // A module that is both malformed and invalid is malformed (the spec decodes
  // everything before validating): look for a body that does not decode.
  if (!Diag.Malformed)
    for (uint32_t F = M.NumImportedFuncs; F < M.getNumFuncs(); ++F)
      if (!decodeFunctionSyntax(M, F, Diag))
        break;
  return false;
}

} // namespace wasmaot
