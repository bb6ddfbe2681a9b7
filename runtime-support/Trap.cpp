//===- Trap.cpp - Trap scopes, the fault handler, trap reports -----------===//
//
// Every entry into Wasm code goes through runGuarded, which sigsetjmp's into a
// thread-local TrapScope. wasmaot_trap, the SIGSEGV/SIGBUS handler, raiseTrap
// and exitGuest siglongjmp back to the innermost scope of the thread, so a
// trap ends only the current call and many threads each catch their own.
//
//===----------------------------------------------------------------------===//
#include "RuntimeInternal.h"

#include <algorithm>
#include <atomic>
#include <csetjmp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <pthread.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

using namespace wasmaot;

namespace {

/// What a trap or exit records before jumping back to runGuarded. Filled in
/// signal context too, so only plain stores and no allocation.
struct TrapScope {
  sigjmp_buf Buf;
  TrapScope *Prev = nullptr;
  Outcome::Status Status = Outcome::Status::Returned;
  TrapKind Kind = TrapKind::Unreachable;
  uint32_t ExitCode = 0;
  // From wasmaot_trap: the instance and the trapping instruction.
  Instance *Inst = nullptr;
  bool HasSite = false;
  uint32_t FuncIndex = 0;
  uint32_t WasmOffset = 0;
  // From the fault handler: where the PC was.
  bool FromSignal = false;
  uintptr_t PC = 0;
  // From raiseTrap.
  bool HasMessage = false;
  char Message[256];
};

thread_local TrapScope *CurrentScope = nullptr;
thread_local uintptr_t ThreadStackLow = 0;
thread_local uintptr_t ThreadStackLimit = 0;

/// The thread's alternate signal stack, so the handler runs even when the
/// fault is a stack overflow. Freed when the thread ends.
struct AltStack {
  void *Mem = nullptr;
  size_t Size = 0;
  bool Checked = false;
  ~AltStack() {
    if (!Mem)
      return;
    stack_t SS = {};
    SS.ss_flags = SS_DISABLE;
    sigaltstack(&SS, nullptr);
    munmap(Mem, Size);
  }
};
thread_local AltStack ThreadAltStack;

struct sigaction PrevSegv, PrevBus;

// The reservation table: writers take a lock, the fault handler only reads.
constexpr int MaxReservations = 16384;
std::atomic<uintptr_t> ResBegin[MaxReservations];
std::atomic<uintptr_t> ResEnd[MaxReservations];
std::atomic<uint32_t> ResKind[MaxReservations];
std::atomic<int> ResHighWater{0};
std::mutex ResLock;

/// The trap a fault at Addr is, when Addr lies in a registered range.
bool findReservation(uintptr_t Addr, TrapKind &Kind) {
  int N = ResHighWater.load(std::memory_order_acquire);
  for (int I = 0; I < N; ++I) {
    uintptr_t B = ResBegin[I].load(std::memory_order_acquire);
    if (B && Addr >= B && Addr < ResEnd[I].load(std::memory_order_relaxed)) {
      Kind = TrapKind(ResKind[I].load(std::memory_order_relaxed));
      return true;
    }
  }
  return false;
}

uintptr_t getPC(void *UC) {
  auto *Ctx = static_cast<ucontext_t *>(UC);
#if defined(__x86_64__)
  return uintptr_t(Ctx->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  return uintptr_t(Ctx->uc_mcontext.pc);
#else
#error "the fault handler needs the PC of this architecture's ucontext"
#endif
}

void handleFault(int Sig, siginfo_t *Info, void *UC) {
  TrapScope *S = CurrentScope;
  uintptr_t Addr = uintptr_t(Info->si_addr);
  if (S) {
    bool Ours = false;
    TrapKind Kind;
    if (findReservation(Addr, Kind)) {
      S->Kind = Kind;
      Ours = true;
    } else if (ThreadStackLow && Addr < ThreadStackLimit &&
               Addr + (1u << 20) >= ThreadStackLow) {
      // Within the headroom or the guard area just below the stack: an
      // overflow that no prologue check caught (a frame larger than the
      // headroom, or host code).
      S->Kind = TrapKind::CallStackExhausted;
      Ours = true;
    }
    if (Ours) {
      S->Status = Outcome::Status::Trapped;
      S->FromSignal = true;
      S->PC = getPC(UC);
      // SA_NODEFER left the signal unblocked, so jumping out of the handler
      // leaves the thread's mask as it was.
      siglongjmp(S->Buf, 1);
    }
  }
  // Not a Wasm trap: give it to whoever handled it before us, else let it
  // kill the process the usual way (returning re-executes the access).
  struct sigaction &Prev = Sig == SIGBUS ? PrevBus : PrevSegv;
  if ((Prev.sa_flags & SA_SIGINFO) && Prev.sa_sigaction) {
    Prev.sa_sigaction(Sig, Info, UC);
    return;
  }
  if (Prev.sa_handler != SIG_DFL && Prev.sa_handler != SIG_IGN &&
      Prev.sa_handler) {
    Prev.sa_handler(Sig);
    return;
  }
  signal(Sig, SIG_DFL);
  // A fault re-executes and now kills; a signal sent with kill() would not
  // come back by itself.
  if (Info->si_code <= 0)
    raise(Sig);
}

void installProcessHandlers() {
  struct sigaction SA = {};
  SA.sa_sigaction = handleFault;
  SA.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&SA.sa_mask);
  sigaction(SIGSEGV, &SA, &PrevSegv);
  sigaction(SIGBUS, &SA, &PrevBus);
}

void installAltStack() {
  AltStack &A = ThreadAltStack;
  if (A.Checked)
    return;
  A.Checked = true;
  stack_t Old;
  if (sigaltstack(nullptr, &Old) == 0 && !(Old.ss_flags & SS_DISABLE) &&
      Old.ss_size >= 32 * 1024)
    return; // someone (a language runtime) already gave this thread one
  size_t Size = 64 * 1024;
  void *Mem = mmap(nullptr, Size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (Mem == MAP_FAILED)
    return;
  stack_t SS = {};
  SS.ss_sp = Mem;
  SS.ss_size = Size;
  if (sigaltstack(&SS, nullptr) != 0) {
    munmap(Mem, Size);
    return;
  }
  A.Mem = Mem;
  A.Size = Size;
}

// Modules, for mapping a PC to a function.
struct ModuleEntry {
  const ModuleDescriptor *Desc;
  unsigned Refs;
  std::vector<std::pair<uintptr_t, uint32_t>> Code; // sorted by address
};
std::mutex ModulesLock;
std::vector<ModuleEntry> &getModules() {
  static auto *M = new std::vector<ModuleEntry>;
  return *M;
}

/// The defined function whose code starts closest below PC, over all live
/// modules. Function sizes are not in the descriptor, so this is a guess that
/// is right whenever the PC is in compiled code.
bool findFunction(uintptr_t PC, const ModuleDescriptor *&Desc,
                  uint32_t &DefinedIndex) {
  std::lock_guard<std::mutex> G(ModulesLock);
  uintptr_t BestDist = UINTPTR_MAX;
  for (const ModuleEntry &M : getModules()) {
    auto It = std::upper_bound(
        M.Code.begin(), M.Code.end(), PC,
        [](uintptr_t P, const std::pair<uintptr_t, uint32_t> &E) {
          return P < E.first;
        });
    if (It == M.Code.begin())
      continue;
    --It;
    if (PC - It->first < BestDist) {
      BestDist = PC - It->first;
      Desc = M.Desc;
      DefinedIndex = It->second;
    }
  }
  return BestDist != UINTPTR_MAX;
}

Outcome makeOutcome(const TrapScope &S) {
  Outcome O;
  O.S = S.Status;
  if (S.Status == Outcome::Status::Exited) {
    O.ExitCode = S.ExitCode;
    return O;
  }
  O.T.Kind = S.Kind;
  O.T.Message = S.HasMessage ? S.Message : getTrapMessage(S.Kind);
  if (S.HasSite && S.Inst) {
    O.T.Function = detail::describeFunction(S.Inst->descriptor(), S.FuncIndex);
    O.T.Offset = S.WasmOffset;
  } else if (S.FromSignal) {
    const ModuleDescriptor *D = nullptr;
    uint32_t Index = 0;
    if (findFunction(S.PC, D, Index)) {
      O.T.Function = detail::describeFunction(*D, D->NumImportedFuncs + Index);
      O.T.Offset = D->Functions[Index].CodeOffset;
    }
  }
  return O;
}

[[noreturn]] void jumpToScope(TrapScope *S) { siglongjmp(S->Buf, 1); }

} // namespace

//===----------------------------------------------------------------------===//
// Registries
//===----------------------------------------------------------------------===//

int detail::registerReservation(const void *Base, uint64_t Size,
                                TrapKind Kind) {
  std::lock_guard<std::mutex> G(ResLock);
  int N = ResHighWater.load(std::memory_order_relaxed);
  int Slot = -1;
  for (int I = 0; I < N && Slot < 0; ++I)
    if (!ResBegin[I].load(std::memory_order_relaxed))
      Slot = I;
  if (Slot < 0) {
    if (N == MaxReservations)
      return -1;
    Slot = N;
  }
  // End first, so the handler never sees a begin with a stale end.
  ResEnd[Slot].store(uintptr_t(Base) + Size, std::memory_order_relaxed);
  ResKind[Slot].store(uint32_t(Kind), std::memory_order_relaxed);
  ResBegin[Slot].store(uintptr_t(Base), std::memory_order_release);
  if (Slot == N)
    ResHighWater.store(N + 1, std::memory_order_release);
  return Slot;
}

void detail::unregisterReservation(int Slot) {
  if (Slot < 0)
    return;
  std::lock_guard<std::mutex> G(ResLock);
  ResBegin[Slot].store(0, std::memory_order_release);
}

void detail::registerModule(const ModuleDescriptor &D) {
  std::lock_guard<std::mutex> G(ModulesLock);
  for (ModuleEntry &M : getModules())
    if (M.Desc == &D) {
      ++M.Refs;
      return;
    }
  ModuleEntry E{&D, 1, {}};
  // A function of a module that makes tail calls has two entries: its
  // `tailcc` body and the C-convention one that calls it.
  for (uint64_t I = 0; I < D.NumFunctions; ++I) {
    E.Code.emplace_back(uintptr_t(D.Functions[I].Code), uint32_t(I));
    if (D.Functions[I].TailCode)
      E.Code.emplace_back(uintptr_t(D.Functions[I].TailCode), uint32_t(I));
  }
  std::sort(E.Code.begin(), E.Code.end());
  getModules().push_back(std::move(E));
}

void detail::unregisterModule(const ModuleDescriptor &D) {
  std::lock_guard<std::mutex> G(ModulesLock);
  auto &Ms = getModules();
  for (size_t I = 0; I < Ms.size(); ++I)
    if (Ms[I].Desc == &D && --Ms[I].Refs == 0) {
      Ms.erase(Ms.begin() + I);
      return;
    }
}

std::string detail::describeFunction(const ModuleDescriptor &D,
                                     uint64_t FuncIndex) {
  if (FuncIndex >= D.NumImportedFuncs &&
      FuncIndex - D.NumImportedFuncs < D.NumFunctions) {
    const char *Name = D.Functions[FuncIndex - D.NumImportedFuncs].Name;
    if (Name && *Name)
      return Name;
  }
  return "func[" + std::to_string(FuncIndex) + "]";
}

//===----------------------------------------------------------------------===//
// Public entry points
//===----------------------------------------------------------------------===//

std::string Trap::toString() const {
  if (Function.empty())
    return Message;
  char Buf[32];
  snprintf(Buf, sizeof(Buf), "+0x%llx", (unsigned long long)Offset);
  return Message + " in " + Function + Buf;
}

void wasmaot::installTrapHandlers() {
  static std::once_flag Once;
  std::call_once(Once, installProcessHandlers);
  installAltStack();
}

void *wasmaot::getThreadStackLimit() {
  if (!ThreadStackLimit) {
    pthread_attr_t Attr;
    void *Low = nullptr;
    size_t Size = 0;
    if (pthread_getattr_np(pthread_self(), &Attr) == 0) {
      pthread_attr_getstack(&Attr, &Low, &Size);
      pthread_attr_destroy(&Attr);
    }
    if (!Low) {
      // Unknown stack: estimate from here, leaving the default 8 MiB less a
      // margin (better a spurious "call stack exhausted" than a crash).
      uintptr_t Here = uintptr_t(__builtin_frame_address(0));
      Low = reinterpret_cast<void *>(Here - 7 * 1024 * 1024);
      Size = 7 * 1024 * 1024;
    }
    uint64_t Headroom = std::min<uint64_t>(StackHeadroom, Size / 2);
    ThreadStackLow = uintptr_t(Low);
    ThreadStackLimit = uintptr_t(Low) + Headroom;
  }
  return reinterpret_cast<void *>(ThreadStackLimit);
}

Outcome wasmaot::runGuarded(VMContext *Ctx, GuardedFn Fn, void *Data) {
  installTrapHandlers();
  void *Limit = getThreadStackLimit();
  if (Ctx)
    Ctx->StackLimit = Limit;
  TrapScope Scope;
  Scope.Prev = CurrentScope;
  // savemask = 0: no sigprocmask system call per entry. The handler runs with
  // SA_NODEFER, so no signal is left blocked by jumping out of it.
  if (sigsetjmp(Scope.Buf, 0) == 0) {
    CurrentScope = &Scope;
    Fn(Data);
    CurrentScope = Scope.Prev;
    return Outcome();
  }
  CurrentScope = Scope.Prev;
  return makeOutcome(Scope);
}

void wasmaot::raiseTrap(TrapKind Kind, const char *Message) {
  TrapScope *S = CurrentScope;
  if (!S) {
    fprintf(stderr, "wasmaot: trap: %s (outside any guarded call)\n",
            Message ? Message : getTrapMessage(Kind));
    abort();
  }
  S->Status = Outcome::Status::Trapped;
  S->Kind = Kind;
  if (Message) {
    S->HasMessage = true;
    snprintf(S->Message, sizeof(S->Message), "%s", Message);
  }
  jumpToScope(S);
}

void detail::raiseTrapAt(TrapKind Kind, const char *Message, Instance *Inst,
                         uint32_t FuncIndex, uint32_t WasmOffset) {
  TrapScope *S = CurrentScope;
  if (!S) {
    fprintf(stderr, "wasmaot: trap: %s (outside any guarded call)\n", Message);
    abort();
  }
  S->Status = Outcome::Status::Trapped;
  S->Kind = Kind;
  S->HasMessage = true;
  snprintf(S->Message, sizeof(S->Message), "%s", Message);
  S->Inst = Inst;
  S->HasSite = Inst != nullptr;
  S->FuncIndex = FuncIndex;
  S->WasmOffset = WasmOffset;
  jumpToScope(S);
}

void wasmaot::exitGuest(uint32_t Code) {
  TrapScope *S = CurrentScope;
  if (!S)
    exit(int(Code));
  S->Status = Outcome::Status::Exited;
  S->ExitCode = Code;
  jumpToScope(S);
}

extern "C" void wasmaot_trap(VMContext *Ctx, uint32_t Kind, uint32_t FuncIndex,
                             uint32_t WasmOffset) {
  TrapScope *S = CurrentScope;
  if (!S) {
    fprintf(stderr, "wasmaot: trap: %s (outside any guarded call)\n",
            getTrapMessage(TrapKind(Kind)));
    abort();
  }
  S->Status = Outcome::Status::Trapped;
  S->Kind = TrapKind(Kind);
  S->Inst = Ctx ? Ctx->Owner : nullptr;
  S->HasSite = true;
  S->FuncIndex = FuncIndex;
  S->WasmOffset = WasmOffset;
  jumpToScope(S);
}
