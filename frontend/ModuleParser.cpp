//===- ModuleParser.cpp - Decoding the sections of a module ---------------===//
//
// Reads every section of the 2.0 binary format into a Module. Only what makes a
// module malformed is rejected here; the validation rules are checked by
// validateModule, except for a few that are only visible while decoding (they
// go to Module::DeferredErrors). Function bodies are kept as byte ranges.
//
//===----------------------------------------------------------------------===//
#include "frontend/BinaryReader.h"
#include "frontend/Frontend.h"
#include "frontend/InstrReader.h"

#include <functional>
#include <optional>

namespace wasmaot {

namespace {

enum SectionId : uint8_t {
  CustomId = 0,
  TypeId = 1,
  ImportId = 2,
  FunctionId = 3,
  TableId = 4,
  MemoryId = 5,
  GlobalId = 6,
  ExportId = 7,
  StartId = 8,
  ElementId = 9,
  CodeId = 10,
  DataId = 11,
  DataCountId = 12,
  TagId = 13, // exception handling
};

/// The position of each known section in the required order: data count comes
/// between element and code, tag between memory and global.
unsigned getSectionRank(uint8_t Id) {
  static constexpr unsigned Rank[] = {0, 1, 2,  3,  4,  5,  7,
                                      8, 9, 10, 12, 13, 11, 6};
  return Rank[Id];
}

/// An implementation limit, as V8 has: validating nested blocks of a type
/// costs its arity for each block, so an unbounded arity would make a small
/// file take quadratic time.
constexpr uint32_t MaxFuncTypeArity = 1000;

class ModuleParser {
public:
  explicit ModuleParser(Module &M) : M(M), R(M.Bytes) {}
  void parse();

private:
  void readHeader();
  void readSection(uint8_t Id);
  void checkSectionEnd();
  void checkCountsAgree();
  void collectDeclaredFuncRefs();

  void readTypeSection();
  void readImportSection();
  void readFunctionSection();
  void readTableSection();
  void readMemorySection();
  void readGlobalSection();
  void readExportSection();
  void readStartSection();
  void readElementSection();
  void readCodeSection();
  void readDataSection();
  void readDataCountSection();
  void readTagSection();
  uint32_t readTagType();
  void readCustomSection();
  void readNameSection();
  void readNameSubsections();
  void readNameMap(std::map<uint32_t, std::string> &Names);
  /// readNameMap that fails, rather than throws, on anything else, and when
  /// the map does not fill the subsection.
  bool tryReadNameMap(std::map<uint32_t, std::string> &Names);

  Limits readLimits(uint8_t AllowedFlags, uint8_t *FlagsOut);
  TableType readTableType();
  MemoryType readMemoryType();
  GlobalType readGlobalType();
  ElemSegment readElemSegment();
  void readElemFuncIndices(ElemSegment &Seg);
  void readElemExprs(ElemSegment &Seg);
  ConstExpr readConstExpr();
  ConstExpr readExtendedConstExpr();
  void skipToExprEnd(unsigned Depth, bool FirstWasConstant);
  void defer(uint32_t Offset, std::string Message);

