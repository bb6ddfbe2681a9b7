//===- Codegen.cpp - The -O pipeline and the TargetMachine ----------------===//
#include "codegen/Codegen.h"
#include "lowering/Passes.h"

#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

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
  PassBuilder PB(&TM, PTO);
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

bool compileModule(Module &M, const CodegenOptions &Opts, EmitKind Kind,
                   std::string &Out, std::string &Error) {
  std::unique_ptr<TargetMachine> TM = createTargetMachine(Opts, Error);
  if (!TM)
    return false;
  M.setTargetTriple(Opts.Triple);
  M.setDataLayout(TM->createDataLayout());

  // Lowering bugs must surface as errors here, not as miscompiled code.
  std::string VerifyErrors;
  raw_string_ostream VerifyOS(VerifyErrors);
  if (verifyModule(M, &VerifyOS)) {
    Error = "internal error: invalid LLVM IR: " + VerifyErrors.substr(0, 500);
    return false;
  }

  optimize(M, *TM, Opts.OptLevel);

  raw_string_ostream OS(Out);
  if (Kind == EmitKind::LLVMIR) {
    M.print(OS, nullptr);
    return true;
  }
  if (Kind == EmitKind::Bitcode) {
    WriteBitcodeToFile(M, OS);
    return true;
  }
  SmallString<0> Buffer;
  raw_svector_ostream BufferOS(Buffer);
  legacy::PassManager CodegenPM;
  CodeGenFileType FileType = Kind == EmitKind::Assembly
                                 ? CodeGenFileType::AssemblyFile
                                 : CodeGenFileType::ObjectFile;
  if (TM->addPassesToEmitFile(CodegenPM, BufferOS, nullptr, FileType)) {
    Error = "the target cannot emit this kind of file";
    return false;
  }
  CodegenPM.run(M);
  Out.assign(Buffer.begin(), Buffer.end());
  return true;
}

} // namespace wasmaot
