//===- BinaryReader.h - Bytes and LEB128 with offsets ---------------------===//
//
// The one place that reads raw bytes of a module. Every read is checked against
// the current limit (the end of the file, a section, or a function body) and a
// failure throws a DecodeError carrying the byte offset and the spec's wording,
// which the API entry points in Frontend.h turn into a Diagnostic.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_FRONTEND_BINARYREADER_H
#define WASMAOT_FRONTEND_BINARYREADER_H

#include "frontend/Frontend.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>

namespace wasmaot {

/// The first problem found; thrown inside the frontend only, never across its
/// API (see docs/design.md, "Errors").
struct DecodeError {
  uint32_t Offset = 0;
  std::string Message;
  /// True when the bytes cannot be decoded, false when they decode but break a
  /// validation rule.
  bool Malformed = true;
};

/// The Diagnostic an entry point reports for an error outside any function
/// body (decodeFunction adds the function's index and name).
inline void fillDiagnostic(const DecodeError &E, Diagnostic &Diag) {
  Diag.Offset = E.Offset;
  Diag.Message = E.Message;
  Diag.Malformed = E.Malformed;
  Diag.FuncIndex.reset();
}

[[noreturn]] inline void throwMalformed(size_t Offset, std::string Message) {
  throw DecodeError{static_cast<uint32_t>(Offset), std::move(Message), true};
}
[[noreturn]] inline void throwInvalid(size_t Offset, std::string Message) {
  throw DecodeError{static_cast<uint32_t>(Offset), std::move(Message), false};
}

/// Whether Bytes are well-formed UTF-8 (no overlongs, no surrogates, at most
/// U+10FFFF), as names must be.
bool isValidUTF8(std::span<const uint8_t> Bytes);

class BinaryReader {
public:
  explicit BinaryReader(std::span<const uint8_t> File)
      : File(File), Pos(0), Limit(File.size()) {}

  /// Offset in the file of the next byte to read.
  size_t offset() const { return Pos; }
  size_t limit() const { return Limit; }
  size_t remaining() const { return Limit - Pos; }
  bool atLimit() const { return Pos >= Limit; }
  std::span<const uint8_t> file() const { return File; }

  /// Restricts reading to the next Size bytes and returns the previous limit,
  /// to be given back to popLimit. Fails when fewer than Size bytes are left.
  size_t pushLimit(uint64_t Size, size_t ErrorOffset) {
    if (Size > remaining())
      throwMalformed(ErrorOffset, "length out of bounds");
    size_t Old = Limit;
    Limit = Pos + static_cast<size_t>(Size);
    ++LimitDepth;
    return Old;
  }
  void popLimit(size_t OldLimit) {
    Limit = OldLimit;
    --LimitDepth;
  }
  void seek(size_t Offset) { Pos = Offset; }

  uint8_t readByte() {
    if (Pos >= Limit)
      throwUnexpectedEnd();
    return File[Pos++];
  }
  uint8_t peekByte() const {
    if (Pos >= Limit)
      throwUnexpectedEnd();
    return File[Pos];
  }
  std::span<const uint8_t> readBytes(uint64_t Count) {
    if (Count > remaining())
      throwUnexpectedEnd();
    std::span<const uint8_t> Out =
        File.subspan(Pos, static_cast<size_t>(Count));
    Pos += static_cast<size_t>(Count);
    return Out;
  }
  uint32_t readFixedU32() {
    auto B = readBytes(4);
    return uint32_t(B[0]) | uint32_t(B[1]) << 8 | uint32_t(B[2]) << 16 |
           uint32_t(B[3]) << 24;
  }
  uint64_t readFixedU64() {
    uint64_t Lo = readFixedU32();
    uint64_t Hi = readFixedU32();
    return Lo | Hi << 32;
  }

  // Most LEB128 numbers in code are one byte: that case stays inline.
  uint32_t readVarU32() {
    if (Pos < Limit && File[Pos] < 0x80)
      return File[Pos++];
    return static_cast<uint32_t>(readUnsigned(32));
  }
  uint64_t readVarU64() { return readUnsigned(64); }
  int32_t readVarS32() {
    if (Pos < Limit && File[Pos] < 0x80) {
      uint8_t B = File[Pos++];
      return B < 0x40 ? int32_t(B) : int32_t(B) - 0x80;
    }
    return static_cast<int32_t>(readSigned(32));
  }
  int64_t readVarS64() { return readSigned(64); }
  /// The signed 33-bit integer of a block type index.
  int64_t readVarS33() { return readSigned(33); }

  /// A vector length. Each element takes at least one byte, so a length
  /// beyond what is left cannot be right: checking it here means no caller
  /// ever reserves memory for a length the bytes cannot back.
  uint32_t readCount() {
    size_t At = Pos;
    uint32_t N = readVarU32();
    if (N > remaining())
      throwMalformed(At, LimitDepth ? "unexpected end of section or function"
                                    : "unexpected end");
    return N;
  }

  /// A name: a length, then that many bytes of UTF-8.
  std::string readName() {
    size_t At = Pos;
    uint32_t Len = readVarU32();
    if (Len > remaining())
      throwMalformed(At, "length out of bounds");
    std::span<const uint8_t> B = readBytes(Len);
    if (!isValidUTF8(B))
      throwMalformed(At, "malformed UTF-8 encoding");
    return std::string(B.begin(), B.end());
  }

  [[noreturn]] void throwUnexpectedEnd() const {
    // Inside a section or body the bytes of the file may go on: what ended is
    // the section or function.
    throwMalformed(Pos, LimitDepth ? "unexpected end of section or function"
                                   : "unexpected end");
  }

private:
  uint64_t readUnsigned(unsigned Bits);
  int64_t readSigned(unsigned Bits);

  std::span<const uint8_t> File;
  size_t Pos;
  size_t Limit;
  unsigned LimitDepth = 0; // how many pushLimit calls are in force
};

} // namespace wasmaot

#endif
