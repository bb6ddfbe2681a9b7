//===- FrontendFuzzer.cpp - Any bytes through the frontend ---------------===//
//
// Whatever the bytes, loading must return (no crash, no hang, no unbounded
// allocation), and a rejection must point inside the input.
//
//===----------------------------------------------------------------------===//
#include "frontend/Frontend.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  wasmaot::Module M;
  wasmaot::Diagnostic Diag;
  if (wasmaot::loadModule(std::vector<uint8_t>(Data, Data + Size), M, Diag)) {
    // A valid module decodes again, body by body, as lowering will ask.
    for (uint32_t F = M.NumImportedFuncs; F < M.getNumFuncs(); ++F)
      if (!wasmaot::decodeFunction(M, F, nullptr, Diag))
        std::abort();
    return 0;
  }
  if (Diag.Message.empty() || Diag.Offset > Size)
    std::abort();
  return 0;
}
