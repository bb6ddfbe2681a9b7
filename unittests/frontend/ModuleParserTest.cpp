//===- ModuleParserTest.cpp - Sections: framing, contents, errors ---------===//
#include "TestModules.h"

#include <gtest/gtest.h>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

/// Expects parseModule to reject B as malformed with Message at Offset.
void expectMalformed(const Bytes &B, const std::string &Message,
                     uint32_t Offset, const Features &Enabled = {}) {
  LoadOutcome R = parse(B, Enabled);
  ASSERT_FALSE(R.Ok) << "accepted; expected \"" << Message << "\"";
  EXPECT_EQ(R.Diag.Message, Message);
  EXPECT_EQ(R.Diag.Offset, Offset);
  EXPECT_TRUE(R.Diag.Malformed);
}

/// The same, for errors only found when decoding bodies (loadModule).
void expectMalformedBody(const Bytes &B, const std::string &Message,
                         uint32_t Offset, const Features &Enabled = {}) {
  LoadOutcome R = load(B, Enabled);
  ASSERT_FALSE(R.Ok) << "accepted; expected \"" << Message << "\"";
  EXPECT_EQ(R.Diag.Message.substr(0, Message.size()), Message)
      << R.Diag.Message;
  EXPECT_EQ(R.Diag.Offset, Offset);
  EXPECT_TRUE(R.Diag.Malformed);
  EXPECT_EQ(R.Diag.FuncIndex, std::optional<uint32_t>(0));
}

TEST(ModuleParser, EmptyModule) {
  LoadOutcome R = load(module({}));
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  EXPECT_TRUE(R.M.Types.empty());
  EXPECT_EQ(R.M.getNumFuncs(), 0u);
}

TEST(ModuleParser, Header) {
  expectMalformed({0x00, 0x61, 0x73, 0x6e, 0x01, 0x00, 0x00, 0x00},
                  "magic header not detected", 0);
  expectMalformed({0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00},
                  "unknown binary version", 4);
  expectMalformed({0x00, 0x61, 0x73}, "unexpected end", 0);
  expectMalformed({0x00, 0x61, 0x73, 0x6d, 0x01, 0x00}, "unexpected end", 4);
  expectMalformed({}, "unexpected end", 0);
}

TEST(ModuleParser, SectionIds) {
  // 13 is the tag section of exception handling, 14 nothing.
  expectMalformed(module({{13, 0x00}}), "malformed section id", 8,
                  Features::none());
  expectMalformed(module({{14, 0x00}}), "malformed section id", 8);
  // The tag section goes between memory and global.
  expectMalformed(module({section(6, {0x00}), section(13, {0x00})}),
                  "unexpected content after last section", 11);
  EXPECT_TRUE(load(module({section(5, {0x00}), section(13, {0x00}),
                           section(6, {0x00})}))
                  .Ok);
  expectMalformed(module({section(3, {0x00}), section(1, {0x00})}),
                  "unexpected content after last section", 11);
  expectMalformed(module({section(1, {0x00}), section(1, {0x00})}),
                  "unexpected content after last section", 11);
  // The data count section goes between element and code.
  expectMalformed(module({section(10, {0x00}), section(12, {0x00})}),
                  "unexpected content after last section", 11);
  EXPECT_TRUE(load(module({section(12, {0x00}), section(10, {0x00}),
                           section(11, {0x00})}))
                  .Ok);
}

TEST(ModuleParser, SectionSizes) {
  expectMalformed(module({{0x01, 0x05, 0x00}}), "length out of bounds", 9);
  expectMalformed(module({section(1, {0x00, 0x00})}), "section size mismatch",
                  11);
  // A section too short for its contents ends inside them.
  expectMalformed(module({section(1, {0x01, 0x60})}),
                  "unexpected end of section or function", 12);
}

TEST(ModuleParser, FunctionAndCodeCounts) {
  expectMalformed(
      module({typeSection(oneFuncType()), section(3, {0x01, 0x00})}),
      "function and code section have inconsistent lengths", 18);
  expectMalformed(module({section(10, {0x01, 0x02, 0x00, 0x0b})}),
                  "function and code section have inconsistent lengths", 10);
}

