//===- WasiTest.cpp - The preview1 host: pointer checks, stdio, exit -----===//
#include "wasi-libhost/Wasi.h"
#include "TestModule.h"

#include <gtest/gtest.h>
#include <unistd.h>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

constexpr int32_t Success = 0, Badf = 8, Fault = 21, Inval = 28;

/// An instance importing the WASI functions a test calls, with one page of
/// memory; calls go through its FuncRefs as compiled code would.
struct WasiFixture : ::testing::Test {
  TestModule TM;
  std::unique_ptr<WasiContext> W;
  std::unique_ptr<Instance> I;
  std::vector<std::string> Names;
  int Pipe[2] = {-1, -1};

  void instantiate(WasiOptions Opts, std::vector<const char *> Funcs) {
    for (const char *F : Funcs) {
      void *Code;
      FuncSig Sig;
      ASSERT_TRUE(lookupWasiFunction(F, Code, Sig)) << F;
      TM.importFunc(WasiModuleName, F, TM.addType(Sig.Params, Sig.Results));
      Names.push_back(F);
    }
    TM.addMemory(1);
    std::string Err;
    W = WasiContext::create(std::move(Opts), Err);
    ASSERT_TRUE(W) << Err;
    WasiResolver R(*W);
    InstantiateResult IR = Instance::create(TM.get(), R);
    ASSERT_TRUE(IR.ok()) << IR.Message;
    I = std::move(IR.Inst);
  }
  const FuncRef *fn(const char *Name) {
    for (size_t K = 0; K < Names.size(); ++K)
      if (Names[K] == Name)
        return I->func(uint32_t(K));
    return nullptr;
  }
  template <typename... A> int32_t call(const char *Name, A... Args) {
    const FuncRef *F = fn(Name);
    int32_t Ret = -1;
    Outcome O = runGuarded(F->Ctx, [&] {
      Ret = reinterpret_cast<int32_t (*)(VMContext *, A...)>(F->Code)(F->Ctx,
                                                                      Args...);
    });
    EXPECT_TRUE(O.returned()) << O.T.toString();
    return Ret;
  }
  uint8_t *mem() { return I->vmctx()->MemoryBase; }
  uint32_t u32(uint32_t At) {
    uint32_t V;
    memcpy(&V, mem() + At, 4);
    return V;
  }
  void setU32(uint32_t At, uint32_t V) { memcpy(mem() + At, &V, 4); }
  void TearDown() override {
    for (int Fd : Pipe)
      if (Fd >= 0)
        close(Fd);
  }
};

const uint32_t End = uint32_t(WasmPageSize);

} // namespace

TEST_F(WasiFixture, ArgsAndEnviron) {
  WasiOptions O;
  O.Args = {"prog", "a b"};
  O.Env = {"X=1"};
  instantiate(
      O, {"args_sizes_get", "args_get", "environ_sizes_get", "environ_get"});
  EXPECT_EQ(call("args_sizes_get", 0, 4), Success);
  EXPECT_EQ(u32(0), 2u);
  EXPECT_EQ(u32(4), 9u); // "prog\0a b\0"
  EXPECT_EQ(call("args_get", 100, 200), Success);
  EXPECT_EQ(u32(100), 200u);
  EXPECT_EQ(u32(104), 205u);
  EXPECT_STREQ(reinterpret_cast<char *>(mem() + 205), "a b");
  EXPECT_EQ(call("environ_sizes_get", 0, 4), Success);
  EXPECT_EQ(u32(0), 1u);
  EXPECT_EQ(call("environ_get", 300, 400), Success);
  EXPECT_STREQ(reinterpret_cast<char *>(mem() + 400), "X=1");
  // Every pointer is checked: FAULT, and nothing written.
  EXPECT_EQ(call("args_sizes_get", int32_t(End - 3), 0), Fault);
  EXPECT_EQ(call("args_get", int32_t(End - 4), 0), Fault);
  EXPECT_EQ(call("args_get", 0, int32_t(End - 8)), Fault);
  EXPECT_EQ(call("environ_get", -1, 0), Fault);
}