  Module &M;
  BinaryReader R;
  std::optional<uint32_t> NumDeclaredFuncs; // the function section's count
  Instr Scratch;
  std::vector<uint32_t> ScratchTargets;
};

void ModuleParser::parse() {
  readHeader();
  unsigned LastRank = 0;
  while (!R.atLimit()) {
    size_t IdOffset = R.offset();
    uint8_t Id = R.readByte();
    if (Id > TagId || (Id == TagId && !M.Enabled.Exceptions))
      throwMalformed(IdOffset, "malformed section id");
    if (Id != CustomId) {
      unsigned Rank = getSectionRank(Id);
      if (Rank <= LastRank)
        throwMalformed(IdOffset, "unexpected content after last section");
      LastRank = Rank;
    }
    size_t SizeOffset = R.offset();
    uint32_t Size = R.readVarU32();
    if (Size > R.remaining())
      throwMalformed(SizeOffset, "length out of bounds");
    size_t Outer = R.pushLimit(Size, SizeOffset);
    if (Id == CustomId)
      readCustomSection();
    else
      readSection(Id);
    checkSectionEnd();
    R.popLimit(Outer);
  }
  checkCountsAgree();
  collectDeclaredFuncRefs();
}

void ModuleParser::readHeader() {
  static constexpr uint8_t Magic[] = {0x00, 0x61, 0x73, 0x6d};
  if (R.remaining() < 4)
    throwMalformed(0, "unexpected end");
  auto Head = R.readBytes(4);
  if (!std::equal(Head.begin(), Head.end(), Magic))
    throwMalformed(0, "magic header not detected");
  if (R.remaining() < 4)
    throwMalformed(4, "unexpected end");
  if (R.readFixedU32() != 1)
    throwMalformed(4, "unknown binary version");
}

void ModuleParser::readSection(uint8_t Id) {
  switch (Id) {
  case TypeId:
    return readTypeSection();
  case ImportId:
    return readImportSection();
  case FunctionId:
    return readFunctionSection();
  case TableId:
    return readTableSection();
  case MemoryId:
    return readMemorySection();
  case GlobalId:
    return readGlobalSection();
  case ExportId:
    return readExportSection();
  case StartId:
    return readStartSection();
  case ElementId:
    return readElementSection();
  case CodeId:
    return readCodeSection();
  case DataId:
    return readDataSection();
  case DataCountId:
    return readDataCountSection();
  case TagId:
    return readTagSection();
  }
}

void ModuleParser::checkSectionEnd() {
  if (!R.atLimit())
    throwMalformed(R.offset(), "section size mismatch");
}

void ModuleParser::checkCountsAgree() {
  uint32_t Declared = NumDeclaredFuncs.value_or(0);
  if (Declared != M.Bodies.size())
    throwMalformed(R.offset(),
                   "function and code section have inconsistent lengths");
  if (M.DataCount && *M.DataCount != M.Datas.size())
    throwMalformed(R.offset(),
                   "data count and data section have inconsistent lengths");
}

void ModuleParser::collectDeclaredFuncRefs() {
  std::vector<bool> &Declared = M.DeclaredFuncRefs;
  Declared.assign(M.getNumFuncs(), false);
  std::function<void(const ConstExpr &)> Declare = [&](const ConstExpr &E) {
    if (E.K == ConstExpr::Kind::RefFunc && E.Index < Declared.size())
      Declared[E.Index] = true;
    for (const ConstExpr &Op : E.Ops)
      Declare(Op);
  };
  for (const Global &G : M.Globals)
    Declare(G.Init);
  for (const ElemSegment &Seg : M.Elems)
    for (const ConstExpr &E : Seg.Items)
      Declare(E);
  for (const Export &E : M.Exports)
    if (E.Kind == ExternKind::Func && E.Index < Declared.size())
      Declared[E.Index] = true;
}

void ModuleParser::defer(uint32_t Offset, std::string Message) {
  M.DeferredErrors.push_back({Offset, std::move(Message)});
}

//===-- Types -------------------------------------------------------------===//

void ModuleParser::readTypeSection() {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I) {
    size_t At = R.offset();
    if (R.readByte() != 0x60)
      throwMalformed(At, "malformed function type");
    FuncType T;
    size_t ParamsAt = R.offset();
    uint32_t NumParams = R.readCount();
    if (NumParams > MaxFuncTypeArity)
      throwMalformed(ParamsAt, "implementation limit: more than " +
                                   std::to_string(MaxFuncTypeArity) +
                                   " parameters");
    T.Params.reserve(NumParams);
    for (uint32_t K = 0; K < NumParams; ++K)
      T.Params.push_back(readValType(R));
    size_t ResultsAt = R.offset();
    uint32_t NumResults = R.readCount();
    if (NumResults > MaxFuncTypeArity)
      throwMalformed(ResultsAt, "implementation limit: more than " +
                                    std::to_string(MaxFuncTypeArity) +
                                    " results");
    T.Results.reserve(NumResults);
    for (uint32_t K = 0; K < NumResults; ++K)
      T.Results.push_back(readValType(R));
    M.Types.push_back(std::move(T));
  }
}

/// Limits flags: bit 0 a maximum follows, bit 1 shared (threads, memories
/// only), bit 2 64-bit (memory64, memories only). A flag whose feature is off
/// is malformed, with the spec's wording for a one-bit LEB128.
static constexpr uint8_t LimitsHasMax = 1, LimitsShared = 2, LimitsIs64 = 4;

Limits ModuleParser::readLimits(uint8_t AllowedFlags, uint8_t *FlagsOut) {
  // The flags are a one-bit LEB128 in the spec's grammar, hence its wording.
  size_t At = R.offset();
  uint8_t Flags = R.readByte();
  if (Flags & 0x80)
    throwMalformed(At, "integer representation too long: malformed limits "
                       "flags");
  if (Flags & ~(AllowedFlags | LimitsHasMax))
    throwMalformed(At, "integer too large: malformed limits flags");
  Limits L;
  if (Flags & LimitsIs64) {
    L.Min = R.readVarU64();
    if (Flags & LimitsHasMax)
      L.Max = R.readVarU64();
  } else {
    L.Min = R.readVarU32();
    if (Flags & LimitsHasMax)
      L.Max = R.readVarU32();
  }
  if (L.Max && L.Min > *L.Max)
    defer(At, "size minimum must not be greater than maximum");
  if (FlagsOut)
    *FlagsOut = Flags;
  return L;
}

TableType ModuleParser::readTableType() {
  TableType T;
  T.Elem = readRefType(R);
  uint8_t Flags = 0;
  T.Lim = readLimits(M.Enabled.Memory64 ? LimitsIs64 : 0, &Flags);
  T.Is64 = Flags & LimitsIs64;
  return T;
}

MemoryType ModuleParser::readMemoryType() {
  size_t At = R.offset();
  MemoryType T;
  uint8_t Allowed = (M.Enabled.Threads ? LimitsShared : 0) |
                    (M.Enabled.Memory64 ? LimitsIs64 : 0);
  uint8_t Flags = 0;
  T.Lim = readLimits(Allowed, &Flags);
  T.Is64 = Flags & LimitsIs64;
  T.Shared = Flags & LimitsShared;
  // A page count above 2^16 would address more than the 32-bit space, one
  // above 2^48 more than the 64-bit space.
  if (T.Is64) {
    constexpr uint64_t MaxPages = uint64_t(1) << 48;
    if (T.Lim.Min > MaxPages || (T.Lim.Max && *T.Lim.Max > MaxPages))
      defer(At, "memory size must be at most 2^48 pages (16EiB)");
  } else {
    constexpr uint64_t MaxPages = 65536;
    if (T.Lim.Min > MaxPages || (T.Lim.Max && *T.Lim.Max > MaxPages))
      defer(At, "memory size must be at most 65536 pages (4GiB)");
  }
  if (T.Shared && !T.Lim.Max)
    defer(At, "shared memory must have maximum");
  return T;
}

GlobalType ModuleParser::readGlobalType() {
  GlobalType T;
  T.Type = readValType(R);
  size_t At = R.offset();
  uint8_t Mut = R.readByte();
  if (Mut > 1)
    throwMalformed(At, "malformed mutability");
  T.Mutable = Mut == 1;
  return T;
}

//===-- Imports and definitions -------------------------------------------===//

void ModuleParser::readImportSection() {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I) {
    Import Imp;
    Imp.Offset = static_cast<uint32_t>(R.offset());
    Imp.Module = R.readName();
    Imp.Field = R.readName();
    size_t KindAt = R.offset();
    uint8_t Kind = R.readByte();
    switch (Kind) {
    case 0:
      Imp.Kind = ExternKind::Func;
      Imp.FuncTypeIndex = R.readVarU32();
      M.FuncTypeIndices.push_back(Imp.FuncTypeIndex);
      ++M.NumImportedFuncs;
      break;
    case 1:
      Imp.Kind = ExternKind::Table;
      Imp.Table = readTableType();
      M.Tables.push_back(Imp.Table);
      ++M.NumImportedTables;
      break;
    case 2:
      Imp.Kind = ExternKind::Memory;
      Imp.Memory = readMemoryType();
      M.Memories.push_back(Imp.Memory);
      ++M.NumImportedMemories;
      break;
    case 3:
      Imp.Kind = ExternKind::Global;
      Imp.Global = readGlobalType();
      M.GlobalTypes.push_back(Imp.Global);
      ++M.NumImportedGlobals;
      break;
    case 4:
      if (!M.Enabled.Exceptions)
        throwMalformed(KindAt, "malformed import kind");
      Imp.Kind = ExternKind::Tag;
      Imp.TagTypeIndex = readTagType();
      M.TagTypeIndices.push_back(Imp.TagTypeIndex);
      ++M.NumImportedTags;
      break;
    default:
      throwMalformed(KindAt, "malformed import kind");
    }
    M.Imports.push_back(std::move(Imp));
  }
}

