//===- Validator.cpp - Type-checking function bodies ----------------------===//
//
// The validation algorithm of the spec's appendix: an operand stack whose
// entries may be Unknown (below an unreachable, the stack is polymorphic) and a
// stack of control frames. Each instruction is checked, then forwarded to Next;
// code after unreachable/br/return is checked and forwarded as well.
//
//===----------------------------------------------------------------------===//
#include "frontend/Validator.h"
#include "frontend/BinaryReader.h"
#include "frontend/Frontend.h"
#include "frontend/FunctionDecoder.h"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <vector>

namespace wasmaot {

namespace {

/// Not a value type: what the polymorphic stack yields.
constexpr ValType Unknown = static_cast<ValType>(0);

using TypeList = std::span<const ValType>;

/// A one-element list of T that outlives every frame (the result of a block
/// typed by a single value type).
TypeList getOneType(ValType T) {
  static constexpr ValType All[] = {
      ValType::I32,  ValType::I64,     ValType::F32,      ValType::F64,
      ValType::V128, ValType::FuncRef, ValType::ExternRef};
  for (const ValType &Candidate : All)
    if (Candidate == T)
      return TypeList(&Candidate, 1);
  return {};
}

std::string getTypeName(ValType T) {
  return T == Unknown ? "unknown" : getValTypeName(T);
}

bool isNumType(ValType T) {
  return T == ValType::I32 || T == ValType::I64 || T == ValType::F32 ||
         T == ValType::F64;
}

ValType getSigType(char C) {
  switch (C) {
  case 'i':
    return ValType::I32;
  case 'l':
    return ValType::I64;
  case 'f':
    return ValType::F32;
  case 'd':
    return ValType::F64;
  default:
    return ValType::V128;
  }
}

/// The lane count of a SIMD instruction's shape, from its name ("i16x8...").
unsigned computeLaneCount(std::string_view Name) {
  if (Name.starts_with("i8x16"))
    return 16;
  if (Name.starts_with("i16x8"))
    return 8;
  if (Name.starts_with("i32x4") || Name.starts_with("f32x4"))
    return 4;
  if (Name.starts_with("i64x2") || Name.starts_with("f64x2"))
    return 2;
  return 16;
}

} // namespace

class Validator::Impl {
public:
  Impl(const Module &M, OperatorVisitor *Next) : M(M), Next(Next) {}

  void begin(uint32_t FuncIndex, std::span<const ValType> Locals);
  void control(const Instr &I);
  void call(const Instr &I);
  void parametric(const Instr &I);
  void variable(const Instr &I);
  void table(const Instr &I);
  void memory(const Instr &I);
  void numeric(const Instr &I) { applySignature(I); }
  void reference(const Instr &I);
  void simd(const Instr &I);
  void atomic(const Instr &I);

  const Module &M;
  OperatorVisitor *Next;
  /// The type the validator found for the operand of select/drop/ref.is_null,
  /// written into the Instr handed to Next.
  ValType OperandType = Unknown;

private:
  struct Frame {
    Opcode Op;
    // Views of the module's types (or of OneType): frames are many in deeply
    // nested code, and must not each copy a type's parameters and results.
    TypeList Start;
    TypeList End;
    size_t Height;
    bool Unreachable;
    /// The last br_table that checked this label: a table naming one label
    /// many times checks it once (doing it again changes nothing), so that
    /// long tables cost no more than their length.
    uint32_t BrTableMark = 0;
  };

  [[noreturn]] void fail(const std::string &Message) {
    throwInvalid(Current->Offset, Message);
  }
  [[noreturn]] void failMismatch(const std::string &Expected,
                                 const std::string &Found) {
    fail("type mismatch in " + std::string(getOpcodeName(Current->Op)) +
         ": expected " + Expected + ", found " + Found);
  }

