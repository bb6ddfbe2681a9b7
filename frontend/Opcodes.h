//===- Opcodes.h - The instruction set, generated from Opcodes.def --------===//
#ifndef WASMAOT_FRONTEND_OPCODES_H
#define WASMAOT_FRONTEND_OPCODES_H

#include <cstdint>
#include <string_view>

namespace wasmaot {

/// Every instruction, in the order of Opcodes.def.
enum class Opcode : uint16_t {
#define WASM_OP(Enum, Prefix, Code, Text, Imm, Family, Sig) Enum,
#include "frontend/Opcodes.def"
  NumOpcodes
};

/// What follows an opcode in the binary.
enum class ImmKind : uint8_t {
  None,
  BlockType,    // blocktype: empty, a value type, or a type index
  Label,        // labelidx
  LabelTable,   // vec(labelidx) labelidx
  Func,         // funcidx
  CallIndirect, // typeidx tableidx
  Local,        // localidx
  Global,       // globalidx
  Table,        // tableidx
  MemArg,       // align offset
  MemIdx,       // memidx (a 0x00 byte in 2.0)
  I32,          // i32 (signed LEB128)
  I64,          // i64 (signed LEB128)
  F32,          // 4 bytes
  F64,          // 8 bytes
  V128,         // 16 bytes
  Lane,         // one lane index byte
  MemArgLane,   // memarg then a lane index byte
  Shuffle,      // 16 lane index bytes
  SelectT,      // vec(valtype)
  RefType,      // reftype
  MemoryInit,   // dataidx memidx
  Data,         // dataidx
  MemoryCopy,   // memidx memidx
  TableInit,    // elemidx tableidx
  Elem,         // elemidx
  TableCopy,    // tableidx tableidx
  ZeroByte,     // a reserved 0x00 byte (atomic.fence)
  Tag,          // tagidx
};

/// Which OperatorVisitor callback (and which lowering file) handles it.
enum class OpFamily : uint8_t {
  Control,
  Call,
  Parametric,
  Variable,
  Table,
  Memory,
  Numeric,
  Reference,
  Simd,
  Atomic,
};

struct OpcodeInfo {
  uint8_t Prefix; // 0, 0xFC, 0xFD or 0xFE
  uint32_t Code;
  std::string_view Text;
  ImmKind Imm;
  OpFamily Family;
  /// "operands:results" (i l f d v), or empty when typed by hand.
  std::string_view Sig;
};

/// One entry per Opcode, in order (defined in Opcodes.cpp).
extern const OpcodeInfo OpcodeTable[];
/// Inline: the decoder and validator ask for every instruction.
inline const OpcodeInfo &getOpcodeInfo(Opcode Op) {
  return OpcodeTable[static_cast<size_t>(Op)];
}
/// The bytes a memarg instruction touches (i64.load32_u 4, v128.load8x8_s 8,
/// i32.atomic.rmw8.add_u 1, memory.atomic.wait64 8); 0 for any other.
unsigned getAccessSize(Opcode Op);
inline std::string_view getOpcodeName(Opcode Op) {
  return getOpcodeInfo(Op).Text;
}

/// Looks up an opcode by its encoding; false when no instruction has it.
bool lookupOpcode(uint8_t Prefix, uint32_t Code, Opcode &Out);

} // namespace wasmaot

#endif
