//===- TrapTest.cpp - Trap scopes, the fault handler, stack exhaustion ---===//
#include "TestModule.h"

#include <atomic>
#include <gtest/gtest.h>
#include <pthread.h>
#include <thread>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

// Hand-written stand-ins for compiled functions.
void unreachableFn(VMContext *Ctx) {
  wasmaot_trap(Ctx, uint32_t(TrapKind::Unreachable), 1, 0x42);
}
int32_t loadFn(VMContext *Ctx, int32_t Addr) {
  // What guard-mode code does: no compare, the fault is the check.
  return *reinterpret_cast<volatile int32_t *>(Ctx->MemoryBase +
                                               uint32_t(Addr));
}
__attribute__((noinline)) int32_t recurseChecked(VMContext *Ctx, int32_t N) {
  volatile char Frame[128];
  Frame[0] = char(N);
  if (__builtin_frame_address(0) < Ctx->StackLimit)
    wasmaot_trap(Ctx, uint32_t(TrapKind::CallStackExhausted), 2, 0x10);
  return recurseChecked(Ctx, N + 1) + Frame[0];
}
__attribute__((noinline)) int32_t recurseUnchecked(VMContext *Ctx, int32_t N) {
  volatile char Frame[128];
  Frame[0] = char(N);
  if (N < 0) // never: keeps -Winfinite-recursion quiet
    return 0;
  return recurseUnchecked(Ctx, N + 1) + Frame[0];
}

std::atomic<int> PollSpins{0};
/// What --interruptible code does in a loop: poll the page, no compare.
void pollFn(VMContext *Ctx) {
  for (;;) {
    (void)*Ctx->InterruptPoll;
    PollSpins.fetch_add(1, std::memory_order_relaxed);
  }
}

struct TrapModule {
  TestModule TM;
  std::unique_ptr<Instance> I;
  explicit TrapModule(BoundsChecks Mode = BoundsChecks::Guard) {
    uint32_t V = TM.addType({}, {}, trampoline<void>);
    uint32_t II = TM.addType({ValType::I32}, {ValType::I32},
                             trampoline<int32_t, int32_t>);
    TM.addFunc(reinterpret_cast<void *>(&unreachableFn), V, "boom", 0x40);
    TM.addFunc(reinterpret_cast<void *>(&loadFn), II, "load", 0x80);
    TM.addFunc(reinterpret_cast<void *>(&recurseChecked), II, nullptr, 0x100);
    TM.addFunc(reinterpret_cast<void *>(&recurseUnchecked), II, "deep", 0x200);
    TM.addMemory(1);
    TM.addExport("boom", ExternKind::Func, 0);
    TM.addExport("load", ExternKind::Func, 1);
    TM.addExport("recurse", ExternKind::Func, 2);
    TM.addExport("deep", ExternKind::Func, 3);
    TM.setBoundsMode(Mode);
    NoImports None;
    InstantiateResult R = Instance::create(TM.get(), None);
    EXPECT_TRUE(R.ok()) << R.Message;
    I = std::move(R.Inst);
  }
};

} // namespace

TEST(TrapTest, ExplicitTrapNamesFunctionAndOffset) {
  TrapModule M;
  InvokeResult R = M.I->invoke("boom");
  ASSERT_EQ(R.S, InvokeResult::Status::Trapped);
  EXPECT_EQ(R.T.Kind, TrapKind::Unreachable);
  EXPECT_EQ(R.T.Message, "unreachable");
  EXPECT_EQ(R.T.toString(), "unreachable in load+0x42")
      << "function index 1 is 'load' in this module";
  // The process and the instance survive; the next call works.
  Value Arg = Value::i32(0);
  R = M.I->invoke("load", {&Arg, 1});
  ASSERT_TRUE(R.ok()) << R.Message;
  EXPECT_EQ(R.Results[0].asI32(), 0u);
}

