//===- LEB128Test.cpp - The integer encodings of the binary format --------===//
#include "frontend/BinaryReader.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

using namespace wasmaot;

namespace {

using Bytes = std::vector<uint8_t>;

/// Reads with Fn from Input; expects every byte to be consumed.
template <typename T> T readAll(const Bytes &Input, T (BinaryReader::*Fn)()) {
  BinaryReader R(Input);
  T V = (R.*Fn)();
  EXPECT_TRUE(R.atLimit()) << "bytes left after the integer";
  return V;
}

/// Expects reading Input to fail with Message at Offset.
template <typename T>
void expectError(const Bytes &Input, T (BinaryReader::*Fn)(),
                 const std::string &Message, uint32_t Offset) {
  BinaryReader R(Input);
  try {
    (R.*Fn)();
    ADD_FAILURE() << "expected \"" << Message << "\"";
  } catch (const DecodeError &E) {
    EXPECT_EQ(E.Message, Message);
    EXPECT_EQ(E.Offset, Offset);
    EXPECT_TRUE(E.Malformed);
  }
}

TEST(LEB128, U32Values) {
  EXPECT_EQ(readAll<uint32_t>({0x00}, &BinaryReader::readVarU32), 0u);
  EXPECT_EQ(readAll<uint32_t>({0x7f}, &BinaryReader::readVarU32), 127u);
  EXPECT_EQ(readAll<uint32_t>({0x80, 0x01}, &BinaryReader::readVarU32), 128u);
  EXPECT_EQ(readAll<uint32_t>({0xe5, 0x8e, 0x26}, &BinaryReader::readVarU32),
            624485u);
  EXPECT_EQ(readAll<uint32_t>({0xff, 0xff, 0xff, 0xff, 0x0f},
                              &BinaryReader::readVarU32),
            0xffffffffu);
}

TEST(LEB128, U32PaddedToMaximumLength) {
  // Redundant zero groups are allowed up to the maximum length.
  EXPECT_EQ(readAll<uint32_t>({0x80, 0x80, 0x80, 0x80, 0x00},
                              &BinaryReader::readVarU32),
            0u);
  EXPECT_EQ(readAll<uint32_t>({0x81, 0x80, 0x80, 0x80, 0x00},
                              &BinaryReader::readVarU32),
            1u);
}

TEST(LEB128, U32TooLong) {
  expectError<uint32_t>({0x80, 0x80, 0x80, 0x80, 0x80, 0x00},
                        &BinaryReader::readVarU32,
                        "integer representation too long", 4);
}

TEST(LEB128, U32UnusedBitsSet) {
  // Only the low 4 bits of the fifth byte are part of a 32-bit value.
  expectError<uint32_t>({0xff, 0xff, 0xff, 0xff, 0x1f},
                        &BinaryReader::readVarU32, "integer too large", 4);
  expectError<uint32_t>({0x80, 0x80, 0x80, 0x80, 0x70},
                        &BinaryReader::readVarU32, "integer too large", 4);
}

TEST(LEB128, U32Truncated) {
  expectError<uint32_t>({0x80}, &BinaryReader::readVarU32, "unexpected end", 1);
  expectError<uint32_t>({}, &BinaryReader::readVarU32, "unexpected end", 0);
}

TEST(LEB128, S32Values) {
  EXPECT_EQ(readAll<int32_t>({0x00}, &BinaryReader::readVarS32), 0);
  EXPECT_EQ(readAll<int32_t>({0x7f}, &BinaryReader::readVarS32), -1);
  EXPECT_EQ(readAll<int32_t>({0x3f}, &BinaryReader::readVarS32), 63);
  EXPECT_EQ(readAll<int32_t>({0x40}, &BinaryReader::readVarS32), -64);
  EXPECT_EQ(readAll<int32_t>({0xc0, 0x00}, &BinaryReader::readVarS32), 64);
  EXPECT_EQ(readAll<int32_t>({0xff, 0xff, 0xff, 0xff, 0x07},
                             &BinaryReader::readVarS32),
            INT32_MAX);
  EXPECT_EQ(readAll<int32_t>({0x80, 0x80, 0x80, 0x80, 0x78},
                             &BinaryReader::readVarS32),
            INT32_MIN);
  // -1 padded to the maximum length.
  EXPECT_EQ(readAll<int32_t>({0xff, 0xff, 0xff, 0xff, 0x7f},
                             &BinaryReader::readVarS32),
            -1);
}

TEST(LEB128, S32UnusedBitsMustExtendTheSign) {
  // Bit 3 of the fifth byte is the sign; bits 4-6 must repeat it.
  expectError<int32_t>({0xff, 0xff, 0xff, 0xff, 0x0f},
                       &BinaryReader::readVarS32, "integer too large", 4);
  expectError<int32_t>({0x80, 0x80, 0x80, 0x80, 0x70},
                       &BinaryReader::readVarS32, "integer too large", 4);
  expectError<int32_t>({0xff, 0xff, 0xff, 0xff, 0x4f},
                       &BinaryReader::readVarS32, "integer too large", 4);
}

TEST(LEB128, S32TooLong) {
  expectError<int32_t>({0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
                       &BinaryReader::readVarS32,
                       "integer representation too long", 4);
}

TEST(LEB128, S64Values) {
  EXPECT_EQ(readAll<int64_t>({0x7f}, &BinaryReader::readVarS64), -1);
  EXPECT_EQ(readAll<int64_t>(
                {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00},
                &BinaryReader::readVarS64),
            INT64_MAX);
  EXPECT_EQ(readAll<int64_t>(
                {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f},
                &BinaryReader::readVarS64),
            INT64_MIN);
}

TEST(LEB128, S64UnusedBitsMustExtendTheSign) {
  // Only bit 0 of the tenth byte carries a value bit (the sign).
  expectError<int64_t>(
      {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},
      &BinaryReader::readVarS64, "integer too large", 9);
  expectError<int64_t>(
      {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7e},
      &BinaryReader::readVarS64, "integer too large", 9);
}

TEST(LEB128, S64TooLong) {
  expectError<int64_t>(
      {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00},
      &BinaryReader::readVarS64, "integer representation too long", 9);
}

TEST(LEB128, S33BlockTypeIndex) {
  EXPECT_EQ(readAll<int64_t>({0x80, 0x80, 0x80, 0x80, 0x0f},
                             &BinaryReader::readVarS33),
            int64_t(0xf0000000));
  EXPECT_EQ(readAll<int64_t>({0x40}, &BinaryReader::readVarS33), -64);
  // Bits 5 and 6 of the fifth byte must copy bit 4, the sign.
  expectError<int64_t>({0x80, 0x80, 0x80, 0x80, 0x10},
                       &BinaryReader::readVarS33, "integer too large", 4);
}

TEST(LEB128, U64Values) {
  EXPECT_EQ(readAll<uint64_t>(
                {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},
                &BinaryReader::readVarU64),
            UINT64_MAX);
  expectError<uint64_t>(
      {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02},
      &BinaryReader::readVarU64, "integer too large", 9);
}

TEST(LEB128, EndOfSectionIsNotEndOfFile) {
  Bytes Input = {0x80, 0x80, 0x01};
  BinaryReader R(Input);
  size_t Outer = R.pushLimit(2, 0);
  try {
    R.readVarU32();
    ADD_FAILURE() << "read past the limit";
  } catch (const DecodeError &E) {
    EXPECT_EQ(E.Message, "unexpected end of section or function");
    EXPECT_EQ(E.Offset, 2u);
  }
  R.popLimit(Outer);
}

TEST(LEB128, CountBeyondRemainingBytes) {
  // A vector of 2^32-1 elements in a 5-byte file cannot be real: rejected
  // before anything is reserved for it.
  Bytes Input = {0xff, 0xff, 0xff, 0xff, 0x0f};
  BinaryReader R(Input);
  EXPECT_THROW(R.readCount(), DecodeError);
}

TEST(UTF8, Validity) {
  auto Valid = [](Bytes B) { return isValidUTF8(B); };
  EXPECT_TRUE(Valid({}));
  EXPECT_TRUE(Valid({'a', 'b'}));
  EXPECT_TRUE(Valid({0xc2, 0xa9}));              // U+00A9
  EXPECT_TRUE(Valid({0xe2, 0x82, 0xac}));        // U+20AC
  EXPECT_TRUE(Valid({0xf0, 0x9f, 0x98, 0x80}));  // U+1F600
  EXPECT_FALSE(Valid({0x80}));                   // a lone continuation byte
  EXPECT_FALSE(Valid({0xc0, 0x80}));             // overlong NUL
  EXPECT_FALSE(Valid({0xe0, 0x80, 0x80}));       // overlong
  EXPECT_FALSE(Valid({0xed, 0xa0, 0x80}));       // a surrogate
  EXPECT_FALSE(Valid({0xf4, 0x90, 0x80, 0x80})); // above U+10FFFF
  EXPECT_FALSE(Valid({0xe2, 0x82}));             // truncated
  EXPECT_FALSE(Valid({0xff}));
}

} // namespace