void ModuleParser::readFunctionSection() {
  uint32_t Count = R.readCount();
  NumDeclaredFuncs = Count;
  M.FuncTypeIndices.reserve(M.FuncTypeIndices.size() + Count);
  for (uint32_t I = 0; I < Count; ++I)
    M.FuncTypeIndices.push_back(R.readVarU32());
}

void ModuleParser::readTableSection() {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I)
    M.Tables.push_back(readTableType());
}

void ModuleParser::readMemorySection() {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I)
    M.Memories.push_back(readMemoryType());
}

void ModuleParser::readGlobalSection() {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I) {
    Global G;
    G.Type = readGlobalType();
    G.Init = readConstExpr();
    M.GlobalTypes.push_back(G.Type);
    M.Globals.push_back(G);
  }
}

void ModuleParser::readExportSection() {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I) {
    Export E;
    E.Offset = static_cast<uint32_t>(R.offset());
    E.Name = R.readName();
    size_t KindAt = R.offset();
    uint8_t Kind = R.readByte();
    if (Kind > 4 || (Kind == 4 && !M.Enabled.Exceptions))
      throwMalformed(KindAt, "malformed export kind");
    E.Kind = static_cast<ExternKind>(Kind);
    E.Index = R.readVarU32();
    M.Exports.push_back(std::move(E));
  }
}

