//===- Codegen.cpp - The -O pipeline and the TargetMachine ----------------===//
#include "codegen/Codegen.h"
#include "codegen/LargeFunctionPolicy.h"
#include "codegen/ModuleSplitter.h"
#include "codegen/ToolchainPaths.h"
#include "lowering/Passes.h"

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <algorithm>
#include <atomic>
#include <mutex>

using namespace llvm;

namespace wasmaot {

static void initializeTargets() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    InitializeAllTargetInfos();
    InitializeAllTargets();
    InitializeAllTargetMCs();
    InitializeAllAsmPrinters();
    InitializeAllAsmParsers();
  });
}

static OptimizationLevel getOptimizationLevel(unsigned Level) {
  switch (Level) {
  case 0:
    return OptimizationLevel::O0;
  case 1:
    return OptimizationLevel::O1;
  case 2:
    return OptimizationLevel::O2;
  default:
    return OptimizationLevel::O3;
  }
}

static CodeGenOptLevel getCodeGenOptLevel(unsigned Level) {
  switch (Level) {
  case 0:
    return CodeGenOptLevel::None;
  case 1:
    return CodeGenOptLevel::Less;
  case 2:
    return CodeGenOptLevel::Default;
  default:
    return CodeGenOptLevel::Aggressive;
  }
}

const char *getHostTriple() { return toolchain::HostTriple; }

/// "native" means this host's CPU and all of its features; otherwise the CPU
/// is taken as given, and an empty one is the triple's portable baseline.
static void resolveCPU(const CodegenOptions &Opts, std::string &CPU,
                       std::string &Features) {
  Features = Opts.Features;
  if (Opts.CPU != "native") {
    CPU = Opts.CPU.empty() ? "generic" : Opts.CPU;
    if (CPU == "generic" && Triple(Opts.Triple).getArch() == Triple::x86_64)
      CPU = "x86-64";
    return;
  }
  CPU = sys::getHostCPUName().str();
  std::string HostFeatures;
  for (const auto &[Name, Enabled] : sys::getHostCPUFeatures())
    HostFeatures += (HostFeatures.empty() ? "" : ",") +
                    std::string(Enabled ? "+" : "-") + Name.str();
  Features = Features.empty() ? HostFeatures : HostFeatures + "," + Features;
}

static std::unique_ptr<TargetMachine>
createTargetMachine(const CodegenOptions &Opts, std::string &Error) {
  initializeTargets();
  const Target *T = TargetRegistry::lookupTarget(Opts.Triple, Error);
  if (!T) {
    Error = "unknown target '" + Opts.Triple + "': " + Error;
    return nullptr;
  }
  std::string CPU, Features;
  resolveCPU(Opts, CPU, Features);
  // Checked first, so that LLVM does not print its own warning for a bad CPU.
  std::unique_ptr<MCSubtargetInfo> STI(
      T->createMCSubtargetInfo(Opts.Triple, CPU, Features));
  if (!STI || !STI->isCPUStringValid(CPU)) {
    Error = "unknown CPU '" + CPU + "' for target '" + Opts.Triple + "'";
    return nullptr;
  }
  TargetOptions TO;
  // Wasm float semantics are exact IEEE with round-to-nearest: never fuse.
  TO.AllowFPOpFusion = FPOpFusion::Strict;
  auto TM = std::unique_ptr<TargetMachine>(
      T->createTargetMachine(Opts.Triple, CPU, Features, TO, Reloc::PIC_,
                             std::nullopt, getCodeGenOptLevel(Opts.OptLevel)));
  if (!TM) {
    Error = "cannot create a target machine for '" + Opts.Triple + "'";
    return nullptr;
  }
  return TM;
}

// IndVarSimplify widens an i32 recurrence that a loop also zero-extends (every
// Wasm address is zext(i32)) to i64, and rewrites the zext and the exit test
// as `and i64 %iv, 0xffffffff`. SCEV cannot count the trips of such a loop,
// so neither the loop vectorizer nor WasmAddressVersioningPass can handle it:
// clang's wasm loops, which count an i32 from -4 * N up to 0, stayed scalar.
// Left narrow, zext({C, +, 8}) is an i64 recurrence with a known trip count.
static void keepInductionVariablesNarrow() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    auto &Options = cl::getRegisteredOptions();
    auto It = Options.find("indvars-widen-indvars");
    if (It != Options.end())
      static_cast<cl::opt<bool> *>(It->second)->setValue(false);
  });
}

static void optimize(Module &M, TargetMachine &TM, unsigned Level) {
  keepInductionVariablesNarrow();
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  PipelineTuningOptions PTO;
  PTO.LoopVectorization = Level >= 2;
  PTO.SLPVectorization = Level >= 2;
  PassInstrumentationCallbacks PIC;
  LargeFunctionPolicy Policy;
  Policy.registerCallbacks(PIC);
  PassBuilder PB(&TM, PTO, std::nullopt, &PIC);
  registerWasmPipelineHooks(PB);
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  ModulePassManager MPM =
      Level == 0
          ? PB.buildO0DefaultPipeline(OptimizationLevel::O0)
          : PB.buildPerModuleDefaultPipeline(getOptimizationLevel(Level));
  MPM.run(M, MAM);
}

/// Checks M before anything runs on it: lowering bugs must surface as errors
/// here, not as miscompiled code.
static bool verifyLowered(const Module &M, std::string &Error) {
  std::string VerifyErrors;
  raw_string_ostream VerifyOS(VerifyErrors);
  if (!verifyModule(M, &VerifyOS))
    return true;
  Error = "internal error: invalid LLVM IR: " + VerifyErrors.substr(0, 500);
  return false;
}

