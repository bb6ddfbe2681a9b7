//===- BinaryReader.cpp - LEB128 and UTF-8 --------------------------------===//
#include "frontend/BinaryReader.h"

namespace wasmaot {

// An N-bit LEB128 takes at most ceil(N/7) bytes; in the last one, the bits
// above the N-th must be zero (unsigned) or copies of the sign bit (signed).
// The spec names the two failures differently: a continuation bit in the last
// byte is "too long", a wrong unused bit is "too large".

uint64_t BinaryReader::readUnsigned(unsigned Bits) {
  const unsigned MaxBytes = (Bits + 6) / 7;
  uint64_t Result = 0;
  for (unsigned I = 0; I < MaxBytes; ++I) {
    size_t At = Pos;
    uint8_t Byte = readByte();
    Result |= uint64_t(Byte & 0x7f) << (7 * I);
    if (I == MaxBytes - 1) {
      if (Byte & 0x80)
        throwMalformed(At, "integer representation too long");
      unsigned Used = Bits - 7 * I;
      uint8_t Unused = static_cast<uint8_t>((0x7f >> Used) << Used);
      if (Byte & Unused)
        throwMalformed(At, "integer too large");
    }
    if (!(Byte & 0x80))
      break;
  }
  return Result;
}

int64_t BinaryReader::readSigned(unsigned Bits) {
  const unsigned MaxBytes = (Bits + 6) / 7;
  uint64_t Result = 0;
  unsigned Shift = 0;
  uint8_t Byte = 0;
  for (unsigned I = 0; I < MaxBytes; ++I) {
    size_t At = Pos;
    Byte = readByte();
    Result |= uint64_t(Byte & 0x7f) << Shift;
    Shift += 7;
    if (I == MaxBytes - 1) {
      if (Byte & 0x80)
        throwMalformed(At, "integer representation too long");
      unsigned Used = Bits - 7 * I; // meaningful bits in this byte, sign last
      uint8_t Unused = static_cast<uint8_t>((0x7f >> Used) << Used);
      bool Negative = Byte & (1u << (Used - 1));
      if ((Byte & Unused) != (Negative ? Unused : 0))
        throwMalformed(At, "integer too large");
    }
    if (!(Byte & 0x80))
      break;
  }
  if (Shift < 64 && (Byte & 0x40))
    Result |= ~uint64_t(0) << Shift;
  return static_cast<int64_t>(Result);
}

bool isValidUTF8(std::span<const uint8_t> Bytes) {
  size_t I = 0, N = Bytes.size();
  while (I < N) {
    uint8_t B = Bytes[I];
    if (B < 0x80) {
      ++I;
      continue;
    }
    unsigned Len;
    uint32_t CodePoint;
    if ((B & 0xe0) == 0xc0) {
      Len = 2;
      CodePoint = B & 0x1f;
    } else if ((B & 0xf0) == 0xe0) {
      Len = 3;
      CodePoint = B & 0x0f;
    } else if ((B & 0xf8) == 0xf0) {
      Len = 4;
      CodePoint = B & 0x07;
    } else {
      return false;
    }
    if (N - I < Len)
      return false;
    for (unsigned K = 1; K < Len; ++K) {
      uint8_t C = Bytes[I + K];
      if ((C & 0xc0) != 0x80)
        return false;
      CodePoint = CodePoint << 6 | (C & 0x3f);
    }
    static constexpr uint32_t MinForLen[] = {0, 0, 0x80, 0x800, 0x10000};
    if (CodePoint < MinForLen[Len] || CodePoint > 0x10ffff ||
        (CodePoint >= 0xd800 && CodePoint <= 0xdfff))
      return false;
    I += Len;
  }
  return true;
}

} // namespace wasmaot