void ModuleParser::readStartSection() {
  M.StartOffset = static_cast<uint32_t>(R.offset());
  M.Start = R.readVarU32();
}

//===-- Constant expressions ----------------------------------------------===//

/// The kind of a constant instruction (2.0's: the one an initializer may
/// hold), or none.
static std::optional<ConstExpr::Kind> getConstantKind(Opcode Op) {
  switch (Op) {
  case Opcode::I32Const:
    return ConstExpr::Kind::I32Const;
  case Opcode::I64Const:
    return ConstExpr::Kind::I64Const;
  case Opcode::F32Const:
    return ConstExpr::Kind::F32Const;
  case Opcode::F64Const:
    return ConstExpr::Kind::F64Const;
  case Opcode::V128Const:
    return ConstExpr::Kind::V128Const;
  case Opcode::GlobalGet:
    return ConstExpr::Kind::GlobalGet;
  case Opcode::RefNull:
    return ConstExpr::Kind::RefNull;
  case Opcode::RefFunc:
    return ConstExpr::Kind::RefFunc;
  default:
    return std::nullopt;
  }
}

/// One instruction of a constant expression, as kind K, with the immediate
/// of its kind (the others keep their defaults: Scratch holds stale ones).
static ConstExpr getConstOp(const Instr &I, ConstExpr::Kind K,
                            uint32_t Offset) {
  ConstExpr E;
  E.K = K;
  E.Offset = Offset;
  switch (K) {
  case ConstExpr::Kind::I32Const:
  case ConstExpr::Kind::I64Const:
  case ConstExpr::Kind::F32Const:
  case ConstExpr::Kind::F64Const:
    E.Bits = I.Bits;
    break;
  case ConstExpr::Kind::V128Const:
    E.V128 = I.V128;
    break;
  case ConstExpr::Kind::GlobalGet:
  case ConstExpr::Kind::RefFunc:
    E.Index = I.Index;
    break;
  case ConstExpr::Kind::RefNull:
    E.RefType = I.Type;
    break;
  default:
    break;
  }
  return E;
}

