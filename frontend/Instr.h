//===- Instr.h - One decoded instruction and the visitor that receives it -===//
#ifndef WASMAOT_FRONTEND_INSTR_H
#define WASMAOT_FRONTEND_INSTR_H

#include "frontend/Module.h"
#include "frontend/Opcodes.h"

#include <array>
#include <cstdint>
#include <span>

namespace wasmaot {

struct BlockType {
  enum class Kind : uint8_t { Empty, Value, TypeIndex };
  Kind K = Kind::Empty;
  ValType Type = ValType::I32; // Kind::Value
  uint32_t Index = 0;          // Kind::TypeIndex
};

struct MemArg {
  uint32_t AlignLog2 = 0;
  uint64_t Offset = 0;
  uint32_t Memory = 0;
};

/// One instruction with its immediates. Which fields are meaningful depends on
/// getOpcodeInfo(Op).Imm. The decoder reuses one Instr for a whole body, so a
/// visitor must copy what it keeps (Targets points into the decoder's buffer).
struct Instr {
  Opcode Op = Opcode::Nop;
  uint32_t Offset = 0; // file offset of the opcode's first byte

  BlockType Block;     // BlockType
  uint32_t Index = 0;  // Label, Func, Local, Global, Table, Data, Elem, the
                       // number of types of SelectT (valid only when 1), the
                       // type of CallIndirect, the dst of TableCopy/MemoryCopy,
                       // the segment of TableInit/MemoryInit, MemIdx
  uint32_t Index2 = 0; // the table of CallIndirect, the src of TableCopy/
                       // MemoryCopy, the table of TableInit, the memory of
                       // MemoryInit
  MemArg Mem;          // MemArg, MemArgLane
  uint8_t Lane = 0;    // Lane, MemArgLane
  uint64_t Bits = 0;   // I32 (sign-extended to 64), I64, F32, F64 raw bits
  std::array<uint8_t, 16> V128 = {}; // V128 constant, Shuffle lanes
  /// RefType, and the type of SelectT. The Validator also fills it for the
  /// instructions whose operand type is not in their encoding: select (both
  /// forms), drop and ref.is_null get the type of the operand it found (when
  /// the operand comes from unreachable code: i32, funcref for ref.is_null).
  ValType Type = ValType::I32;
  std::span<const uint32_t> Targets; // LabelTable, without the default
  uint32_t DefaultTarget = 0;        // LabelTable
};

/// Receives a function body one instruction at a time, in order. Each family of
/// instructions has its own callback; visit() dispatches by family.
class OperatorVisitor {
public:
  virtual ~OperatorVisitor() = default;

  /// Called before the first instruction. Locals excludes the parameters.
  virtual void beginFunction(uint32_t FuncIndex,
                             std::span<const ValType> Locals) = 0;
  /// Called after the final `end`.
  virtual void endFunction() = 0;

  virtual void visitControl(const Instr &I) = 0;
  virtual void visitCall(const Instr &I) = 0;
  virtual void visitParametric(const Instr &I) = 0;
  virtual void visitVariable(const Instr &I) = 0;
  virtual void visitTable(const Instr &I) = 0;
  virtual void visitMemory(const Instr &I) = 0;
  virtual void visitNumeric(const Instr &I) = 0;
  virtual void visitReference(const Instr &I) = 0;
  virtual void visitSimd(const Instr &I) = 0;
  virtual void visitAtomic(const Instr &I) = 0;

  void visit(const Instr &I);
};

} // namespace wasmaot

#endif
