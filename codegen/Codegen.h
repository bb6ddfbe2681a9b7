//===- Codegen.h - Optimising and emitting native code --------------------===//
#ifndef WASMAOT_CODEGEN_CODEGEN_H
#define WASMAOT_CODEGEN_CODEGEN_H

#include "llvm/IR/Module.h"

#include <string>

namespace wasmaot {

enum class EmitKind { Object, Assembly, LLVMIR, Bitcode };

struct CodegenOptions {
  std::string Triple = "x86_64-linux-gnu";
  std::string CPU;       // empty: the portable baseline; "native": this host
  std::string Features;  // e.g. "+sse4.2,+avx2"
  unsigned OptLevel = 2; // 0..3
};

/// Runs the -O pipeline and emits the module as Kind into Out. Returns false
/// and fills Error on failure (an unknown triple or CPU, say).
bool compileModule(llvm::Module &M, const CodegenOptions &Opts, EmitKind Kind,
                   std::string &Out, std::string &Error);

} // namespace wasmaot

#endif
