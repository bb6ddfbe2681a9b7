//===- Opcodes.cpp - The opcode table and the lookup by encoding ----------===//
#include "frontend/Opcodes.h"

#include <array>
#include <cassert>

namespace wasmaot {

constexpr OpcodeInfo OpcodeTable[] = {
#define WASM_OP(Enum, Prefix, Code, Text, Imm, Family, Sig)                    \
  {Prefix, Code, Text, ImmKind::Imm, OpFamily::Family, Sig},
#include "frontend/Opcodes.def"
};
static_assert(std::size(OpcodeTable) ==
              static_cast<size_t>(Opcode::NumOpcodes));

namespace {
/// Dense maps from encoding to opcode: one-byte opcodes, 0xFC and 0xFD.
struct EncodingMaps {
  static constexpr uint16_t Invalid = 0xffff;
  std::array<uint16_t, 256> Plain;
  std::array<uint16_t, 32> PrefixFC;
  std::array<uint16_t, 512> PrefixFD;

  EncodingMaps() {
    Plain.fill(Invalid);
    PrefixFC.fill(Invalid);
    PrefixFD.fill(Invalid);
    for (size_t I = 0; I < std::size(OpcodeTable); ++I) {
      const OpcodeInfo &Info = OpcodeTable[I];
      if (Info.Prefix == 0)
        Plain[Info.Code] = static_cast<uint16_t>(I);
      else if (Info.Prefix == 0xFC)
        PrefixFC[Info.Code] = static_cast<uint16_t>(I);
      else
        PrefixFD[Info.Code] = static_cast<uint16_t>(I);
    }
  }
};
} // namespace

// Built once at start-up, not behind a guard on every lookup.
static const EncodingMaps Maps;

bool lookupOpcode(uint8_t Prefix, uint32_t Code, Opcode &Out) {
  uint16_t Index = EncodingMaps::Invalid;
  if (Prefix == 0 && Code < Maps.Plain.size())
    Index = Maps.Plain[Code];
  else if (Prefix == 0xFC && Code < Maps.PrefixFC.size())
    Index = Maps.PrefixFC[Code];
  else if (Prefix == 0xFD && Code < Maps.PrefixFD.size())
    Index = Maps.PrefixFD[Code];
  if (Index == EncodingMaps::Invalid)
    return false;
  Out = static_cast<Opcode>(Index);
  return true;
}

} // namespace wasmaot