TEST(ModuleParser, DataCount) {
  expectMalformed(module({section(12, {0x01})}),
                  "data count and data section have inconsistent lengths", 11);
}

TEST(ModuleParser, Types) {
  LoadOutcome R =
      load(module({typeSection(oneFuncType({0x7f, 0x7e}, {0x7b}))}));
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  ASSERT_EQ(R.M.Types.size(), 1u);
  EXPECT_EQ(R.M.Types[0].Params,
            (std::vector<ValType>{ValType::I32, ValType::I64}));
  EXPECT_EQ(R.M.Types[0].Results, (std::vector<ValType>{ValType::V128}));
  expectMalformed(module({typeSection({0x01, 0x61, 0x00, 0x00})}),
                  "malformed function type", 11);
  expectMalformed(module({typeSection({0x01, 0x60, 0x01, 0x40, 0x00})}),
                  "malformed value type", 13);
}

TEST(ModuleParser, HugeCountsAreRejectedNotReserved) {
  expectMalformed(module({section(1, {0xff, 0xff, 0xff, 0xff, 0x0f})}),
                  "unexpected end of section or function", 10);
  expectMalformed(module({section(2, {0xff, 0xff, 0xff, 0xff, 0x0f, 0x00})}),
                  "unexpected end of section or function", 10);
}

TEST(ModuleParser, Imports) {
  Bytes Imports = section(2, {0x04,                               //
                              0x01, 'm',  0x01, 'f',  0x00, 0x00, // func
                              0x01, 'm',  0x01, 't',  0x01, 0x70, 0x00, 0x01,
                              0x01, 'm',  0x01, 'g',  0x03, 0x7f, 0x01, 0x01,
                              'm',  0x01, 'M',  0x02, 0x01, 0x01, 0x02});
  LoadOutcome R = load(module({typeSection(oneFuncType()), Imports}));
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  ASSERT_EQ(R.M.Imports.size(), 4u);
  EXPECT_EQ(R.M.NumImportedFuncs, 1u);
  EXPECT_EQ(R.M.NumImportedTables, 1u);
  EXPECT_EQ(R.M.NumImportedGlobals, 1u);
  EXPECT_EQ(R.M.NumImportedMemories, 1u);
  EXPECT_TRUE(R.M.GlobalTypes[0].Mutable);
  EXPECT_EQ(R.M.Memories[0].Lim.Max, std::optional<uint64_t>(2));
  EXPECT_EQ(R.M.Imports[3].Field, "M");

  // Kind 4 is a tag, with exception handling; 5 nothing.
  expectMalformed(
      module({section(2, {0x01, 0x01, 'm', 0x01, 'f', 0x04, 0x00})}),
      "malformed import kind", 15, Features::none());
  expectMalformed(
      module({section(2, {0x01, 0x01, 'm', 0x01, 'f', 0x05, 0x00})}),
      "malformed import kind", 15);
  expectMalformed(
      module({section(2, {0x01, 0x01, 0xff, 0x01, 'f', 0x00, 0x00})}),
      "malformed UTF-8 encoding", 11);
  expectMalformed(
      module({section(2, {0x01, 0x01, 'm', 0x01, 'g', 0x03, 0x7f, 0x02})}),
      "malformed mutability", 17);
}

