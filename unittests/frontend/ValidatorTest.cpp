//===- ValidatorTest.cpp - Validation rules and their diagnostics ---------===//
#include "TestModules.h"

#include <gtest/gtest.h>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

constexpr uint8_t I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c;

/// Expects loadModule to reject B as invalid with a message starting with
/// Message; returns the diagnostic for further checks.
Diagnostic expectInvalid(const Bytes &B, const std::string &Message,
                         const Features &Enabled = {}) {
  LoadOutcome R = load(B, Enabled);
  EXPECT_FALSE(R.Ok) << "accepted; expected \"" << Message << "\"";
  EXPECT_EQ(R.Diag.Message.substr(0, Message.size()), Message)
      << R.Diag.Message;
  EXPECT_FALSE(R.Diag.Malformed) << R.Diag.Message;
  return R.Diag;
}

void expectValid(const Bytes &B, const Features &Enabled = {}) {
  LoadOutcome R = load(B, Enabled);
  EXPECT_TRUE(R.Ok) << R.Diag.Message;
}

Bytes memorySection() { return section(5, {0x01, 0x00, 0x01}); }

TEST(Validator, TypeMismatchNamesInstructionTypesAndFunction) {
  Bytes Code = {0x41, 0x00,                      // i32.const 0
                0x44, 0,    0, 0, 0, 0, 0, 0, 0, // f64.const 0
                0x6a, 0x0b};                     // i32.add end
  Bytes Names =
      section(0, cat({{0x04, 'n', 'a', 'm', 'e'},
                      {0x01, 0x0d, 0x01, 0x00, 0x0a},
                      {'p', 'a', 'r', 's', 'e', '_', 'a', 'r', 'g', 's'}}));
  Diagnostic D = expectInvalid(cat({funcModule(Code, {}, {I32}), Names}),
                               "type mismatch in i32.add");
  EXPECT_EQ(D.Message, "type mismatch in i32.add: expected i32, found f64 "
                       "(function 0 \"parse_args\")");
  EXPECT_EQ(D.Offset, 35u); // the i32.add
  EXPECT_EQ(D.FuncIndex, std::optional<uint32_t>(0));
}

TEST(Validator, EmptyStack) {
  Diagnostic D = expectInvalid(funcModule({0x6a, 0x0b}, {}, {I32}),
                               "type mismatch in i32.add");
  EXPECT_EQ(D.Message, "type mismatch in i32.add: expected i32, found nothing "
                       "(function 0)");
}

TEST(Validator, ResultsOfTheFunction) {
  expectInvalid(funcModule({0x0b}, {}, {I32}), "type mismatch in end");
  expectInvalid(funcModule({0x41, 0x00, 0x0b}), "type mismatch in end");
  expectValid(funcModule({0x20, 0x00, 0x0b}, {I64}, {I64}));
}

TEST(Validator, DeadCodeIsValidatedPolymorphically) {
  expectValid(funcModule({0x00, 0x6a, 0x1a, 0x0b}));
  expectValid(funcModule({0x00, 0x0b}, {}, {I32, F64}));
  expectInvalid(funcModule({0x00, 0x42, 0x00, 0x6a, 0x1a, 0x0b}),
                "type mismatch in i32.add: expected i32, found i64");
  expectValid(funcModule({0x0f, 0x1b, 0x1a, 0x0b})); // select on nothing
}

TEST(Validator, Blocks) {
  // block (result i32) i32.const 1 end
  expectValid(funcModule({0x02, 0x7f, 0x41, 0x01, 0x0b, 0x0b}, {}, {I32}));
  // if without else must pass its parameters through unchanged
  expectInvalid(
      funcModule({0x41, 0x00, 0x04, 0x7f, 0x41, 0x01, 0x0b, 0x0b}, {}, {I32}),
      "type mismatch in if");
  // a type index as block type: [i32] -> [i32]
  Bytes Types =
      typeSection({0x02, 0x60, 0x00, 0x00, 0x60, 0x01, I32, 0x01, I32});
  Bytes B =
      cat({module({Types, section(3, {0x01, 0x00})}),
           codeSection({0x00}, {0x41, 0x01, 0x02, 0x01, 0x0b, 0x1a, 0x0b})});
  expectValid(B);
  Bytes Unknown = cat({module({Types, section(3, {0x01, 0x00})}),
                       codeSection({0x00}, {0x02, 0x05, 0x0b, 0x0b})});
  expectInvalid(Unknown, "unknown type 5");
}