TEST(TrapTest, GuardFaultBecomesOutOfBounds) {
  TrapModule M;
  for (uint32_t Addr : {0x10000u, 0x7fffffffu, 0xfffffffcu}) {
    Value Arg = Value::i32(Addr);
    InvokeResult R = M.I->invoke("load", {&Arg, 1});
    ASSERT_EQ(R.S, InvokeResult::Status::Trapped) << Addr;
    EXPECT_EQ(R.T.Kind, TrapKind::OutOfBoundsMemoryAccess);
    EXPECT_EQ(R.T.Message, "out of bounds memory access");
    EXPECT_EQ(R.T.Function, "load");
    EXPECT_EQ(R.T.Offset, 0x80u);
  }
  // After growing, the same address is fine.
  EXPECT_EQ(wasmaot_memory_grow(M.I->vmctx(), 0, 1), 1);
  Value Arg = Value::i32(0x10000);
  EXPECT_TRUE(M.I->invoke("load", {&Arg, 1}).ok());
}

TEST(TrapTest, InterruptFaultsAtTheNextPoll) {
  TestModule TM;
  uint32_t V = TM.addType({}, {}, trampoline<void>);
  TM.addFunc(reinterpret_cast<void *>(&pollFn), V, "spin", 0x20);
  TM.addExport("spin", ExternKind::Func, 0);
  TM.setInterruptible();
  NoImports None;
  InstantiateResult C = Instance::create(TM.get(), None);
  ASSERT_TRUE(C.ok()) << C.Message;
  Instance &I = *C.Inst;
  EXPECT_FALSE(I.isInterrupted());
  // Another thread interrupts while the guest spins.
  PollSpins = 0;
  std::thread Stopper([&] {
    while (PollSpins.load() < 1000)
      std::this_thread::yield();
    I.interrupt();
  });
  InvokeResult R = I.invoke("spin");
  Stopper.join();
  ASSERT_EQ(R.S, InvokeResult::Status::Trapped);
  EXPECT_EQ(R.T.Kind, TrapKind::Interrupted);
  EXPECT_EQ(R.T.Message, "interrupted");
  EXPECT_TRUE(I.isInterrupted());
  // Cleared, the page reads again; the instance runs again (and can be
  // interrupted again).
  I.clearInterrupt();
  EXPECT_FALSE(I.isInterrupted());
  EXPECT_EQ(*I.vmctx()->InterruptPoll, 0);
  PollSpins = 0;
  std::thread Again([&] {
    while (PollSpins.load() < 1000)
      std::this_thread::yield();
    I.interrupt();
  });
  R = I.invoke("spin");
  Again.join();
  EXPECT_EQ(R.T.Kind, TrapKind::Interrupted);
  // Without --interruptible an instance has no page of its own to fault.
  TrapModule Plain;
  Plain.I->interrupt();
  EXPECT_EQ(*Plain.I->vmctx()->InterruptPoll, 0);
}

TEST(TrapTest, InterruptHandleReachesInstancesBeforeAndNotAfter) {
  // A request made before the instance exists stops its start function
  // (which spins forever) as soon as the instance attaches.
  TestModule TM;
  uint32_t V = TM.addType({}, {}, trampoline<void>);
  TM.addFunc(reinterpret_cast<void *>(&pollFn), V, "spin", 0x20);
  TM.setStart(0);
  TM.setInterruptible();
  NoImports None;
  InterruptHandle Early;
  Early.interrupt();
  EXPECT_TRUE(Early.isRequested());
  InstanceLimits Limits;
  Limits.Interrupts = &Early;
  InstantiateResult C = Instance::create(TM.get(), None, Limits);
  ASSERT_EQ(C.S, InstantiateResult::Status::Trapped) << C.Message;
  EXPECT_EQ(C.T.Kind, TrapKind::Interrupted);
  EXPECT_EQ(C.T.Function, "spin");

  // A request made while the start function runs stops it too.
  InterruptHandle During;
  Limits.Interrupts = &During;
  PollSpins = 0;
  std::thread Stopper([&] {
    while (PollSpins.load() < 1000)
      std::this_thread::yield();
    During.interrupt();
  });
  C = Instance::create(TM.get(), None, Limits);
  Stopper.join();
  ASSERT_EQ(C.S, InstantiateResult::Status::Trapped) << C.Message;
  EXPECT_EQ(C.T.Kind, TrapKind::Interrupted);
  // Once the instance is gone the handle reaches nothing (this would be a
  // use after free under ASan if it did).
  C.Inst.reset();
  During.interrupt();
}

