//===- MemoryTest.cpp - Reservations, grow, tables ------------------------===//
#include "wasmaot/Runtime.h"

#include <gtest/gtest.h>

using namespace wasmaot;

TEST(MemoryTest, GuardReservationAndGrow) {
  auto M = MemoryObject::create(1, 3, true, BoundsChecks::Guard);
  ASSERT_TRUE(M);
  EXPECT_TRUE(M->isGuardReserved());
  EXPECT_EQ(M->pages(), 1u);
  EXPECT_EQ(M->sizeBytes(), WasmPageSize);
  uint8_t *Base = M->base();
  Base[WasmPageSize - 1] = 7; // the last byte of page 0 is writable
  EXPECT_EQ(M->grow(1), 1);
  EXPECT_EQ(M->base(), Base) << "the base never moves";
  EXPECT_EQ(Base[WasmPageSize], 0) << "new pages are zero";
  Base[2 * WasmPageSize - 1] = 1;
  EXPECT_EQ(M->grow(2), -1) << "beyond the maximum";
  EXPECT_EQ(M->pages(), 2u);
  EXPECT_EQ(M->grow(0), 2);
  EXPECT_EQ(M->grow(1), 2);
  EXPECT_EQ(M->grow(1), -1);
  EXPECT_EQ(M->sizeBytes(), 3 * WasmPageSize);
}

TEST(MemoryTest, NoMaxMeansFourGiB) {
  auto M = MemoryObject::create(0, 0, false);
  ASSERT_TRUE(M);
  EXPECT_EQ(M->instance()->MaxPages, 65536u);
  EXPECT_EQ(M->grow(65537), -1);
  EXPECT_EQ(M->grow(0x10000000), -1);
}

TEST(MemoryTest, ExplicitModeReservesTheMaximum) {
  auto M = MemoryObject::create(1, 2, true, BoundsChecks::Explicit);
  ASSERT_TRUE(M);
  EXPECT_FALSE(M->isGuardReserved());
  EXPECT_EQ(M->instance()->ReservedBytes, 2 * WasmPageSize);
  EXPECT_EQ(M->grow(1), 1);
  EXPECT_EQ(M->grow(1), -1);
}

TEST(MemoryTest, MinAboveMaxFails) {
  EXPECT_FALSE(MemoryObject::create(2, 1, true));
  EXPECT_FALSE(MemoryObject::create(65537, 0, false));
}

TEST(MemoryTest, FromInstance) {
  auto M = MemoryObject::create(0, 0, false);
  EXPECT_EQ(MemoryObject::fromInstance(M->instance()), M.get());
  auto T = TableObject::create(ValType::FuncRef, 0, 0, false);
  EXPECT_EQ(TableObject::fromInstance(T->instance()), T.get());
}

TEST(TableTest, GrowMovesElementsAndRespectsMax) {
  int X;
  auto T = TableObject::create(ValType::FuncRef, 2, 5, true);
  ASSERT_TRUE(T);
  EXPECT_EQ(T->get(0), nullptr);
  EXPECT_EQ(T->grow(2, &X), 2);
  EXPECT_EQ(T->size(), 4u);
  EXPECT_EQ(T->get(3), &X);
  EXPECT_EQ(T->grow(2, nullptr), -1);
  EXPECT_EQ(T->grow(1, nullptr), 4);
  EXPECT_EQ(T->grow(0, nullptr), 5);
  auto U = TableObject::create(ValType::ExternRef, 0, 0, false);
  EXPECT_EQ(U->instance()->Max, UINT32_MAX);
  EXPECT_EQ(U->grow(0xffffffffu, nullptr), -1) << "implementation limit";
}

TEST(GlobalTest, HostGlobalRoundTrip) {
  HostGlobal G(ValType::F64, true, Value::f64(2.5));
  EXPECT_EQ(readGlobal(G.cell(), ValType::F64).asF64(), 2.5);
  writeGlobal(G.cell(), Value::f64(-1.0));
  EXPECT_EQ(readGlobal(G.cell(), ValType::F64).asF64(), -1.0);
}