TEST(Validator, Branches) {
  expectInvalid(funcModule({0x0c, 0x01, 0x0b}), "unknown label 1");
  // br_table whose targets disagree in arity: the block's label carries an
  // i32, the function's none.
  expectInvalid(funcModule({0x02, 0x7f, 0x41, 0x00, 0x41, 0x00, 0x0e, 0x01,
                            0x00, 0x01, 0x0b, 0x1a, 0x0b}),
                "type mismatch in br_table");
  expectValid(
      funcModule({0x02, 0x40, 0x41, 0x00, 0x0e, 0x01, 0x00, 0x01, 0x0b, 0x0b}));
}

TEST(Validator, Select) {
  expectValid(funcModule(
      {0x43, 0, 0, 0, 0, 0x43, 0, 0, 0, 0, 0x41, 0x00, 0x1b, 0x0b}, {}, {F32}));
  expectInvalid(
      funcModule({0xd0, 0x70, 0xd0, 0x70, 0x41, 0x00, 0x1b, 0x1a, 0x0b}),
      "type mismatch in select");
  expectValid(funcModule(
      {0xd0, 0x70, 0xd0, 0x70, 0x41, 0x00, 0x1c, 0x01, 0x70, 0x1a, 0x0b}));
  expectInvalid(funcModule({0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0x1c, 0x02, I32,
                            I32, 0x1a, 0x0b}),
                "invalid result arity");
}

TEST(Validator, LocalsAndGlobals) {
  expectInvalid(
      funcModule({0x20, 0x02, 0x1a, 0x0b}, {I32}, {}, {0x01, 0x01, F32}),
      "unknown local 2");
  Bytes Global = section(6, {0x01, I32, 0x00, 0x41, 0x00, 0x0b});
  Diagnostic D = expectInvalid(
      funcModule({0x41, 0x00, 0x24, 0x00, 0x0b}, {}, {}, {0x00}, {Global}),
      "global is immutable");
  EXPECT_FALSE(D.Malformed);
  expectInvalid(funcModule({0x23, 0x01, 0x1a, 0x0b}, {}, {}, {0x00}, {Global}),
                "unknown global 1");
}

TEST(Validator, Memory) {
  expectInvalid(funcModule({0x41, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b}),
                "unknown memory 0");
  expectInvalid(funcModule({0x41, 0x00, 0x28, 0x03, 0x00, 0x1a, 0x0b}, {}, {},
                           {0x00}, {memorySection()}),
                "alignment must not be larger than natural");
  expectValid(funcModule({0x41, 0x00, 0x31, 0x00, 0x00, 0x1a, 0x0b}, {}, {},
                         {0x00}, {memorySection()}));
  expectInvalid(funcModule({0x41, 0x00, 0x31, 0x01, 0x00, 0x1a, 0x0b}, {}, {},
                           {0x00}, {memorySection()}),
                "alignment must not be larger than natural");
  expectInvalid(module({section(5, {0x02, 0x00, 0x01, 0x00, 0x01})}),
                "multiple memories", Features::none());
  expectValid(module({section(5, {0x02, 0x00, 0x01, 0x00, 0x01})}));
  expectInvalid(module({section(5, {0x01, 0x00, 0x81, 0x80, 0x04})}),
                "memory size must be at most 65536 pages");
  expectInvalid(module({section(5, {0x01, 0x01, 0x02, 0x01})}),
                "size minimum must not be greater than maximum");
}

TEST(Validator, MultiMemory) {
  Bytes TwoMemories = section(5, {0x02, 0x00, 0x01, 0x00, 0x01});
  // i32.load with bit 6 of the alignment set names memory 1, then 2.
  expectValid(funcModule({0x41, 0x00, 0x28, 0x42, 0x01, 0x00, 0x1a, 0x0b}, {},
                         {}, {0x00}, {TwoMemories}));
  expectInvalid(funcModule({0x41, 0x00, 0x28, 0x42, 0x02, 0x00, 0x1a, 0x0b}, {},
                           {}, {0x00}, {TwoMemories}),
                "unknown memory 2");
  // memory.size 1.
  expectValid(
      funcModule({0x3f, 0x01, 0x1a, 0x0b}, {}, {}, {0x00}, {TwoMemories}));
}