/// The kind of an instruction extended-const allows in a constant
/// expression beyond 2.0's: the i32 and i64 add, sub and mul.
static std::optional<ConstExpr::Kind> getExtendedOp(Opcode Op) {
  switch (Op) {
  case Opcode::I32Add:
    return ConstExpr::Kind::I32Add;
  case Opcode::I32Sub:
    return ConstExpr::Kind::I32Sub;
  case Opcode::I32Mul:
    return ConstExpr::Kind::I32Mul;
  case Opcode::I64Add:
    return ConstExpr::Kind::I64Add;
  case Opcode::I64Sub:
    return ConstExpr::Kind::I64Sub;
  case Opcode::I64Mul:
    return ConstExpr::Kind::I64Mul;
  default:
    return std::nullopt;
  }
}

/// With extended-const: every instruction up to the final `end`, each as
/// one op (its types are the validator's to check). One constant alone is
/// the 2.0 form.
ConstExpr ModuleParser::readExtendedConstExpr() {
  ConstExpr E;
  E.Offset = static_cast<uint32_t>(R.offset());
  bool Refused = false;
  unsigned Depth = 0;
  for (;;) {
    size_t Before = R.offset();
    readInstr(R, M.Enabled, Scratch, ScratchTargets);
    const Instr &I = Scratch;
    if (I.Op == Opcode::End) {
      if (Depth == 0)
        break;
      --Depth;
      continue;
    }
    if (I.Op == Opcode::Block || I.Op == Opcode::Loop || I.Op == Opcode::If)
      ++Depth;
    if (Refused || Depth > 0)
      continue;
    std::optional<ConstExpr::Kind> K = getExtendedOp(I.Op);
    if (!K)
      K = getConstantKind(I.Op);
    if (!K) {
      Refused = true;
      defer(I.Offset, "constant expression required: " +
                          std::string(getOpcodeName(I.Op)) +
                          " is not a constant instruction");
      continue;
    }
    E.Ops.push_back(getConstOp(I, *K, static_cast<uint32_t>(Before)));
  }
  if (Refused)
    return E;
  if (E.Ops.empty()) {
    defer(E.Offset, "type mismatch: constant expression is empty");
    return E;
  }
  if (E.Ops.size() == 1 && E.Ops[0].K < ConstExpr::Kind::Extended)
    return std::move(E.Ops[0]);
  E.K = ConstExpr::Kind::Extended;
  return E;
}

ConstExpr ModuleParser::readConstExpr() {
  if (M.Enabled.ExtendedConst)
    return readExtendedConstExpr();
  uint32_t Offset = static_cast<uint32_t>(R.offset());
  readInstr(R, M.Enabled, Scratch, ScratchTargets);
  const Instr &I = Scratch;
  ConstExpr E;
  E.Offset = Offset;
  if (I.Op == Opcode::End) {
    // An empty expression produces nothing where one value is needed.
    defer(I.Offset, "type mismatch: constant expression is empty");
    return E;
  }
  std::optional<ConstExpr::Kind> K = getConstantKind(I.Op);
  if (K)
    E = getConstOp(I, *K, Offset);
  else
    defer(I.Offset,
          "constant expression required: " + std::string(getOpcodeName(I.Op)) +
              " is not a constant instruction");
  bool Opens =
      I.Op == Opcode::Block || I.Op == Opcode::Loop || I.Op == Opcode::If;
  skipToExprEnd(Opens ? 1 : 0, K.has_value());
  return E;
}

/// Reads the rest of an initializer up to its final `end`. Anything there is
/// invalid (2.0 allows one instruction), but it must still decode. The
/// diagnostic says what the spec would: a non-constant instruction anywhere
/// first, else too many values.
void ModuleParser::skipToExprEnd(unsigned Depth, bool FirstWasConstant) {
  std::optional<DeferredError> NonConstant, ExtraValue;
  for (;;) {
    readInstr(R, M.Enabled, Scratch, ScratchTargets);
    Opcode Op = Scratch.Op;
    if (Op == Opcode::End) {
      if (Depth == 0)
        break;
      --Depth;
      continue;
    }
    if (Op == Opcode::Block || Op == Opcode::Loop || Op == Opcode::If)
      ++Depth;
    bool Constant = getConstantKind(Op).has_value();
    if (!Constant && !NonConstant)
      NonConstant =
          DeferredError{Scratch.Offset, "constant expression required: " +
                                            std::string(getOpcodeName(Op)) +
                                            " is not a constant instruction"};
    if (Constant && !ExtraValue)
      ExtraValue = DeferredError{
          Scratch.Offset,
          "type mismatch: constant expression leaves more than one value"};
  }
  if (!FirstWasConstant)
    return; // already reported
  if (NonConstant)
    M.DeferredErrors.push_back(*NonConstant);
  else if (ExtraValue)
    M.DeferredErrors.push_back(*ExtraValue);
}

