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
/// Dense maps from encoding to opcode: one-byte opcodes, 0xFC, 0xFD, 0xFE.
struct EncodingMaps {
  static constexpr uint16_t Invalid = 0xffff;
  std::array<uint16_t, 256> Plain;
  std::array<uint16_t, 32> PrefixFC;
  std::array<uint16_t, 512> PrefixFD;
  std::array<uint16_t, 128> PrefixFE;

  EncodingMaps() {
    Plain.fill(Invalid);
    PrefixFC.fill(Invalid);
    PrefixFD.fill(Invalid);
    PrefixFE.fill(Invalid);
    for (size_t I = 0; I < std::size(OpcodeTable); ++I) {
      const OpcodeInfo &Info = OpcodeTable[I];
      if (Info.Prefix == 0)
        Plain[Info.Code] = static_cast<uint16_t>(I);
      else if (Info.Prefix == 0xFC)
        PrefixFC[Info.Code] = static_cast<uint16_t>(I);
      else if (Info.Prefix == 0xFD)
        PrefixFD[Info.Code] = static_cast<uint16_t>(I);
      else
        PrefixFE[Info.Code] = static_cast<uint16_t>(I);
    }
  }
};
} // namespace

// Built once at start-up, not behind a guard on every lookup.
static const EncodingMaps Maps;

namespace {
/// The number of bytes a load or store touches, taken from its name so that
/// the opcode table stays the one definition: "i64.load32_u" reads 4,
/// "v128.load8x8_s" 8, "v128.load16_splat" 2, "f64.store" 8.
unsigned computeAccessSize(std::string_view Name) {
  size_t Dot = Name.find('.');
  std::string_view Type = Name.substr(0, Dot);
  std::string_view Rest = Name.substr(Dot + 1);
  // Atomics: "i64.atomic.rmw16.add_u" 2, "i32.atomic.rmw.xchg" 4,
  // "memory.atomic.wait64" 8, "memory.atomic.notify" 4.
  if (Rest.starts_with("atomic.")) {
    Rest.remove_prefix(7);
    if (Rest.starts_with("rmw")) {
      unsigned Bits = 0;
      for (size_t K = 3; K < Rest.size() && Rest[K] >= '0' && Rest[K] <= '9';
           ++K)
        Bits = Bits * 10 + (Rest[K] - '0');
      if (Bits)
        return Bits / 8;
      return Type == "i64" ? 8 : 4;
    }
    if (Rest == "wait64")
      return 8;
    if (Rest == "wait32" || Rest == "notify")
      return 4;
  }
  size_t K = Rest.starts_with("load") ? 4 : Rest.starts_with("store") ? 5 : 0;
  unsigned Bits = 0;
  while (K < Rest.size() && Rest[K] >= '0' && Rest[K] <= '9')
    Bits = Bits * 10 + (Rest[K++] - '0');
  if (Bits == 0)
    return Type == "v128" ? 16 : (Type == "i64" || Type == "f64") ? 8 : 4;
  if (K < Rest.size() && Rest[K] == 'x')
    return 8; // the extending loads read 64 bits
  return Bits / 8;
}

struct OpcodeFacts {
  std::array<uint8_t, static_cast<size_t>(Opcode::NumOpcodes)> AccessSize;
  OpcodeFacts() {
    for (size_t I = 0; I < AccessSize.size(); ++I) {
      Opcode Op = static_cast<Opcode>(I);
      ImmKind K = getOpcodeInfo(Op).Imm;
      AccessSize[I] = (K == ImmKind::MemArg || K == ImmKind::MemArgLane)
                          ? computeAccessSize(getOpcodeName(Op))
                          : 0;
    }
  }
};

} // namespace

unsigned getAccessSize(Opcode Op) {
  static const OpcodeFacts Facts;
  return Facts.AccessSize[static_cast<size_t>(Op)];
}

bool lookupOpcode(uint8_t Prefix, uint32_t Code, Opcode &Out) {
  uint16_t Index = EncodingMaps::Invalid;
  if (Prefix == 0 && Code < Maps.Plain.size())
    Index = Maps.Plain[Code];
  else if (Prefix == 0xFC && Code < Maps.PrefixFC.size())
    Index = Maps.PrefixFC[Code];
  else if (Prefix == 0xFD && Code < Maps.PrefixFD.size())
    Index = Maps.PrefixFD[Code];
  else if (Prefix == 0xFE && Code < Maps.PrefixFE.size())
    Index = Maps.PrefixFE[Code];
  if (Index == EncodingMaps::Invalid)
    return false;
  Out = static_cast<Opcode>(Index);
  return true;
}

} // namespace wasmaot