TEST(Validator, Memory64AddressesAreI64) {
  Bytes Memory64 = section(5, {0x01, 0x04, 0x01});
  // i64.const 0; i32.load; drop.
  expectValid(funcModule({0x42, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b}, {}, {},
                         {0x00}, {Memory64}));
  expectInvalid(funcModule({0x41, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b}, {}, {},
                           {0x00}, {Memory64}),
                "type mismatch in i32.load: expected i64, found i32");
  // memory.size gives an i64: dropping it as i32 through i32.eqz fails.
  expectInvalid(
      funcModule({0x3f, 0x00, 0x45, 0x1a, 0x0b}, {}, {}, {0x00}, {Memory64}),
      "type mismatch in i32.eqz");
  // An offset of 2^32 fits a 64-bit memory only.
  Bytes Load = {0x42, 0x00, 0x28, 0x02, 0x80, 0x80,
                0x80, 0x80, 0x10, 0x1a, 0x0b};
  expectValid(funcModule(Load, {}, {}, {0x00}, {Memory64}));
  Load[0] = 0x41;
  expectInvalid(funcModule(Load, {}, {}, {0x00}, {memorySection()}),
                "offset out of range");
}

TEST(Validator, Table64IndicesAreI64) {
  Bytes Table64 = section(4, {0x01, 0x70, 0x04, 0x01});
  // table.size 0; drop.
  expectValid(
      funcModule({0xfc, 0x10, 0x00, 0x1a, 0x0b}, {}, {}, {0x00}, {Table64}));
  // table.get with an i32 index: the table wants i64.
  expectInvalid(funcModule({0x41, 0x00, 0x25, 0x00, 0x1a, 0x0b}, {}, {}, {0x00},
                           {Table64}),
                "type mismatch");
  expectValid(funcModule({0x42, 0x00, 0x25, 0x00, 0x1a, 0x0b}, {}, {}, {0x00},
                         {Table64}));
  // Without memory64, the flag is malformed.
  Features NoMemory64;
  NoMemory64.Memory64 = false;
  LoadOutcome R = load(module({Table64}), NoMemory64);
  EXPECT_FALSE(R.Ok);
  EXPECT_TRUE(R.Diag.Malformed);
}

TEST(Validator, SharedMemoryAndAtomics) {
  expectInvalid(module({section(5, {0x01, 0x02, 0x01})}),
                "shared memory must have maximum");
  Bytes Shared = section(5, {0x01, 0x03, 0x01, 0x01});
  // i32.const 0; i32.atomic.load align=2; drop.
  expectValid(funcModule({0x41, 0x00, 0xfe, 0x10, 0x02, 0x00, 0x1a, 0x0b}, {},
                         {}, {0x00}, {Shared}));
  // Atomics take exactly their natural alignment, also on an unshared memory.
  expectInvalid(funcModule({0x41, 0x00, 0xfe, 0x10, 0x01, 0x00, 0x1a, 0x0b}, {},
                           {}, {0x00}, {memorySection()}),
                "alignment must be exactly natural");
}

TEST(Validator, RefFuncMustBeDeclared) {
  expectInvalid(funcModule({0xd2, 0x00, 0x1a, 0x0b}),
                "undeclared function reference");
  Bytes Export = section(7, {0x01, 0x01, 'f', 0x00, 0x00});
  Bytes B = cat(
      {module({typeSection(oneFuncType()), section(3, {0x01, 0x00}), Export}),
       codeSection({0x00}, {0xd2, 0x00, 0x1a, 0x0b})});
  expectValid(B);
}

TEST(Validator, ModuleLevelRules) {
  Bytes Func = cat({typeSection(oneFuncType({I32})), section(3, {0x01, 0x00})});
  expectInvalid(
      cat({module({}), Func, section(8, {0x00}), codeSection({0x00}, {0x0b})}),
      "start function must have type [] -> []");
  expectInvalid(
      cat({module({}), Func,
           section(7, {0x02, 0x01, 'f', 0x00, 0x00, 0x01, 'f', 0x00, 0x00}),
           codeSection({0x00}, {0x0b})}),
      "duplicate export name \"f\"");
  expectInvalid(module({section(7, {0x01, 0x01, 'f', 0x00, 0x00})}),
                "unknown function 0");
  // Initializers: one constant instruction of the right type in 2.0; with
  // extended-const (on by default) also i32 and i64 add, sub and mul, whose
  // operands must be there and of their type.
  Bytes Sum = module(
      {section(6, {0x01, I32, 0x00, 0x41, 0x00, 0x41, 0x00, 0x6a, 0x0b})});
  expectInvalid(Sum, "constant expression required", Features::none());
  expectValid(Sum);
  expectInvalid(module({section(6, {0x01, I32, 0x00, 0x41, 0x00, 0x6a, 0x0b})}),
                "type mismatch in constant expression: expected two i32");
  expectInvalid(module({section(
                    6, {0x01, I32, 0x00, 0x42, 0x00, 0x41, 0x00, 0x6a, 0x0b})}),
                "type mismatch in constant expression: expected two i32");
  expectInvalid(module({section(6, {0x01, I32, 0x00, 0x41, 0x00, 0x68, 0x0b})}),
                "constant expression required: i32.ctz");
  expectInvalid(
      module({section(6, {0x01, I32, 0x00, 0x41, 0x00, 0x41, 0x00, 0x0b})}),
      "type mismatch: constant expression leaves more than one value");
  expectInvalid(module({section(6, {0x01, I32, 0x00, 0x42, 0x00, 0x0b})}),
                "type mismatch in constant expression: expected i32, found "
                "i64");
  expectInvalid(module({section(6, {0x01, I32, 0x00, 0x0b})}), "type mismatch");
  // global.get in an initializer may only read imported globals.
  expectInvalid(module({section(6, {0x02, I32, 0x00, 0x41, 0x00, 0x0b, I32,
                                    0x00, 0x23, 0x00, 0x0b})}),
                "unknown global 0");
}