//===-- Element segments --------------------------------------------------===//

void ModuleParser::readElementSection() {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I)
    M.Elems.push_back(readElemSegment());
}

// The flags of an element segment, as three bits:
//   bit 0: passive or declarative (else active)
//   bit 1: an explicit table index (active) or declarative (else passive)
//   bit 2: items are expressions (else function indices)
ElemSegment ModuleParser::readElemSegment() {
  ElemSegment Seg;
  Seg.FileOffset = static_cast<uint32_t>(R.offset());
  size_t FlagsAt = R.offset();
  uint32_t Flags = R.readVarU32();
  if (Flags > 7)
    throwMalformed(FlagsAt, "malformed elements segment kind");
  bool NotActive = Flags & 1;
  bool HasTableOrDeclarative = Flags & 2;
  bool UsesExprs = Flags & 4;
  if (NotActive) {
    Seg.Mode =
        HasTableOrDeclarative ? SegmentMode::Declarative : SegmentMode::Passive;
  } else {
    Seg.Mode = SegmentMode::Active;
    if (HasTableOrDeclarative)
      Seg.Table = R.readVarU32();
    Seg.Offset = readConstExpr();
  }
  // Forms 0 and 4 have neither an element kind nor a type: funcref.
  bool HasTypeByte = NotActive || HasTableOrDeclarative;
  if (UsesExprs) {
    if (HasTypeByte)
      Seg.Type = readRefType(R);
    readElemExprs(Seg);
  } else {
    if (HasTypeByte) {
      size_t KindAt = R.offset();
      if (R.readByte() != 0x00)
        throwMalformed(KindAt, "malformed element kind");
    }
    readElemFuncIndices(Seg);
  }
  return Seg;
}

void ModuleParser::readElemFuncIndices(ElemSegment &Seg) {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I) {
    ConstExpr E;
    E.Offset = static_cast<uint32_t>(R.offset());
    E.K = ConstExpr::Kind::RefFunc;
    E.Index = R.readVarU32();
    Seg.Items.push_back(E);
  }
}

void ModuleParser::readElemExprs(ElemSegment &Seg) {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I)
    Seg.Items.push_back(readConstExpr());
}

//===-- Code and data -----------------------------------------------------===//

void ModuleParser::readCodeSection() {
  size_t CountAt = R.offset();
  uint32_t Count = R.readCount();
  if (Count != NumDeclaredFuncs.value_or(0))
    throwMalformed(CountAt,
                   "function and code section have inconsistent lengths");
  for (uint32_t I = 0; I < Count; ++I) {
    size_t SizeAt = R.offset();
    uint32_t Size = R.readVarU32();
    if (Size > R.remaining())
      throwMalformed(SizeAt, "length out of bounds");
    if (Size == 0)
      throwMalformed(SizeAt, "unexpected end of section or function");
    FunctionBody Body;
    Body.TypeIndex = M.FuncTypeIndices[M.NumImportedFuncs + I];
    Body.Offset = static_cast<uint32_t>(R.offset());
    Body.End = Body.Offset + Size;
    M.Bodies.push_back(Body);
    R.seek(Body.End);
  }
}

void ModuleParser::readDataSection() {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I) {
    DataSegment Seg;
    Seg.FileOffset = static_cast<uint32_t>(R.offset());
    size_t FlagsAt = R.offset();
    uint32_t Flags = R.readVarU32();
    switch (Flags) {
    case 0:
      Seg.Mode = SegmentMode::Active;
      Seg.Offset = readConstExpr();
      break;
    case 1:
      Seg.Mode = SegmentMode::Passive;
      break;
    case 2:
      Seg.Mode = SegmentMode::Active;
      Seg.Memory = R.readVarU32();
      Seg.Offset = readConstExpr();
      break;
    default:
      throwMalformed(FlagsAt, "malformed data segment kind");
    }
    size_t SizeAt = R.offset();
    uint32_t Size = R.readVarU32();
    if (Size > R.remaining())
      throwMalformed(SizeAt, "unexpected end of section or function");
    Seg.BytesOffset = static_cast<uint32_t>(R.offset());
    Seg.Size = Size;
    R.readBytes(Size);
    M.Datas.push_back(Seg);
  }
}