TEST(TrapTest, StackExhaustionByPrologueCheck) {
  TrapModule M;
  Value Arg = Value::i32(0);
  InvokeResult R = M.I->invoke("recurse", {&Arg, 1});
  ASSERT_EQ(R.S, InvokeResult::Status::Trapped);
  EXPECT_EQ(R.T.Kind, TrapKind::CallStackExhausted);
  EXPECT_EQ(R.T.toString(), "call stack exhausted in func[2]+0x10");
  EXPECT_TRUE(M.I->invoke("boom").trapped());
}

static void *deepOnSmallStack(void *P) {
  auto *M = static_cast<TrapModule *>(P);
  Value Arg = Value::i32(0);
  auto *R = new InvokeResult(M->I->invoke("deep", {&Arg, 1}));
  return R;
}

TEST(TrapTest, StackOverflowFaultIsCaughtOnAltStack) {
  TrapModule M;
  // A thread with a small stack, so the overflow comes quickly.
  pthread_attr_t A;
  pthread_attr_init(&A);
  pthread_attr_setstacksize(&A, 512 * 1024);
  pthread_t T;
  ASSERT_EQ(pthread_create(&T, &A, deepOnSmallStack, &M), 0);
  void *Out;
  pthread_join(T, &Out);
  pthread_attr_destroy(&A);
  std::unique_ptr<InvokeResult> R(static_cast<InvokeResult *>(Out));
  ASSERT_EQ(R->S, InvokeResult::Status::Trapped);
  EXPECT_EQ(R->T.Kind, TrapKind::CallStackExhausted);
}

TEST(TrapTest, NestedScopes) {
  TrapModule M;
  Outcome Outer = runGuarded(M.I->vmctx(), [&] {
    Outcome Inner =
        runGuarded(M.I->vmctx(), [&] { unreachableFn(M.I->vmctx()); });
    EXPECT_TRUE(Inner.trapped());
    raiseTrap(TrapKind::HostError, "outer host error");
  });
  ASSERT_TRUE(Outer.trapped());
  EXPECT_EQ(Outer.T.Kind, TrapKind::HostError);
  EXPECT_EQ(Outer.T.toString(), "outer host error");
}

TEST(TrapTest, ExitUnwinds) {
  Outcome O = runGuarded(nullptr, [] { exitGuest(42); });
  ASSERT_TRUE(O.exited());
  EXPECT_EQ(O.ExitCode, 42u);
}

TEST(TrapTest, ManyThreadsEachCatchTheirOwn) {
  std::vector<std::thread> Ts;
  std::atomic<int> Ok{0};
  for (int T = 0; T < 8; ++T)
    Ts.emplace_back([&, T] {
      TrapModule M(T % 2 ? BoundsChecks::Guard : BoundsChecks::Explicit);
      for (int K = 0; K < 50; ++K) {
        Value Arg = Value::i32(0x20000 + K);
        InvokeResult R = M.I->invoke("load", {&Arg, 1});
        InvokeResult B = M.I->invoke("boom");
        if (R.trapped() && R.T.Kind == TrapKind::OutOfBoundsMemoryAccess &&
            B.trapped() && B.T.Kind == TrapKind::Unreachable)
          ++Ok;
      }
    });
  for (auto &T : Ts)
    T.join();
  EXPECT_EQ(Ok.load(), 8 * 50);
}

TEST(TrapDeathTest, UnrelatedFaultStillKills) {
  // A segfault outside any memory reservation is not a Wasm trap.
  TrapModule M;
  EXPECT_DEATH(
      {
        runGuarded(M.I->vmctx(), [] {
          *reinterpret_cast<volatile int *>(uintptr_t(16)) = 1;
        });
      },
      "");
}