  void pushVal(ValType T) { Vals.push_back(T); }
  void pushVals(TypeList Ts) { Vals.insert(Vals.end(), Ts.begin(), Ts.end()); }
  ValType popVal();
  ValType popVal(ValType Expected);
  void popVals(TypeList Expected);
  void pushCtrl(Opcode Op, TypeList In, TypeList Out);
  Frame popCtrl();
  TypeList labelTypes(const Frame &F) {
    return F.Op == Opcode::Loop ? F.Start : F.End;
  }
  Frame &label(uint32_t Depth);
  void markUnreachable() {
    Vals.resize(Ctrls.back().Height);
    Ctrls.back().Unreachable = true;
  }

  /// Pops the operands and pushes the results of I's fixed signature; with
  /// Address, the first operand is that type instead (a memory access's
  /// address, i64 in a 64-bit memory).
  void applySignature(const Instr &I, ValType Address = Unknown);
  void getBlockSignature(const BlockType &BT, TypeList &In, TypeList &Out);
  void checkBranchTable(const Instr &I);
  const MemoryType &checkMemory(uint32_t Index);
  /// The type index of tag Index.
  uint32_t checkTag(uint32_t Index);
  /// Checks I's memarg and returns the memory's address type.
  ValType checkMemArg(const Instr &I);
  const TableType &checkTable(uint32_t Index);
  void checkElem(uint32_t Index);
  void checkData(uint32_t Index);
  void checkLane(const Instr &I);

