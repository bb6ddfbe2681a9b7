//===- HelpersTest.cpp - Bounds rules of the bulk-memory/table helpers ---===//
#include "TestModule.h"

#include <gtest/gtest.h>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {
constexpr uint32_t OobMem = uint32_t(TrapKind::OutOfBoundsMemoryAccess) + 1;
constexpr uint32_t OobTab = uint32_t(TrapKind::OutOfBoundsTableAccess) + 1;
constexpr uint32_t Page = uint32_t(WasmPageSize);

void dummy(VMContext *) {}

struct HelpersTest : ::testing::Test {
  TestModule TM;
  std::unique_ptr<Instance> I;
  VMContext *Ctx = nullptr;
  uint8_t *Mem = nullptr;

  void SetUp() override {
    uint32_t T = TM.addType({}, {});
    TM.addFunc(reinterpret_cast<void *>(&dummy), T, "f0");
    TM.addFunc(reinterpret_cast<void *>(&dummy), T, "f1");
    TM.addMemory(1, 2, true);
    TM.addTable(4);
    TM.addPassiveData("abcd");
    TM.addElem(SegmentMode::Passive, 0,
               {TestModule::refFunc(0), TestModule::refFunc(1)});
    TM.addElem(SegmentMode::Declarative, 0, {TestModule::refFunc(1)});
    NoImports None;
    InstantiateResult R = Instance::create(TM.get(), None);
    ASSERT_TRUE(R.ok()) << R.Message;
    I = std::move(R.Inst);
    Ctx = I->vmctx();
    Mem = Ctx->MemoryBase;
  }
};
} // namespace

TEST_F(HelpersTest, MemoryFill) {
  EXPECT_EQ(wasmaot_memory_fill(Ctx, 0, 10, 0x1ff, 3), 0u);
  EXPECT_EQ(Mem[10], 0xff);
  EXPECT_EQ(Mem[12], 0xff);
  EXPECT_EQ(Mem[13], 0);
  EXPECT_EQ(wasmaot_memory_fill(Ctx, 0, Page, 1, 0), 0u) << "empty at end";
  EXPECT_EQ(wasmaot_memory_fill(Ctx, 0, Page + 1, 1, 0), OobMem);
  // Nothing is written when the range does not fit.
  EXPECT_EQ(wasmaot_memory_fill(Ctx, 0, Page - 2, 5, 3), OobMem);
  EXPECT_EQ(Mem[Page - 1], 0);
  EXPECT_EQ(wasmaot_memory_fill(Ctx, 0, 0xffffffffu, 5, 2), OobMem)
      << "no 32-bit wrap-around";
}

TEST_F(HelpersTest, MemoryCopyOverlaps) {
  for (int B = 0; B < 8; ++B)
    Mem[B] = uint8_t(B);
  EXPECT_EQ(wasmaot_memory_copy(Ctx, 0, 0, 2, 0, 6), 0u);
  EXPECT_EQ(Mem[2], 0);
  EXPECT_EQ(Mem[7], 5);
  EXPECT_EQ(wasmaot_memory_copy(Ctx, 0, 0, 0, 2, 6), 0u);
  EXPECT_EQ(Mem[0], 0);
  EXPECT_EQ(Mem[5], 5);
  EXPECT_EQ(wasmaot_memory_copy(Ctx, 0, 0, Page, 0, 0), 0u);
  EXPECT_EQ(wasmaot_memory_copy(Ctx, 0, 0, 0, Page, 0), 0u);
  EXPECT_EQ(wasmaot_memory_copy(Ctx, 0, 0, 0, Page + 1, 0), OobMem);
  EXPECT_EQ(wasmaot_memory_copy(Ctx, 0, 0, Page - 1, 0, 2), OobMem);
  EXPECT_EQ(Mem[Page - 1], 0);
}

TEST_F(HelpersTest, MemoryInitAndDrop) {
  EXPECT_EQ(wasmaot_memory_init(Ctx, 0, 0, 100, 1, 3), 0u);
  EXPECT_EQ(std::string(reinterpret_cast<char *>(Mem + 100), 3), "bcd");
  EXPECT_EQ(wasmaot_memory_init(Ctx, 0, 0, 100, 2, 3), OobMem);
  EXPECT_EQ(wasmaot_memory_init(Ctx, 0, 0, 100, 4, 0), 0u);
  EXPECT_EQ(wasmaot_memory_init(Ctx, 0, 0, Page - 1, 0, 2), OobMem);
  wasmaot_data_drop(Ctx, 0);
  EXPECT_EQ(wasmaot_memory_init(Ctx, 0, 0, 0, 0, 1), OobMem);
  EXPECT_EQ(wasmaot_memory_init(Ctx, 0, 0, 0, 0, 0), 0u);
  EXPECT_EQ(wasmaot_memory_init(Ctx, 0, 0, 0, 1, 0), OobMem);
}

TEST_F(HelpersTest, MemoryGrow) {
  EXPECT_EQ(wasmaot_memory_grow(Ctx, 0, 1), 1);
  EXPECT_EQ(Ctx->Memory->SizeBytes, 2 * WasmPageSize);
  EXPECT_EQ(wasmaot_memory_grow(Ctx, 0, 1), -1);
  EXPECT_EQ(wasmaot_memory_fill(Ctx, 0, Page, 1, Page), 0u);
}

TEST_F(HelpersTest, TableOps) {
  TableInstance *T = Ctx->Tables[0];
  EXPECT_EQ(wasmaot_table_init(Ctx, 0, 0, 1, 0, 2), 0u);
  EXPECT_EQ(T->Elements[1], I->func(0));
  EXPECT_EQ(T->Elements[2], I->func(1));
  EXPECT_EQ(wasmaot_table_init(Ctx, 0, 0, 3, 0, 2), OobTab);
  EXPECT_EQ(T->Elements[3], nullptr) << "no partial write";
  EXPECT_EQ(wasmaot_table_init(Ctx, 0, 0, 4, 2, 0), 0u);
  EXPECT_EQ(wasmaot_table_init(Ctx, 0, 0, 5, 0, 0), OobTab);
  // Declarative segments are dropped at instantiation.
  EXPECT_EQ(wasmaot_table_init(Ctx, 0, 1, 0, 0, 1), OobTab);
  EXPECT_EQ(wasmaot_table_init(Ctx, 0, 1, 0, 0, 0), 0u);

  EXPECT_EQ(wasmaot_table_copy(Ctx, 0, 0, 2, 1, 2), 0u);
  EXPECT_EQ(T->Elements[2], I->func(0));
  EXPECT_EQ(T->Elements[3], I->func(1));
  EXPECT_EQ(wasmaot_table_copy(Ctx, 0, 0, 3, 0, 2), OobTab);
  EXPECT_EQ(wasmaot_table_copy(Ctx, 0, 0, 4, 0, 0), 0u);

  EXPECT_EQ(wasmaot_table_fill(Ctx, 0, 0, nullptr, 4), 0u);
  EXPECT_EQ(T->Elements[3], nullptr);
  EXPECT_EQ(wasmaot_table_fill(Ctx, 0, 3, nullptr, 2), OobTab);

  EXPECT_EQ(wasmaot_table_grow(Ctx, 0, const_cast<FuncRef *>(I->func(1)), 2),
            4);
  EXPECT_EQ(Ctx->Tables[0]->Size, 6u);
  EXPECT_EQ(Ctx->Tables[0]->Elements[5], I->func(1));

  wasmaot_elem_drop(Ctx, 0);
  EXPECT_EQ(wasmaot_table_init(Ctx, 0, 0, 0, 0, 1), OobTab);
}