/// Emits optimised M as an object or assembly file into Out.
static bool emitNative(Module &M, TargetMachine &TM, EmitKind Kind,
                       std::string &Out, std::string &Error) {
  SmallString<0> Buffer;
  raw_svector_ostream BufferOS(Buffer);
  legacy::PassManager CodegenPM;
  CodeGenFileType FileType = Kind == EmitKind::Assembly
                                 ? CodeGenFileType::AssemblyFile
                                 : CodeGenFileType::ObjectFile;
  if (TM.addPassesToEmitFile(CodegenPM, BufferOS, nullptr, FileType)) {
    Error = "the target cannot emit this kind of file";
    return false;
  }
  CodegenPM.run(M);
  Out.assign(Buffer.begin(), Buffer.end());
  return true;
}

/// Gives M the triple and data layout of TM.
static void setTarget(Module &M, const CodegenOptions &Opts,
                      const TargetMachine &TM) {
  M.setTargetTriple(Opts.Triple);
  M.setDataLayout(TM.createDataLayout());
}

/// Whether M has `tailcc` functions (a module that makes tail calls). LLVM
/// 19's AArch64 -O0 code generation gets calls whose callee pops stack
/// arguments wrong (GlobalISel and the fast register allocator reload
/// sp-relative spills before sp is readjusted; FastISel never readjusts it),
/// so such a module is generated as -O1 does on AArch64 even at -O0. The IR
/// is not optimised either way.
static bool usesTailConvention(const Module &M) {
  return any_of(M.functions(), [](const Function &F) {
    return F.getCallingConv() == CallingConv::Tail;
  });
}

/// Optimises M and writes it as Kind into Out.
static bool optimizeAndEmit(Module &M, TargetMachine &TM, unsigned OptLevel,
                            EmitKind Kind, std::string &Out,
                            std::string &Error) {
  markHugeFunctions(M);
  if (OptLevel == 0 && TM.getTargetTriple().isAArch64() &&
      usesTailConvention(M))
    TM.setOptLevel(CodeGenOptLevel::Less);
  optimize(M, TM, OptLevel);
  raw_string_ostream OS(Out);
  if (Kind == EmitKind::LLVMIR) {
    M.print(OS, nullptr);
    return true;
  }
  if (Kind == EmitKind::Bitcode) {
    WriteBitcodeToFile(M, OS);
    return true;
  }
  return emitNative(M, TM, Kind, Out, Error);
}

/// Parses one part of a split module into a context of its own, optimises it
/// and emits it: everything a worker thread does.
static bool compilePart(StringRef Bitcode, const CodegenOptions &Opts,
                        EmitKind Kind, std::string &Out, std::string &Error) {
  LLVMContext Ctx;
  Expected<std::unique_ptr<Module>> Part =
      parseBitcodeFile(MemoryBufferRef(Bitcode, "part"), Ctx);
  if (!Part) {
    Error = "internal error: a module part does not parse: " +
            toString(Part.takeError());
    return false;
  }
  std::unique_ptr<TargetMachine> TM = createTargetMachine(Opts, Error);
  return TM && optimizeAndEmit(**Part, *TM, Opts.OptLevel, Kind, Out, Error);
}

/// Compiles the parts on a pool of Jobs threads, largest first so that the
/// longest job never starts last. The first part's error, if any, wins.
static bool compileParts(const std::vector<SmallString<0>> &Parts,
                         const CodegenOptions &Opts, EmitKind Kind,
                         std::vector<std::string> &Outputs,
                         std::string &Error) {
  Outputs.assign(Parts.size(), std::string());
  std::vector<std::string> Errors(Parts.size());
  std::vector<char> Failed(Parts.size(), 0);
  std::vector<size_t> Order(Parts.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return Parts[A].size() != Parts[B].size()
               ? Parts[A].size() > Parts[B].size()
               : A < B;
  });
  {
    std::atomic<unsigned> Done{0};
    DefaultThreadPool Pool(hardware_concurrency(Opts.Jobs));
    for (size_t I : Order)
      Pool.async([&, I] {
        Failed[I] = !compilePart(Parts[I], Opts, Kind, Outputs[I], Errors[I]);
        if (Opts.OnPartDone)
          Opts.OnPartDone(++Done, unsigned(Parts.size()));
      });
    Pool.wait();
  }
  for (size_t I = 0; I < Parts.size(); ++I)
    if (Failed[I]) {
      Error = Errors[I];
      return false;
    }
  return true;
}

bool compileModule(Module &M, const CodegenOptions &Opts, EmitKind Kind,
                   std::vector<std::string> &Outputs, std::string &Error) {
  std::unique_ptr<TargetMachine> TM = createTargetMachine(Opts, Error);
  if (!TM)
    return false;
  setTarget(M, Opts, *TM);
  if (!verifyLowered(M, Error))
    return false;
  unsigned NumParts = Opts.Parts ? Opts.Parts : choosePartCount(M);
  if (NumParts <= 1) {
    Outputs.resize(1);
    bool Ok = optimizeAndEmit(M, *TM, Opts.OptLevel, Kind, Outputs[0], Error);
    if (Ok && Opts.OnPartDone)
      Opts.OnPartDone(1, 1);
    return Ok;
  }
  return compileParts(splitModule(M, NumParts), Opts, Kind, Outputs, Error);
}

} // namespace wasmaot