TEST(Validator, SimdLanes) {
  Bytes V128Const = {0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0,
                     0,    0,    0, 0, 0, 0, 0, 0, 0};
  expectValid(
      funcModule(cat({V128Const, {0xfd, 0x15, 0x0f, 0x0b}}), {}, {I32}));
  expectInvalid(
      funcModule(cat({V128Const, {0xfd, 0x15, 0x10, 0x0b}}), {}, {I32}),
      "invalid lane index 16");
  expectInvalid(
      funcModule(cat({V128Const, {0xfd, 0x1d, 0x02, 0x0b}}), {}, {I64}),
      "invalid lane index 2");
  Bytes Shuffle = cat(
      {V128Const, V128Const, {0xfd, 0x0d}, Bytes(15, 0), {0x20}, {0x1a, 0x0b}});
  expectInvalid(funcModule(Shuffle), "invalid lane index 32");
}

/// Records what reaches the visitor after the validator.
class Recorder : public OperatorVisitor {
public:
  std::vector<Opcode> Ops;
  std::vector<ValType> SelectTypes;
  std::vector<ValType> Locals;
  bool Ended = false;
  void beginFunction(uint32_t, std::span<const ValType> L) override {
    Locals.assign(L.begin(), L.end());
  }
  void endFunction() override { Ended = true; }
  void visitControl(const Instr &I) override { Ops.push_back(I.Op); }
  void visitCall(const Instr &I) override { Ops.push_back(I.Op); }
  void visitParametric(const Instr &I) override {
    Ops.push_back(I.Op);
    SelectTypes.push_back(I.Type);
  }
  void visitVariable(const Instr &I) override { Ops.push_back(I.Op); }
  void visitTable(const Instr &I) override { Ops.push_back(I.Op); }
  void visitMemory(const Instr &I) override { Ops.push_back(I.Op); }
  void visitNumeric(const Instr &I) override { Ops.push_back(I.Op); }
  void visitReference(const Instr &I) override { Ops.push_back(I.Op); }
  void visitSimd(const Instr &I) override { Ops.push_back(I.Op); }
  void visitAtomic(const Instr &I) override { Ops.push_back(I.Op); }
};

TEST(Validator, ForwardsEveryInstructionIncludingDeadCode) {
  Bytes B = funcModule({0x20, 0x00, 0x20, 0x00, 0x41, 0x01, 0x1b, // select
                        0x0f,                                     // return
                        0xa0, 0x0b},                              // dead add
                       {F64}, {F64}, {0x01, 0x02, I32});
  Module M;
  Diagnostic D;
  ASSERT_TRUE(parseModule(B, M, D)) << D.Message;
  Recorder R;
  ASSERT_TRUE(decodeFunction(M, 0, &R, D)) << D.Message;
  EXPECT_EQ(R.Ops,
            (std::vector<Opcode>{Opcode::LocalGet, Opcode::LocalGet,
                                 Opcode::I32Const, Opcode::Select,
                                 Opcode::Return, Opcode::F64Add, Opcode::End}));
  // The validator tells lowering what select chooses between.
  EXPECT_EQ(R.SelectTypes, (std::vector<ValType>{ValType::F64}));
  EXPECT_EQ(R.Locals, (std::vector<ValType>{ValType::I32, ValType::I32}));
  EXPECT_TRUE(R.Ended);
}

} // namespace
