//===- FunctionDecoder.cpp - Reading function bodies ----------------------===//
//
// Reads a body once: its locals, then each instruction with its immediates as
// the opcode table says, handed to a visitor (the Validator, which forwards to
// lowering). The decoder itself checks only what makes a body malformed: the
// encodings, the nesting of block/if/else/end, and the end of the body.
//
//===----------------------------------------------------------------------===//
#include "frontend/FunctionDecoder.h"
#include "frontend/BinaryReader.h"
#include "frontend/Frontend.h"
#include "frontend/InstrReader.h"
#include "frontend/Validator.h"

#include <cstdio>

namespace wasmaot {

bool isValTypeByte(uint8_t B) {
  switch (B) {
  case 0x7f:
  case 0x7e:
  case 0x7d:
  case 0x7c:
  case 0x7b:
  case 0x70:
  case 0x6f:
    return true;
  default:
    return false;
  }
}

ValType readValType(BinaryReader &R) {
  size_t At = R.offset();
  uint8_t B = R.readByte();
  if (!isValTypeByte(B))
    throwMalformed(At, "malformed value type");
  return static_cast<ValType>(B);
}

ValType readRefType(BinaryReader &R) {
  size_t At = R.offset();
  uint8_t B = R.readByte();
  if (B != 0x70 && B != 0x6f)
    throwMalformed(At, "malformed reference type");
  return static_cast<ValType>(B);
}

static void readZeroByte(BinaryReader &R) {
  size_t At = R.offset();
  if (R.readByte() != 0)
    throwMalformed(At, "zero byte expected");
}

static BlockType readBlockType(BinaryReader &R) {
  BlockType BT;
  uint8_t B = R.peekByte();
  if (B == 0x40) {
    R.readByte();
    BT.K = BlockType::Kind::Empty;
    return BT;
  }
  if (isValTypeByte(B)) {
    R.readByte();
    BT.K = BlockType::Kind::Value;
    BT.Type = static_cast<ValType>(B);
    return BT;
  }
  size_t At = R.offset();
  int64_t Index = R.readVarS33();
  if (Index < 0)
    throwMalformed(At, "malformed block type");
  if (Index > UINT32_MAX)
    throwMalformed(At, "integer too large");
  BT.K = BlockType::Kind::TypeIndex;
  BT.Index = static_cast<uint32_t>(Index);
  return BT;
}

/// Whether the encoding of Op exists with the features F: the exception
/// instructions reuse no 2.0 encoding, so without the feature they are
/// illegal opcodes. (Tail calls are refused by the validator, atomics by
/// their prefix.)
static bool isOpcodeEnabled(Opcode Op, const Features &F) {
  switch (Op) {
  case Opcode::Try:
  case Opcode::Catch:
  case Opcode::Throw:
  case Opcode::Rethrow:
  case Opcode::Delegate:
  case Opcode::CatchAll:
    return F.Exceptions;
  default:
    return true;
  }
}

/// Multi-memory: bit 6 of the alignment field says a memory index follows.
static constexpr uint32_t MemArgHasMemory = 0x40;

static MemArg readMemArg(BinaryReader &R, const Features &F) {
  MemArg A;
  A.AlignLog2 = R.readVarU32();
  if (F.MultiMemory && (A.AlignLog2 & MemArgHasMemory)) {
    A.AlignLog2 &= ~MemArgHasMemory;
    A.Memory = R.readVarU32();
  }
  // memory64 widens every offset; the validator keeps a 32-bit memory's
  // below 2^32.
  A.Offset = F.Memory64 ? R.readVarU64() : R.readVarU32();
  return A;
}

/// A memory index: a reserved zero byte before multi-memory.
static uint32_t readMemIdx(BinaryReader &R, const Features &F) {
  if (F.MultiMemory)
    return R.readVarU32();
  readZeroByte(R);
  return 0;
}

static Opcode readOpcode(BinaryReader &R, const Features &F) {
  size_t At = R.offset();
  uint8_t B = R.readByte();
  uint32_t Code = B;
  uint8_t Prefix = 0;
  if (B == 0xFC || B == 0xFD || (B == 0xFE && F.Threads)) {
    Prefix = B;
    Code = R.readVarU32();
  }
  Opcode Op;
  if (!lookupOpcode(Prefix, Code, Op) || !isOpcodeEnabled(Op, F)) {
    char Buf[48];
    if (Prefix)
      std::snprintf(Buf, sizeof(Buf), "illegal opcode 0x%02x 0x%x", Prefix,
                    Code);
    else
      std::snprintf(Buf, sizeof(Buf), "illegal opcode 0x%02x", Code);
    throwMalformed(At, Buf);
  }
  return Op;
}

void readInstr(BinaryReader &R, const Features &F, Instr &I,
               std::vector<uint32_t> &TargetBuf) {
  I.Offset = static_cast<uint32_t>(R.offset());
  I.Op = readOpcode(R, F);
  switch (getOpcodeInfo(I.Op).Imm) {
  case ImmKind::None:
    break;
  case ImmKind::BlockType:
    I.Block = readBlockType(R);
    break;
  case ImmKind::Label:
  case ImmKind::Func:
  case ImmKind::Local:
  case ImmKind::Global:
  case ImmKind::Table:
  case ImmKind::Data:
  case ImmKind::Elem:
  case ImmKind::Tag:
    I.Index = R.readVarU32();
    break;
  case ImmKind::LabelTable: {
    uint32_t Count = R.readCount();
    TargetBuf.clear();
    TargetBuf.reserve(Count);
    for (uint32_t K = 0; K < Count; ++K)
      TargetBuf.push_back(R.readVarU32());
    I.Targets = TargetBuf;
    I.DefaultTarget = R.readVarU32();
    break;
  }
  case ImmKind::CallIndirect:
    I.Index = R.readVarU32();
    I.Index2 = R.readVarU32();
    break;
  case ImmKind::MemArg:
    I.Mem = readMemArg(R, F);
    break;
  case ImmKind::MemIdx:
    I.Index = readMemIdx(R, F);
    break;
  case ImmKind::ZeroByte:
    readZeroByte(R);
    break;
  case ImmKind::I32:
    I.Bits = static_cast<uint64_t>(static_cast<int64_t>(R.readVarS32()));
    break;
  case ImmKind::I64:
    I.Bits = static_cast<uint64_t>(R.readVarS64());
    break;
  case ImmKind::F32:
    I.Bits = R.readFixedU32();
    break;
  case ImmKind::F64:
    I.Bits = R.readFixedU64();
    break;
  case ImmKind::V128:
  case ImmKind::Shuffle: {
    auto B = R.readBytes(16);
    std::copy(B.begin(), B.end(), I.V128.begin());
    break;
  }
  case ImmKind::Lane:
    I.Lane = R.readByte();
    break;
  case ImmKind::MemArgLane:
    I.Mem = readMemArg(R, F);
    I.Lane = R.readByte();
    break;
  case ImmKind::SelectT: {
    // Only one type is valid, but the vector must decode whatever its length;
    // the validator rejects the arity.
    uint32_t Count = R.readCount();
    I.Index = Count;
    I.Type = ValType::I32;
    for (uint32_t K = 0; K < Count; ++K) {
      ValType T = readValType(R);
      if (K == 0)
        I.Type = T;
    }
    break;
  }
  case ImmKind::RefType:
    I.Type = readRefType(R);
    break;
  case ImmKind::MemoryInit:
    I.Index = R.readVarU32();
    I.Index2 = readMemIdx(R, F);
    break;
  case ImmKind::MemoryCopy:
    I.Index = readMemIdx(R, F);
    I.Index2 = readMemIdx(R, F);
    break;
  case ImmKind::TableInit:
    I.Index = R.readVarU32();
    I.Index2 = R.readVarU32();
    break;
  case ImmKind::TableCopy:
    I.Index = R.readVarU32();
    I.Index2 = R.readVarU32();
    break;
  }
}

//===-- FunctionDecoder ---------------------------------------------------===//

FunctionDecoder::FunctionDecoder(const Module &M, uint32_t FuncIndex)
    : M(M), FuncIndex(FuncIndex) {}

void FunctionDecoder::readLocals(BinaryReader &R) {
  uint32_t Groups = R.readCount();
  uint64_t Total = 0;
  for (uint32_t G = 0; G < Groups; ++G) {
    size_t At = R.offset();
    uint32_t Count = R.readVarU32();
    Total += Count;
    if (Total > MaxLocals)
      throwMalformed(At, "too many locals");
    ValType T = readValType(R);
    Locals.insert(Locals.end(), Count, T);
  }
}

void FunctionDecoder::run(OperatorVisitor *Visitor) {
  if (FuncIndex < M.NumImportedFuncs || FuncIndex >= M.getNumFuncs())
    throwInvalid(0, "function " + std::to_string(FuncIndex) +
                        " is not a function defined in the module");
  const FunctionBody &Body = M.Bodies[FuncIndex - M.NumImportedFuncs];
  if (Body.TypeIndex >= M.Types.size())
    throwInvalid(Body.Offset, "unknown type " + std::to_string(Body.TypeIndex));
  BinaryReader R(M.Bytes);
  R.seek(Body.Offset);
  R.pushLimit(Body.End - Body.Offset, Body.Offset);
  Locals.clear();
  readLocals(R);
  if (Visitor)
    Visitor->beginFunction(FuncIndex, Locals);

  // The kinds of the open blocks, the function's own first: only what the
  // binary grammar needs (an `else` belongs to an `if`, `end` closes one).
  enum : uint8_t { FuncBlock, PlainBlock, IfBlock, ElseBlock, TryBlock };
  std::vector<uint8_t> Open = {FuncBlock};
  Instr I;
  while (!Open.empty()) {
    if (R.atLimit())
      throwMalformed(R.offset(), "unexpected end of section or function");
    readInstr(R, M.Enabled, I, Targets);
    switch (I.Op) {
    case Opcode::Block:
    case Opcode::Loop:
      Open.push_back(PlainBlock);
      break;
    case Opcode::If:
      Open.push_back(IfBlock);
      break;
    case Opcode::Try:
      Open.push_back(TryBlock);
      break;
    case Opcode::Catch:
    case Opcode::CatchAll:
      if (Open.back() != TryBlock)
        throwMalformed(I.Offset, std::string("illegal opcode ") +
                                     std::string(getOpcodeName(I.Op)) +
                                     " (no matching try)");
      break;
    case Opcode::Delegate:
      if (Open.back() != TryBlock)
        throwMalformed(I.Offset, "illegal opcode delegate (no matching try)");
      Open.pop_back();
      break;
    case Opcode::Else:
      if (Open.back() != IfBlock)
        throwMalformed(I.Offset, "illegal opcode else (no matching if)");
      Open.back() = ElseBlock;
      break;
    case Opcode::End:
      Open.pop_back();
      break;
    case Opcode::MemoryInit:
    case Opcode::DataDrop:
      // Single-pass decoders need the segment count before the code.
      if (!M.DataCount)
        throwMalformed(I.Offset, "data count section required");
      break;
    default:
      break;
    }
    if (Visitor)
      Visitor->visit(I);
  }
  if (!R.atLimit())
    throwMalformed(R.offset(), "section size mismatch: operators after the "
                               "function's final end");
  if (Visitor)
    Visitor->endFunction();
}

/// A name as it may appear in a one-line diagnostic: control characters,
/// quotes and backslashes escaped (names are any UTF-8).
static std::string escapeName(const std::string &Name) {
  std::string Out;
  for (unsigned char C : Name) {
    if (C < 0x20 || C == 0x7f || C == '"' || C == '\\') {
      char Buf[8];
      std::snprintf(Buf, sizeof(Buf), "\\%02x", C);
      Out += Buf;
    } else {
      Out += static_cast<char>(C);
    }
  }
  return Out;
}

static void fillDiagnostic(const Module &M, uint32_t FuncIndex,
                           const DecodeError &E, Diagnostic &Diag) {
  fillDiagnostic(E, Diag);
  Diag.FuncIndex = FuncIndex;
  Diag.Message += " (function " + std::to_string(FuncIndex);
  auto It = M.Names.Functions.find(FuncIndex);
  if (It != M.Names.Functions.end())
    Diag.Message += " \"" + escapeName(It->second) + "\"";
  Diag.Message += ")";
}

bool decodeFunction(const Module &M, uint32_t FuncIndex, OperatorVisitor *Next,
                    Diagnostic &Diag) {
  try {
    Validator V(M, Next);
    FunctionDecoder(M, FuncIndex).run(&V);
    return true;
  } catch (const DecodeError &E) {
    fillDiagnostic(M, FuncIndex, E, Diag);
    return false;
  }
}

bool decodeFunctionSyntax(const Module &M, uint32_t FuncIndex,
                          Diagnostic &Diag) {
  try {
    FunctionDecoder(M, FuncIndex).run(nullptr);
    return true;
  } catch (const DecodeError &E) {
    fillDiagnostic(M, FuncIndex, E, Diag);
    return false;
  }
}

} // namespace wasmaot
