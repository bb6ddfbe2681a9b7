//===- TypeIdTest.cpp - Canonical signature ids ---------------------------===//
#include "wasmaot/Runtime.h"

#include <gtest/gtest.h>
#include <thread>

using namespace wasmaot;

TEST(TypeIdTest, SameSignatureSameId) {
  FuncSig A{{ValType::I32, ValType::I64}, {ValType::F32}};
  FuncSig B{{ValType::I32, ValType::I64}, {ValType::F32}};
  uint32_t IA = internFuncType(A);
  EXPECT_NE(IA, 0u);
  EXPECT_EQ(IA, internFuncType(B));
  EXPECT_EQ(getFuncSig(IA), A);
  uint8_t Bytes[] = {0x7f, 0x7e, 0x7d};
  DescFuncType D{2, 1, Bytes};
  EXPECT_EQ(internFuncType(D), IA);
}

TEST(TypeIdTest, ParamsAndResultsAreDistinguished) {
  // (i32) -> () and () -> (i32) must differ, as must (i32 i32) -> ().
  uint32_t P = internFuncType(FuncSig{{ValType::I32}, {}});
  uint32_t R = internFuncType(FuncSig{{}, {ValType::I32}});
  uint32_t PP = internFuncType(FuncSig{{ValType::I32, ValType::I32}, {}});
  uint32_t E = internFuncType(FuncSig{});
  EXPECT_NE(P, R);
  EXPECT_NE(P, PP);
  EXPECT_NE(E, P);
  EXPECT_NE(E, R);
  EXPECT_TRUE(getFuncSig(0).Params.empty());
}

TEST(TypeIdTest, ThreadSafe) {
  std::vector<std::thread> Ts;
  std::vector<uint32_t> Ids(8);
  for (int I = 0; I < 8; ++I)
    Ts.emplace_back([&, I] {
      for (int J = 0; J < 1000; ++J)
        Ids[I] = internFuncType(
            FuncSig{{ValType::V128, ValType::ExternRef}, {ValType::F64}});
    });
  for (auto &T : Ts)
    T.join();
  for (uint32_t Id : Ids)
    EXPECT_EQ(Id, Ids[0]);
}