TEST_F(WasiFixture, FdWriteToPipe) {
  ASSERT_EQ(pipe(Pipe), 0);
  WasiOptions O;
  O.StdoutFd = Pipe[1];
  instantiate(O, {"fd_write"});
  memcpy(mem() + 64, "hello, ", 7);
  memcpy(mem() + 80, "world\n", 6);
  setU32(0, 64);
  setU32(4, 7);
  setU32(8, 80);
  setU32(12, 6);
  EXPECT_EQ(call("fd_write", 1, 0, 2, 16), Success);
  EXPECT_EQ(u32(16), 13u);
  char Buf[32] = {};
  EXPECT_EQ(read(Pipe[0], Buf, sizeof(Buf)), 13);
  EXPECT_STREQ(Buf, "hello, world\n");
  // A buffer past the end of memory, an iovec array past the end, the
  // result pointer past the end, a closed fd, a read-only fd.
  setU32(0, End - 2);
  setU32(4, 3);
  EXPECT_EQ(call("fd_write", 1, 0, 1, 16), Fault);
  EXPECT_EQ(call("fd_write", 1, int32_t(End - 4), 1, 16), Fault);
  EXPECT_EQ(call("fd_write", 1, 8, 1, int32_t(End - 2)), Fault);
  EXPECT_EQ(call("fd_write", 9, 8, 1, 16), Badf);
  EXPECT_EQ(call("fd_write", 0, 8, 1, 16), 76) << "stdin has no write right";
}

TEST_F(WasiFixture, FdReadFromPipe) {
  ASSERT_EQ(pipe(Pipe), 0);
  WasiOptions O;
  O.StdinFd = Pipe[0];
  instantiate(O, {"fd_read", "fd_close", "fd_fdstat_get", "fd_seek"});
  ASSERT_EQ(write(Pipe[1], "abc", 3), 3);
  setU32(0, 100);
  setU32(4, 10);
  EXPECT_EQ(call("fd_read", 0, 0, 1, 8), Success);
  EXPECT_EQ(u32(8), 3u);
  EXPECT_EQ(memcmp(mem() + 100, "abc", 3), 0);
  setU32(4, 0x10000);
  EXPECT_EQ(call("fd_read", 0, 0, 1, 8), Fault);
  EXPECT_EQ(call("fd_fdstat_get", 0, 200), Success);
  EXPECT_EQ(mem()[200], 0) << "a pipe is an unknown file type";
  EXPECT_EQ(call("fd_seek", 0, int64_t(0), 0, 300), 76)
      << "no seek right on a pipe";
  EXPECT_EQ(call("fd_close", 0), Success);
  EXPECT_EQ(call("fd_close", 0), Badf);
  EXPECT_EQ(call("fd_read", 0, 0, 1, 8), Badf);
}

TEST_F(WasiFixture, MemoryStdio) {
  WasiMemoryStdio M;
  M.reset("request body");
  M.OutputLimit = 10;
  WasiOptions O;
  O.MemoryStdio = &M;
  O.StdoutFd = 1; // not used: the memory streams win
  instantiate(O, {"fd_read", "fd_write", "fd_fdstat_get", "fd_filestat_get",
                  "fd_seek", "fd_pread", "poll_oneoff"});
  // Standard input in two reads, then end of file.
  setU32(0, 100);
  setU32(4, 7);
  EXPECT_EQ(call("fd_read", 0, 0, 1, 8), Success);
  EXPECT_EQ(u32(8), 7u);
  EXPECT_EQ(memcmp(mem() + 100, "request", 7), 0);
  setU32(4, 100);
  EXPECT_EQ(call("fd_read", 0, 0, 1, 8), Success);
  EXPECT_EQ(u32(8), 5u);
  EXPECT_EQ(memcmp(mem() + 100, " body", 5), 0);
  EXPECT_EQ(call("fd_read", 0, 0, 1, 8), Success);
  EXPECT_EQ(u32(8), 0u);
  // Output to each stream, up to its limit: a write past it is FBIG.
  memcpy(mem() + 200, "status: 200\n", 12);
  setU32(0, 200);
  setU32(4, 6);
  EXPECT_EQ(call("fd_write", 1, 0, 1, 8), Success);
  EXPECT_EQ(call("fd_write", 2, 0, 1, 8), Success);
  EXPECT_EQ(M.Stdout, "status");
  EXPECT_EQ(M.Stderr, "status");
  EXPECT_FALSE(M.Overflowed);
  setU32(4, 12);
  EXPECT_EQ(call("fd_write", 1, 0, 1, 8), 22) << "FBIG past the limit";
  EXPECT_TRUE(M.Overflowed);
  EXPECT_EQ(M.Stdout, "status");
  // A pipe to the guest: unknown type, no seek, no positioned read; the
  // stat is all zeros.
  EXPECT_EQ(call("fd_fdstat_get", 1, 300), Success);
  EXPECT_EQ(mem()[300], 0);
  EXPECT_EQ(call("fd_filestat_get", 0, 400), Success);
  EXPECT_EQ(call("fd_seek", 1, int64_t(0), 0, 300), 76);
  EXPECT_EQ(call("fd_pread", 0, 0, 1, int64_t(0), 8), 76);
  EXPECT_EQ(call("fd_write", 0, 0, 1, 8), 76) << "stdin has no write right";
  // poll_oneoff: reading standard input is ready at once (here at its end:
  // 0 bytes left and a hang-up).
  memset(mem() + 1000, 0, 48);
  mem()[1000 + 8] = 1; // EV_FD_READ, fd 0
  EXPECT_EQ(call("poll_oneoff", 1000, 2000, 1, 8), Success);
  EXPECT_EQ(u32(8), 1u);
  EXPECT_EQ(mem()[2000 + 10], 1) << "an fd_read event";
  EXPECT_EQ(mem()[2000 + 24], 1) << "hang-up at the end";
  // Reset for the next guest.
  M.reset("x");
  EXPECT_TRUE(M.Stdout.empty() && M.Stderr.empty() && !M.Overflowed);
}