  const Instr *Current = nullptr;
  std::vector<ValType> LocalTypes; // parameters, then locals
  std::vector<ValType> Vals;
  std::vector<Frame> Ctrls;
  uint32_t NumBrTables = 0;
};

//===-- The operand and control stacks ------------------------------------===//

ValType Validator::Impl::popVal() {
  if (Vals.size() == Ctrls.back().Height) {
    if (Ctrls.back().Unreachable)
      return Unknown;
    failMismatch("a value", "nothing");
  }
  ValType T = Vals.back();
  Vals.pop_back();
  return T;
}

ValType Validator::Impl::popVal(ValType Expected) {
  if (Vals.size() == Ctrls.back().Height && !Ctrls.back().Unreachable)
    failMismatch(getTypeName(Expected), "nothing");
  ValType Actual = popVal();
  if (Actual != Expected && Actual != Unknown && Expected != Unknown)
    failMismatch(getTypeName(Expected), getTypeName(Actual));
  return Actual;
}

void Validator::Impl::popVals(TypeList Expected) {
  for (size_t I = Expected.size(); I-- > 0;)
    popVal(Expected[I]);
}

void Validator::Impl::pushCtrl(Opcode Op, TypeList In, TypeList Out) {
  Ctrls.push_back({Op, In, Out, Vals.size(), false, 0});
  pushVals(Ctrls.back().Start);
}

Validator::Impl::Frame Validator::Impl::popCtrl() {
  // The decoder guarantees a frame is open: `end` closes at most the body.
  popVals(Ctrls.back().End);
  if (Vals.size() != Ctrls.back().Height)
    fail("type mismatch in " + std::string(getOpcodeName(Current->Op)) + ": " +
         std::to_string(Vals.size() - Ctrls.back().Height) +
         " value(s) left on the stack at the end of the block");
  Frame F = std::move(Ctrls.back());
  Ctrls.pop_back();
  return F;
}

Validator::Impl::Frame &Validator::Impl::label(uint32_t Depth) {
  if (Depth >= Ctrls.size())
    fail("unknown label " + std::to_string(Depth));
  return Ctrls[Ctrls.size() - 1 - Depth];
}

//===-- Instructions ------------------------------------------------------===//

void Validator::Impl::begin(uint32_t FuncIndex,
                            std::span<const ValType> Locals) {
  const FuncType &T = M.getFuncType(FuncIndex);
  LocalTypes = T.Params;
  LocalTypes.insert(LocalTypes.end(), Locals.begin(), Locals.end());
  Vals.clear();
  Ctrls.clear();
  // The function's own label: its results, and the height of an empty stack.
  Ctrls.push_back({Opcode::Block, {}, T.Results, 0, false, 0});
}

namespace {
/// Opcodes.def's "operands:results" strings, parsed once: validation applies
/// one to nearly every instruction.
struct ParsedSignature {
  uint8_t NumOperands = 0, NumResults = 0;
  std::array<ValType, 3> Operands{};
  std::array<ValType, 1> Results{};
};

std::vector<ParsedSignature> parseSignatures() {
  std::vector<ParsedSignature> All(static_cast<size_t>(Opcode::NumOpcodes));
  for (size_t Op = 0; Op < All.size(); ++Op) {
    std::string_view Sig = getOpcodeInfo(static_cast<Opcode>(Op)).Sig;
    size_t Colon = Sig.find(':');
    if (Colon == std::string_view::npos)
      continue;
    ParsedSignature &P = All[Op];
    for (size_t K = 0; K < Colon; ++K)
      P.Operands.at(P.NumOperands++) = getSigType(Sig[K]);
    for (size_t K = Colon + 1; K < Sig.size(); ++K)
      P.Results.at(P.NumResults++) = getSigType(Sig[K]);
  }
  return All;
}

const std::vector<ParsedSignature> Signatures = parseSignatures();
} // namespace

void Validator::Impl::applySignature(const Instr &I, ValType Address) {
  Current = &I;
  const ParsedSignature &Sig = Signatures[static_cast<size_t>(I.Op)];
  for (size_t K = Sig.NumOperands; K-- > 0;)
    popVal(K == 0 && Address != Unknown ? Address : Sig.Operands[K]);
  for (size_t K = 0; K < Sig.NumResults; ++K)
    pushVal(Sig.Results[K]);
}

void Validator::Impl::getBlockSignature(const BlockType &BT, TypeList &In,
                                        TypeList &Out) {
  In = Out = {};
  switch (BT.K) {
  case BlockType::Kind::Empty:
    return;
  case BlockType::Kind::Value:
    Out = getOneType(BT.Type);
    return;
  case BlockType::Kind::TypeIndex:
    if (BT.Index >= M.Types.size())
      fail("unknown type " + std::to_string(BT.Index));
    In = M.Types[BT.Index].Params;
    Out = M.Types[BT.Index].Results;
    return;
  }
}

void Validator::Impl::control(const Instr &I) {
  Current = &I;
  switch (I.Op) {
  case Opcode::Unreachable:
    markUnreachable();
    return;
  case Opcode::Nop:
    return;
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
  case Opcode::Try: {
    TypeList In, Out;
    getBlockSignature(I.Block, In, Out);
    if (I.Op == Opcode::If)
      popVal(ValType::I32);
    popVals(In);
    pushCtrl(I.Op, In, Out);
    return;
  }
  case Opcode::Catch: {
    Frame F = popCtrl();
    if (F.Op != Opcode::Try && F.Op != Opcode::Catch)
      fail("catch after catch_all");
    pushCtrl(Opcode::Catch, {}, F.End);
    pushVals(M.Types[checkTag(I.Index)].Params);
    return;
  }
  case Opcode::CatchAll: {
    Frame F = popCtrl();
    if (F.Op != Opcode::Try && F.Op != Opcode::Catch)
      fail("catch_all after catch_all");
    pushCtrl(Opcode::CatchAll, {}, F.End);
    return;
  }
  case Opcode::Delegate: {
    Frame F = popCtrl();
    // The label is counted from outside the try that delegate ends.
    label(I.Index);
    pushVals(F.End);
    return;
  }
  case Opcode::Throw: {
    const FuncType &T = M.Types[checkTag(I.Index)];
    for (size_t K = T.Params.size(); K-- > 0;)
      popVal(T.Params[K]);
    markUnreachable();
    return;
  }
  case Opcode::Rethrow: {
    const Frame &F = label(I.Index);
    if (F.Op != Opcode::Catch && F.Op != Opcode::CatchAll)
      fail("invalid rethrow label " + std::to_string(I.Index) +
           ": not a catch block");
    markUnreachable();
    return;
  }
  case Opcode::Else: {
    Frame F = popCtrl();
    pushCtrl(Opcode::Else, F.Start, F.End);
    return;
  }
  case Opcode::End: {
    Frame F = popCtrl();
    // Without an else, the missing branch passes the parameters through.
    if (F.Op == Opcode::If && !std::ranges::equal(F.Start, F.End))
      fail("type mismatch in if: a block without else must have as many "
           "results as parameters, of the same types");
    pushVals(F.End);
    return;
  }
  case Opcode::Br:
    popVals(labelTypes(label(I.Index)));
    markUnreachable();
    return;
  case Opcode::BrIf: {
    TypeList Types = labelTypes(label(I.Index));
    popVal(ValType::I32);
    popVals(Types);
    pushVals(Types);
    return;
  }
  case Opcode::BrTable:
    checkBranchTable(I);
    return;
  case Opcode::Return:
    popVals(Ctrls.front().End);
    markUnreachable();
    return;
  default:
    return;
  }
}

void Validator::Impl::checkBranchTable(const Instr &I) {
  popVal(ValType::I32);
  size_t Arity = labelTypes(label(I.DefaultTarget)).size();
  ++NumBrTables;
  for (uint32_t Target : I.Targets) {
    Frame &F = label(Target);
    TypeList Types = labelTypes(F);
    if (Types.size() != Arity)
      fail("type mismatch in br_table: label " + std::to_string(Target) +
           " has " + std::to_string(Types.size()) +
           " value(s), the default label " + std::to_string(Arity));
    if (F.BrTableMark == NumBrTables)
      continue;
    F.BrTableMark = NumBrTables;
    // What was popped goes back as it was: an Unknown stays Unknown.
    std::vector<ValType> Popped(Types.size());
    for (size_t K = Types.size(); K-- > 0;)
      Popped[K] = popVal(Types[K]);
    pushVals(Popped);
  }
  popVals(labelTypes(label(I.DefaultTarget)));
  markUnreachable();
}

void Validator::Impl::call(const Instr &I) {
  Current = &I;
  bool Tail = I.Op == Opcode::ReturnCall || I.Op == Opcode::ReturnCallIndirect;
  if (Tail && !M.Enabled.TailCall)
    fail(std::string(getOpcodeName(I.Op)) +
         " needs the tail-call feature (it is disabled)");
  const FuncType *T;
  if (I.Op == Opcode::Call || I.Op == Opcode::ReturnCall) {
    if (I.Index >= M.getNumFuncs())
      fail("unknown function " + std::to_string(I.Index));
    T = &M.getFuncType(I.Index);
  } else {
    const TableType &Table = checkTable(I.Index2);
    if (Table.Elem != ValType::FuncRef)
      fail("type mismatch in call_indirect: table " + std::to_string(I.Index2) +
           " holds " + getTypeName(Table.Elem) + ", not funcref");
    if (I.Index >= M.Types.size())
      fail("unknown type " + std::to_string(I.Index));
    T = &M.Types[I.Index];
    popVal(Table.getIndexType());
  }
  popVals(T->Params);
  if (!Tail) {
    pushVals(T->Results);
    return;
  }
  // The callee's results are this function's: they return from here.
  TypeList Own = Ctrls.front().End;
  if (!std::equal(T->Results.begin(), T->Results.end(), Own.begin(), Own.end()))
    fail("type mismatch in " + std::string(getOpcodeName(I.Op)) +
         ": the callee's results differ from the function's");
  markUnreachable();
}

void Validator::Impl::parametric(const Instr &I) {
  Current = &I;
  if (I.Op == Opcode::Drop) {
    OperandType = popVal();
    return;
  }
  if (I.Op == Opcode::SelectT) {
    if (I.Index != 1)
      fail("invalid result arity: select takes exactly one type");
    popVal(ValType::I32);
    popVal(I.Type);
    popVal(I.Type);
    pushVal(I.Type);
    OperandType = I.Type;
    return;
  }
  popVal(ValType::I32);
  ValType T1 = popVal();
  ValType T2 = popVal();
  // Without a type immediate, select may only choose between numbers or
  // vectors: references need `select t`.
  auto IsNumOrVec = [](ValType T) {
    return T == Unknown || isNumType(T) || T == ValType::V128;
  };
  if (!IsNumOrVec(T1) || !IsNumOrVec(T2))
    failMismatch("a numeric or vector operand (use select with a type for "
                 "references)",
                 getTypeName(IsNumOrVec(T1) ? T2 : T1));
  if (T1 != T2 && T1 != Unknown && T2 != Unknown)
    failMismatch(getTypeName(T2), getTypeName(T1));
  OperandType = T1 == Unknown ? T2 : T1;
  pushVal(OperandType);
}

void Validator::Impl::variable(const Instr &I) {
  Current = &I;
  switch (I.Op) {
  case Opcode::LocalGet:
  case Opcode::LocalSet:
  case Opcode::LocalTee: {
    if (I.Index >= LocalTypes.size())
      fail("unknown local " + std::to_string(I.Index));
    ValType T = LocalTypes[I.Index];
    if (I.Op != Opcode::LocalGet)
      popVal(T);
    if (I.Op != Opcode::LocalSet)
      pushVal(T);
    return;
  }
  case Opcode::GlobalGet:
  case Opcode::GlobalSet: {
    if (I.Index >= M.GlobalTypes.size())
      fail("unknown global " + std::to_string(I.Index));
    const GlobalType &G = M.GlobalTypes[I.Index];
    if (I.Op == Opcode::GlobalGet) {
      pushVal(G.Type);
      return;
    }
    if (!G.Mutable)
      fail("global is immutable: global.set " + std::to_string(I.Index));
    popVal(G.Type);
    return;
  }
  default:
    return;
  }
}

const TableType &Validator::Impl::checkTable(uint32_t Index) {
  if (Index >= M.Tables.size())
    fail("unknown table " + std::to_string(Index));
  return M.Tables[Index];
}

void Validator::Impl::checkElem(uint32_t Index) {
  if (Index >= M.Elems.size())
    fail("unknown elem segment " + std::to_string(Index));
}

void Validator::Impl::checkData(uint32_t Index) {
  // The data count section announces the segments before the code.
  if (Index >= M.DataCount.value_or(0))
    fail("unknown data segment " + std::to_string(Index));
}

uint32_t Validator::Impl::checkTag(uint32_t Index) {
  if (Index >= M.TagTypeIndices.size())
    fail("unknown tag " + std::to_string(Index));
  return M.TagTypeIndices[Index];
}

const MemoryType &Validator::Impl::checkMemory(uint32_t Index) {
  if (Index >= M.Memories.size())
    fail("unknown memory " + std::to_string(Index));
  return M.Memories[Index];
}

void Validator::Impl::table(const Instr &I) {
  Current = &I;
  switch (I.Op) {
  // A table's indices, sizes and lengths are of its index type (i64 for
  // table64).
  case Opcode::TableGet: {
    const TableType &Table = checkTable(I.Index);
    popVal(Table.getIndexType());
    pushVal(Table.Elem);
    return;
  }
  case Opcode::TableSet: {
    const TableType &Table = checkTable(I.Index);
    popVal(Table.Elem);
    popVal(Table.getIndexType());
    return;
  }
  case Opcode::TableSize:
    pushVal(checkTable(I.Index).getIndexType());
    return;
  case Opcode::TableGrow: {
    const TableType &Table = checkTable(I.Index);
    popVal(Table.getIndexType());
    popVal(Table.Elem);
    pushVal(Table.getIndexType());
    return;
  }
  case Opcode::TableFill: {
    const TableType &Table = checkTable(I.Index);
    popVal(Table.getIndexType());
    popVal(Table.Elem);
    popVal(Table.getIndexType());
    return;
  }
  case Opcode::TableCopy: {
    const TableType &Dst = checkTable(I.Index);
    const TableType &Src = checkTable(I.Index2);
    if (Dst.Elem != Src.Elem)
      fail("type mismatch in table.copy: " + getTypeName(Src.Elem) +
           " table copied into " + getTypeName(Dst.Elem) + " table");
    // The length is i64 only when both tables are 64-bit.
    popVal(Dst.Is64 && Src.Is64 ? ValType::I64 : ValType::I32);
    popVal(Src.getIndexType());
    popVal(Dst.getIndexType());
    return;
  }
  case Opcode::TableInit: {
    const TableType &Table = checkTable(I.Index2);
    checkElem(I.Index);
    if (M.Elems[I.Index].Type != Table.Elem)
      fail(
          "type mismatch in table.init: " + getTypeName(M.Elems[I.Index].Type) +
          " segment into " + getTypeName(Table.Elem) + " table");
    popVal(ValType::I32);
    popVal(ValType::I32);
    popVal(Table.getIndexType());
    return;
  }
  case Opcode::ElemDrop:
    checkElem(I.Index);
    return;
  default:
    return;
  }
}

ValType Validator::Impl::checkMemArg(const Instr &I) {
  const MemoryType &Mem = checkMemory(I.Mem.Memory);
  unsigned Size = getAccessSize(I.Op);
  if (getOpcodeInfo(I.Op).Family == OpFamily::Atomic) {
    // Atomics are never misaligned in the encoding: the hint is the size.
    if (I.Mem.AlignLog2 >= 32 || (1u << I.Mem.AlignLog2) != Size)
      fail("alignment must be exactly natural (" +
           std::string(getOpcodeName(I.Op)) + " with align=2**" +
           std::to_string(I.Mem.AlignLog2) + ")");
  } else if (I.Mem.AlignLog2 >= 32 || (1u << I.Mem.AlignLog2) > Size) {
    fail("alignment must not be larger than natural (" +
         std::string(getOpcodeName(I.Op)) + " with align=2**" +
         std::to_string(I.Mem.AlignLog2) + ")");
  }
  if (!Mem.Is64 && I.Mem.Offset > UINT32_MAX)
    fail("offset out of range: " + std::to_string(I.Mem.Offset) +
         " in a 32-bit memory");
  return Mem.getAddressType();
}

void Validator::Impl::memory(const Instr &I) {
  Current = &I;
  switch (I.Op) {
  case Opcode::MemoryInit:
    checkData(I.Index);
    popVal(ValType::I32);
    popVal(ValType::I32);
    popVal(checkMemory(I.Index2).getAddressType());
    return;
  case Opcode::DataDrop:
    checkData(I.Index);
    return;
  case Opcode::MemoryCopy: {
    // The length is i64 only when both memories are 64-bit.
    ValType Dst = checkMemory(I.Index).getAddressType();
    ValType Src = checkMemory(I.Index2).getAddressType();
    popVal(Dst == ValType::I64 && Src == ValType::I64 ? ValType::I64
                                                      : ValType::I32);
    popVal(Src);
    popVal(Dst);
    return;
  }
  case Opcode::MemorySize:
    pushVal(checkMemory(I.Index).getAddressType());
    return;
  case Opcode::MemoryGrow: {
    ValType Address = checkMemory(I.Index).getAddressType();
    popVal(Address);
    pushVal(Address);
    return;
  }
  case Opcode::MemoryFill: {
    ValType Address = checkMemory(I.Index).getAddressType();
    popVal(Address);
    popVal(ValType::I32);
    popVal(Address);
    return;
  }
  default:
    applySignature(I, checkMemArg(I));
    return;
  }
}

void Validator::Impl::atomic(const Instr &I) {
  Current = &I;
  if (I.Op == Opcode::AtomicFence)
    return;
  applySignature(I, checkMemArg(I));
}

void Validator::Impl::reference(const Instr &I) {
  Current = &I;
  switch (I.Op) {
  case Opcode::RefNull:
    pushVal(I.Type);
    return;
  case Opcode::RefIsNull: {
    ValType T = popVal();
    if (T != Unknown && !isRefType(T))
      failMismatch("a reference", getTypeName(T));
    OperandType = T == Unknown ? ValType::FuncRef : T;
    pushVal(ValType::I32);
    return;
  }
  case Opcode::RefFunc:
    if (I.Index >= M.getNumFuncs())
      fail("unknown function " + std::to_string(I.Index));
    if (I.Index >= M.DeclaredFuncRefs.size() || !M.DeclaredFuncRefs[I.Index])
      fail("undeclared function reference: ref.func " +
           std::to_string(I.Index) +
           " needs the function in an element segment, an export or a "
           "global initializer");
    pushVal(ValType::FuncRef);
    return;
  default:
    return;
  }
}

void Validator::Impl::checkLane(const Instr &I) {
  unsigned Lanes;
  ImmKind K = getOpcodeInfo(I.Op).Imm;
  if (K == ImmKind::MemArgLane)
    Lanes = 16 / getAccessSize(I.Op);
  else
    Lanes = computeLaneCount(getOpcodeName(I.Op));
  if (I.Lane >= Lanes)
    fail("invalid lane index " + std::to_string(I.Lane) + " in " +
         std::string(getOpcodeName(I.Op)) + " (" + std::to_string(Lanes) +
         " lanes)");
}

void Validator::Impl::simd(const Instr &I) {
  Current = &I;
  ValType Address = Unknown;
  switch (getOpcodeInfo(I.Op).Imm) {
  case ImmKind::MemArg:
    Address = checkMemArg(I);
    break;
  case ImmKind::MemArgLane:
    Address = checkMemArg(I);
    checkLane(I);
    break;
  case ImmKind::Lane:
    checkLane(I);
    break;
  case ImmKind::Shuffle:
    for (uint8_t Lane : I.V128)
      if (Lane >= 32)
        fail("invalid lane index " + std::to_string(Lane) +
             " in i8x16.shuffle (32 lanes)");
    break;
  default:
    break;
  }
  applySignature(I, Address);
}

//===-- The visitor -------------------------------------------------------===//

Validator::Validator(const Module &M, OperatorVisitor *Next)
    : P(std::make_unique<Impl>(M, Next)) {}
Validator::~Validator() = default;

void Validator::beginFunction(uint32_t FuncIndex,
                              std::span<const ValType> Locals) {
  P->begin(FuncIndex, Locals);
  if (P->Next)
    P->Next->beginFunction(FuncIndex, Locals);
}

void Validator::endFunction() {
  if (P->Next)
    P->Next->endFunction();
}

void Validator::visitControl(const Instr &I) {
  P->control(I);
  if (P->Next)
    P->Next->visitControl(I);
}

void Validator::visitCall(const Instr &I) {
  P->call(I);
  if (P->Next)
    P->Next->visitCall(I);
}

void Validator::visitParametric(const Instr &I) {
  P->parametric(I);
  if (!P->Next)
    return;
  Instr Typed = I;
  Typed.Type = P->OperandType == Unknown ? ValType::I32 : P->OperandType;
  P->Next->visitParametric(Typed);
}

void Validator::visitVariable(const Instr &I) {
  P->variable(I);
  if (P->Next)
    P->Next->visitVariable(I);
}

void Validator::visitTable(const Instr &I) {
  P->table(I);
  if (P->Next)
    P->Next->visitTable(I);
}

void Validator::visitMemory(const Instr &I) {
  P->memory(I);
  if (P->Next)
    P->Next->visitMemory(I);
}

void Validator::visitNumeric(const Instr &I) {
  P->numeric(I);
  if (P->Next)
    P->Next->visitNumeric(I);
}

void Validator::visitReference(const Instr &I) {
  P->reference(I);
  if (!P->Next)
    return;
  if (I.Op != Opcode::RefIsNull)
    return P->Next->visitReference(I);
  Instr Typed = I;
  Typed.Type = P->OperandType;
  P->Next->visitReference(Typed);
}

void Validator::visitSimd(const Instr &I) {
  P->simd(I);
  if (P->Next)
    P->Next->visitSimd(I);
}

void Validator::visitAtomic(const Instr &I) {
  P->atomic(I);
  if (P->Next)
    P->Next->visitAtomic(I);
}

} // namespace wasmaot