void ModuleParser::readDataCountSection() { M.DataCount = R.readVarU32(); }

/// A tag: an attribute byte (0, exception) and a function type index.
uint32_t ModuleParser::readTagType() {
  size_t At = R.offset();
  if (R.readByte() != 0)
    throwMalformed(At, "malformed tag attribute");
  return R.readVarU32();
}

void ModuleParser::readTagSection() {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I)
    M.TagTypeIndices.push_back(readTagType());
}

//===-- Custom sections ---------------------------------------------------===//

void ModuleParser::readCustomSection() {
  std::string Name = R.readName();
  if (Name == "name")
    readNameSection();
  R.seek(R.limit()); // other custom sections are opaque
}

/// The name section is advisory: a damaged one must not make the module
/// malformed, so whatever fails in it only drops the names.
void ModuleParser::readNameSection() {
  size_t SectionLimit = R.limit();
  try {
    readNameSubsections();
  } catch (const DecodeError &) {
    M.Names = NameSection();
    R.popLimit(SectionLimit);
  }
}

void ModuleParser::readNameMap(std::map<uint32_t, std::string> &Names) {
  uint32_t Count = R.readCount();
  for (uint32_t I = 0; I < Count; ++I) {
    uint32_t Index = R.readVarU32();
    Names[Index] = R.readName();
  }
}

bool ModuleParser::tryReadNameMap(std::map<uint32_t, std::string> &Names) {
  try {
    readNameMap(Names);
  } catch (const DecodeError &) {
    return false;
  }
  return R.atLimit();
}

void ModuleParser::readNameSubsections() {
  while (!R.atLimit()) {
    uint8_t Id = R.readByte();
    uint32_t Size = R.readVarU32();
    size_t Outer = R.pushLimit(Size, R.offset());
    switch (Id) {
    case 0:
      M.Names.ModuleName = R.readName();
      break;
    case 1:
      readNameMap(M.Names.Functions);
      break;
    case 11: // tag names (extended name section)
      readNameMap(M.Names.Tags);
      break;
    case 10:
      // wabt (Debian's 1.0.32) writes tag names here, from before the GC
      // proposal took 10 for field names (a map of maps): read it as tags
      // when it is a plain name map of tag indices, and ignore it otherwise.
      if (std::map<uint32_t, std::string> Tags; tryReadNameMap(Tags)) {
        uint32_t NumTags = uint32_t(M.TagTypeIndices.size());
        if (!Tags.empty() && Tags.rbegin()->first < NumTags)
          M.Names.Tags.merge(Tags);
      }
      break;
    case 2: {
      uint32_t Count = R.readCount();
      for (uint32_t I = 0; I < Count; ++I) {
        uint32_t Func = R.readVarU32();
        uint32_t NumLocals = R.readCount();
        auto &Locals = M.Names.Locals[Func];
        for (uint32_t K = 0; K < NumLocals; ++K) {
          uint32_t Index = R.readVarU32();
          Locals[Index] = R.readName();
        }
      }
      break;
    }
    default:
      break; // subsections of later proposals (labels, types, ...)
    }
    R.seek(R.limit());
    R.popLimit(Outer);
  }
}

} // namespace

bool parseModule(std::vector<uint8_t> Bytes, Module &Out, Diagnostic &Diag,
                 const Features &Enabled) {
  Out = Module();
  Out.Bytes = std::move(Bytes);
  Out.Enabled = Enabled;
  try {
    ModuleParser(Out).parse();
    return true;
  } catch (const DecodeError &E) {
    fillDiagnostic(E, Diag);
    return false;
  }
}

bool loadModule(std::vector<uint8_t> Bytes, Module &Out, Diagnostic &Diag,
                const Features &Enabled) {
  return parseModule(std::move(Bytes), Out, Diag, Enabled) &&
         validateModule(Out, Diag);
}

} // namespace wasmaot