TEST_F(WasiFixture, ResetForAnotherGuest) {
  WasiMemoryStdio M;
  WasiOptions O;
  O.Args = {"first"};
  O.MemoryStdio = &M;
  instantiate(O, {"args_sizes_get", "fd_close", "fd_write"});
  EXPECT_EQ(call("fd_close", 1), Success);
  EXPECT_EQ(call("fd_write", 1, 0, 0, 8), Badf);
  WasiOptions Next;
  Next.Args = {"second", "x"};
  Next.MemoryStdio = &M;
  std::string Err;
  ASSERT_TRUE(W->reset(Next, Err)) << Err;
  EXPECT_EQ(call("args_sizes_get", 0, 4), Success);
  EXPECT_EQ(u32(0), 2u) << "the new arguments";
  EXPECT_EQ(call("fd_write", 1, 0, 0, 8), Success) << "stdout is back";
  Next.Preopens = {{"/nonexistent-dir", "/x"}};
  EXPECT_FALSE(W->reset(Next, Err));
  EXPECT_NE(Err.find("cannot open directory '/nonexistent-dir'"),
            std::string::npos);
}

TEST_F(WasiFixture, PrestatWithoutPreopens) {
  instantiate({}, {"fd_prestat_get", "fd_prestat_dir_name"});
  EXPECT_EQ(call("fd_prestat_get", 3, 0), Badf);
  EXPECT_EQ(call("fd_prestat_get", 1, 0), Badf);
}

TEST_F(WasiFixture, PrestatWithPreopen) {
  WasiOptions O;
  O.Preopens.push_back({"/tmp", "/sandbox"});
  instantiate(O, {"fd_prestat_get", "fd_prestat_dir_name"});
  EXPECT_EQ(call("fd_prestat_get", 3, 0), Success);
  EXPECT_EQ(mem()[0], 0);
  EXPECT_EQ(u32(4), 8u);
  EXPECT_EQ(call("fd_prestat_dir_name", 3, 16, 8), Success);
  EXPECT_EQ(std::string(reinterpret_cast<char *>(mem() + 16), 8), "/sandbox");
  EXPECT_EQ(call("fd_prestat_dir_name", 3, 16, 4), 37);
  EXPECT_EQ(call("fd_prestat_dir_name", 3, int32_t(End - 4), 8), Fault);
  EXPECT_EQ(call("fd_prestat_get", 4, 0), Badf);
}