TEST(ModuleParser, TablesAndMemories) {
  // The flags are a one-bit LEB128 to the spec: its wording says so. Bit 1
  // (shared) needs threads, bit 2 (64-bit) memory64; bit 3 is nothing.
  expectMalformed(module({section(5, {0x01, 0x02, 0x00})}),
                  "integer too large: malformed limits flags", 11,
                  Features::none());
  expectMalformed(module({section(5, {0x01, 0x04, 0x00})}),
                  "integer too large: malformed limits flags", 11,
                  Features::none());
  expectMalformed(module({section(5, {0x01, 0x08, 0x00})}),
                  "integer too large: malformed limits flags", 11);
  // A table is never shared; it is 64-bit only with memory64 (table64).
  expectMalformed(module({section(4, {0x01, 0x70, 0x02, 0x00})}),
                  "integer too large: malformed limits flags", 12);
  expectMalformed(module({section(4, {0x01, 0x70, 0x04, 0x00})}),
                  "integer too large: malformed limits flags", 12,
                  Features::none());
  expectMalformed(module({section(5, {0x01, 0x81, 0x00, 0x00})}),
                  "integer representation too long: malformed limits flags",
                  11);
  expectMalformed(module({section(4, {0x01, 0x7f, 0x00, 0x00})}),
                  "malformed reference type", 11);
  LoadOutcome R = load(module({section(4, {0x01, 0x6f, 0x01, 0x01, 0x05}),
                               section(5, {0x01, 0x00, 0x02})}));
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  EXPECT_EQ(R.M.Tables[0].Elem, ValType::ExternRef);
  EXPECT_EQ(R.M.Tables[0].Lim.Max, std::optional<uint64_t>(5));
  EXPECT_EQ(R.M.Memories[0].Lim.Min, 2u);
  EXPECT_FALSE(R.M.Memories[0].Lim.Max);
}

TEST(ModuleParser, Globals) {
  expectMalformed(module({section(6, {0x01, 0x7f, 0x02, 0x41, 0x00, 0x0b})}),
                  "malformed mutability", 12);
  LoadOutcome R =
      load(module({section(6, {0x01, 0x7e, 0x01, 0x42, 0x7f, 0x0b})}));
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  EXPECT_EQ(R.M.Globals[0].Init.K, ConstExpr::Kind::I64Const);
  EXPECT_EQ(R.M.Globals[0].Init.Bits, ~uint64_t(0));
  EXPECT_EQ(R.M.Globals[0].Init.Offset, 13u);
}

TEST(ModuleParser, ElementSegmentEncodings) {
  Bytes Prefix = cat({typeSection(oneFuncType()), section(3, {0x01, 0x00}),
                      section(4, {0x01, 0x70, 0x00, 0x01})});
  Bytes Elems = section(
      9, {0x08, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x00,       // 0: active, table 0
          0x01, 0x00, 0x01, 0x00,                         // 1: passive
          0x02, 0x00, 0x41, 0x00, 0x0b, 0x00, 0x01, 0x00, // 2: active, table
          0x03, 0x00, 0x01, 0x00,                         // 3: declarative
          0x04, 0x41, 0x00, 0x0b, 0x01, 0xd2, 0x00, 0x0b, // 4: exprs
          0x05, 0x70, 0x01, 0xd0, 0x70, 0x0b,             // 5: passive exprs
          0x06, 0x00, 0x41, 0x00, 0x0b, 0x70, 0x00,       // 6: active exprs
          0x07, 0x6f, 0x01, 0xd0, 0x6f, 0x0b});           // 7: declarative
  Bytes B = module({});
  B = cat({B, Prefix, Elems, codeSection({0x00}, {0x0b})});
  LoadOutcome R = load(B);
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  ASSERT_EQ(R.M.Elems.size(), 8u);
  EXPECT_EQ(R.M.Elems[0].Mode, SegmentMode::Active);
  EXPECT_EQ(R.M.Elems[1].Mode, SegmentMode::Passive);
  EXPECT_EQ(R.M.Elems[3].Mode, SegmentMode::Declarative);
  EXPECT_EQ(R.M.Elems[4].Items[0].K, ConstExpr::Kind::RefFunc);
  EXPECT_EQ(R.M.Elems[5].Items[0].K, ConstExpr::Kind::RefNull);
  EXPECT_EQ(R.M.Elems[7].Type, ValType::ExternRef);
  EXPECT_TRUE(R.M.DeclaredFuncRefs[0]);

  expectMalformed(cat({module({}), section(9, {0x01, 0x08, 0x00})}),
                  "malformed elements segment kind", 11);
  expectMalformed(cat({module({}), section(9, {0x01, 0x01, 0x01, 0x00})}),
                  "malformed element kind", 12);
}

