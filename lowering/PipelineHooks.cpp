//===- PipelineHooks.cpp - Where the wasm passes go in LLVM's pipelines ---===//
#include "lowering/Passes.h"

#include "llvm/Passes/PassBuilder.h"

using namespace llvm;

namespace wasmaot {

void registerWasmPipelineHooks(PassBuilder &PB) {
  // Right before the vectorizers: loops whose i32 addresses cannot wrap get
  // i64 addresses that the vectorizers can compare.
  PB.registerVectorizerStartEPCallback(
      [](FunctionPassManager &FPM, OptimizationLevel L) {
        if (L.getSpeedupLevel() >= 2)
          FPM.addPass(WasmAddressVersioningPass());
      });
  // After the SLP vectorizer, which runs late in the optimizer pipeline:
  // reductions it left inside loops get vector accumulators.
  PB.registerOptimizerLastEPCallback([](ModulePassManager &MPM,
                                        OptimizationLevel L) {
    if (L.getSpeedupLevel() >= 2)
      MPM.addPass(
          createModuleToFunctionPassAdaptor(WasmVectorAccumulatorPass()));
    // Last of all, at every level: interrupt checks (only in functions
    // lowered with --interruptible) must not stop any optimization.
    MPM.addPass(createModuleToFunctionPassAdaptor(WasmInterruptChecksPass()));
  });
}

} // namespace wasmaot