TEST_F(WasiFixture, ClocksAndRandom) {
  instantiate({}, {"clock_time_get", "clock_res_get", "random_get"});
  EXPECT_EQ(call("clock_time_get", 1, int64_t(1), 8), Success);
  uint64_t T1;
  memcpy(&T1, mem() + 8, 8);
  EXPECT_GT(T1, 0u);
  EXPECT_EQ(call("clock_time_get", 9, int64_t(1), 8), Inval);
  EXPECT_EQ(call("clock_time_get", 0, int64_t(1), int32_t(End - 7)), Fault);
  EXPECT_EQ(call("clock_res_get", 0, 8), Success);
  EXPECT_EQ(call("random_get", 100, 64), Success);
  EXPECT_EQ(call("random_get", int32_t(End - 10), 11), Fault);
  EXPECT_EQ(call("random_get", int32_t(End), 0), Success);
}

TEST_F(WasiFixture, ProcExitUnwinds) {
  instantiate({}, {"proc_exit"});
  const FuncRef *F = fn("proc_exit");
  Outcome O = runGuarded(F->Ctx, [&] {
    reinterpret_cast<void (*)(VMContext *, int32_t)>(F->Code)(F->Ctx, 3);
  });
  ASSERT_TRUE(O.exited());
  EXPECT_EQ(O.ExitCode, 3u);
}

TEST_F(WasiFixture, PathOpenWithoutGrantIsBadDescriptor) {
  // No directory was granted, so fd 3 does not exist: the guest gets EBADF
  // (8), and nothing on the host is touched.
  instantiate({}, {"path_open"});
  const FuncRef *F = fn("path_open");
  using PathOpen = int32_t (*)(VMContext *, int32_t, int32_t, int32_t, int32_t,
                               int32_t, int64_t, int64_t, int32_t, int32_t);
  int32_t Errno = -1;
  Outcome O = runGuarded(F->Ctx, [&] {
    Errno =
        reinterpret_cast<PathOpen>(F->Code)(F->Ctx, 3, 0, 0, 0, 0, 0, 0, 0, 0);
  });
  ASSERT_FALSE(O.trapped());
  EXPECT_EQ(Errno, 8);
}

TEST(WasiTest, EveryPreview1NameResolves) {
  // The complete wasi_snapshot_preview1 list, so any wasi-libc program links.
  const char *All[] = {"args_get",
                       "args_sizes_get",
                       "environ_get",
                       "environ_sizes_get",
                       "clock_res_get",
                       "clock_time_get",
                       "fd_advise",
                       "fd_allocate",
                       "fd_close",
                       "fd_datasync",
                       "fd_fdstat_get",
                       "fd_fdstat_set_flags",
                       "fd_fdstat_set_rights",
                       "fd_filestat_get",
                       "fd_filestat_set_size",
                       "fd_filestat_set_times",
                       "fd_pread",
                       "fd_prestat_get",
                       "fd_prestat_dir_name",
                       "fd_pwrite",
                       "fd_read",
                       "fd_readdir",
                       "fd_renumber",
                       "fd_seek",
                       "fd_sync",
                       "fd_tell",
                       "fd_write",
                       "path_create_directory",
                       "path_filestat_get",
                       "path_filestat_set_times",
                       "path_link",
                       "path_open",
                       "path_readlink",
                       "path_remove_directory",
                       "path_rename",
                       "path_symlink",
                       "path_unlink_file",
                       "poll_oneoff",
                       "proc_exit",
                       "proc_raise",
                       "sched_yield",
                       "random_get",
                       "sock_accept",
                       "sock_recv",
                       "sock_send",
                       "sock_shutdown"};
  for (const char *N : All) {
    void *Code;
    FuncSig Sig;
    EXPECT_TRUE(lookupWasiFunction(N, Code, Sig)) << N;
  }
  EXPECT_EQ(getWasiFunctionNames().size(), std::size(All));
  void *Code;
  FuncSig Sig;
  ASSERT_TRUE(lookupWasiFunction("fd_seek", Code, Sig));
  EXPECT_EQ(Sig,
            (FuncSig{{ValType::I32, ValType::I64, ValType::I32, ValType::I32},
                     {ValType::I32}}));
  ASSERT_TRUE(lookupWasiFunction("proc_exit", Code, Sig));
  EXPECT_TRUE(Sig.Results.empty());
}

TEST(WasiTest, MissingPreopenIsAnError) {
  WasiOptions O;
  O.Preopens.push_back({"/nonexistent/dir", "/x"});
  std::string Err;
  EXPECT_FALSE(WasiContext::create(O, Err));
  EXPECT_NE(Err.find("/nonexistent/dir"), std::string::npos);
}