TEST(ModuleParser, DataSegmentEncodings) {
  Bytes B = module({section(5, {0x01, 0x00, 0x01}), section(12, {0x03}),
                    section(11, {0x03,                                   //
                                 0x00, 0x41, 0x08, 0x0b, 0x02, 'h', 'i', //
                                 0x01, 0x01, 'x',                        //
                                 0x02, 0x00, 0x41, 0x00, 0x0b, 0x00})});
  LoadOutcome R = load(B);
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  ASSERT_EQ(R.M.Datas.size(), 3u);
  EXPECT_EQ(R.M.Datas[0].Size, 2u);
  EXPECT_EQ(R.M.Bytes[R.M.Datas[0].BytesOffset], 'h');
  EXPECT_EQ(R.M.Datas[1].Mode, SegmentMode::Passive);
  EXPECT_EQ(R.M.Datas[2].Size, 0u);
  expectMalformed(module({section(11, {0x01, 0x03, 0x00})}),
                  "malformed data segment kind", 11);
}

TEST(ModuleParser, CodeRanges) {
  LoadOutcome R = load(funcModule({0x01, 0x0b}));
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  ASSERT_EQ(R.M.Bodies.size(), 1u);
  EXPECT_EQ(R.M.Bodies[0].Offset, 22u);
  EXPECT_EQ(R.M.Bodies[0].End, 25u);
  EXPECT_EQ(R.M.Bytes[R.M.Bodies[0].End - 1], 0x0b);
}

TEST(ModuleParser, NameSection) {
  Bytes Names =
      section(0, cat({{0x04, 'n', 'a', 'm', 'e'},
                      {0x00, 0x02, 0x01, 'M'},
                      {0x01, 0x06, 0x01, 0x00, 0x03, 'f', 'o', 'o'},
                      {0x02, 0x06, 0x01, 0x00, 0x01, 0x00, 0x01, 'x'}}));
  LoadOutcome R = load(cat({funcModule({0x0b}, {0x7f}), Names}));
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  EXPECT_EQ(R.M.Names.ModuleName, "M");
  EXPECT_EQ(R.M.getFuncName(0), "foo");
  EXPECT_EQ(R.M.Names.Locals[0][0], "x");
}

TEST(ModuleParser, TagNames) {
  // Two tags of type (i32) -> ().
  Bytes Tags = cat({section(1, {0x01, 0x60, 0x01, 0x7f, 0x00}),
                    section(13, {0x02, 0x00, 0x00, 0x00, 0x00})});
  auto WithNames = [&](Bytes Subsection) {
    return load(
        cat({module({}), Tags,
             section(0, cat({{0x04, 'n', 'a', 'm', 'e'}, Subsection}))}));
  };
  // Subsection 11, as the extended name section numbers it.
  LoadOutcome R = WithNames({0x0b, 0x06, 0x01, 0x01, 0x03, 'b', 'a', 'd'});
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  EXPECT_EQ(R.M.Names.Tags[1], "bad");
  // 10, where wabt 1.0.32 writes them.
  R = WithNames({0x0a, 0x06, 0x01, 0x00, 0x03, 'o', 'l', 'd'});
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  EXPECT_EQ(R.M.Names.Tags[0], "old");
  // 10 as the GC proposal's field names (a map of maps) names no tag, nor
  // does a map of indices beyond the tags.
  R = WithNames({0x0a, 0x06, 0x01, 0x00, 0x01, 0x00, 0x01, 'f'});
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  EXPECT_TRUE(R.M.Names.Tags.empty());
  R = WithNames({0x0a, 0x04, 0x01, 0x02, 0x01, 'x'});
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  EXPECT_TRUE(R.M.Names.Tags.empty());
}

TEST(ModuleParser, DamagedNameSectionIsIgnored) {
  Bytes Names = section(0, cat({{0x04, 'n', 'a', 'm', 'e'},
                                {0x01, 0x09, 0x01, 0x00, 0x7f, 'f'}}));
  LoadOutcome R = load(cat({funcModule({0x0b}), Names}));
  ASSERT_TRUE(R.Ok) << R.Diag.Message;
  EXPECT_TRUE(R.M.Names.Functions.empty());
}

TEST(ModuleParser, CustomSections) {
  EXPECT_TRUE(load(module({section(0, {0x03, 'a', 'b', 'c', 0xff, 0x00}),
                           section(1, {0x00}), section(0, {0x00})}))
                  .Ok);
  expectMalformed(module({section(0, {0x05, 'a'})}), "length out of bounds",
                  10);
  expectMalformed(module({section(0, {0x01, 0xc0})}),
                  "malformed UTF-8 encoding", 10);
  expectMalformed(module({{0x00, 0x00}}),
                  "unexpected end of section or function", 10);
}

TEST(FunctionBodies, TooManyLocals) {
  expectMalformedBody(
      funcModule({0x0b}, {}, {},
                 {0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x01, 0x7f}),
      "too many locals", 23);
}

TEST(FunctionBodies, ZeroByteExpected) {
  // Before multi-memory, the memory index of memory.grow is a zero byte.
  expectMalformedBody(funcModule({0x41, 0x00, 0x40, 0x01, 0x1a, 0x0b}, {}, {},
                                 {0x00}, {section(5, {0x01, 0x00, 0x01})}),
                      "zero byte expected", 31, Features::none());
  // A zero spelled as a two-byte LEB128 is still not a zero byte.
  expectMalformedBody(funcModule({0x3f, 0x80, 0x00, 0x1a, 0x0b}, {}, {}, {0x00},
                                 {section(5, {0x01, 0x00, 0x01})}),
                      "zero byte expected", 29, Features::none());
  // atomic.fence's reserved byte stays one.
  expectMalformedBody(funcModule({0xfe, 0x03, 0x01, 0x0b}),
                      "zero byte expected", 25);
}

TEST(FunctionBodies, AtomicsNeedThreads) {
  Features NoThreads;
  NoThreads.Threads = false;
  expectMalformedBody(funcModule({0xfe, 0x03, 0x00, 0x0b}),
                      "illegal opcode 0xfe", 23, NoThreads);
}

TEST(FunctionBodies, IllegalOpcode) {
  // 0x06 is try with exception handling; 0x0a nothing.
  expectMalformedBody(funcModule({0x06, 0x0b}), "illegal opcode 0x06", 23,
                      Features::none());
  expectMalformedBody(funcModule({0x0a, 0x0b}), "illegal opcode 0x0a", 23);
  expectMalformedBody(funcModule({0xfc, 0x12, 0x0b}),
                      "illegal opcode 0xfc 0x12", 23);
}

TEST(FunctionBodies, MissingEnd) {
  expectMalformedBody(funcModule({0x01}),
                      "unexpected end of section or function", 24);
  expectMalformedBody(funcModule({0x0b, 0x01}), "section size mismatch", 24);
}

TEST(FunctionBodies, DataCountRequired) {
  expectMalformedBody(funcModule({0xfc, 0x09, 0x00, 0x0b}, {}, {}, {0x00},
                                 {section(5, {0x01, 0x00, 0x01})}),
                      "data count section required", 28);
}

TEST(FunctionBodies, MalformedBeatsInvalid) {
  // Body 0 is invalid (i32.add on nothing) and body 1 malformed: the module
  // is malformed, as a decoder that reads everything first would say.
  Bytes B = module(
      {typeSection(oneFuncType()), section(3, {0x02, 0x00, 0x00}),
       section(10, {0x02, 0x03, 0x00, 0x6a, 0x0b, 0x03, 0x00, 0x06, 0x0b})});
  LoadOutcome R = load(B);
  ASSERT_FALSE(R.Ok);
  EXPECT_TRUE(R.Diag.Malformed) << R.Diag.Message;
  EXPECT_EQ(R.Diag.FuncIndex, std::optional<uint32_t>(1));
}

} // namespace
