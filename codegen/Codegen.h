//===- Codegen.h - Optimising and emitting native code --------------------===//
#ifndef WASMAOT_CODEGEN_CODEGEN_H
#define WASMAOT_CODEGEN_CODEGEN_H

#include "llvm/IR/Module.h"

#include <functional>
#include <string>
#include <vector>

namespace wasmaot {

/// The triple wasmaot was built for, and so the default target.
const char *getHostTriple();

enum class EmitKind { Object, Assembly, LLVMIR, Bitcode };

struct CodegenOptions {
  std::string Triple = getHostTriple();
  std::string CPU;       // empty: the portable baseline; "native": this host
  std::string Features;  // e.g. "+sse4.2,+avx2"
  unsigned OptLevel = 2; // 0..3
  /// Threads that compile the parts of a split module; 0: one per core. Never
  /// changes the code, only how fast it is made.
  unsigned Jobs = 0;
  /// Parts to split the module into; 0: by its size (choosePartCount).
  unsigned Parts = 0;
  /// Called (from any thread) each time a part has been compiled, with the
  /// parts done so far and their total; an unsplit module is one part.
  std::function<void(unsigned Done, unsigned Total)> OnPartDone;
};

/// Runs the -O pipeline and emits M as Kind into Outputs: one output, or one
/// per part when M is split (Opts.Parts, or by its size: see
/// codegen/ModuleSplitter.h), the parts compiled on Opts.Jobs threads.
/// Returns false and fills Error on failure (an unknown triple or CPU, say).
/// M is changed.
bool compileModule(llvm::Module &M, const CodegenOptions &Opts, EmitKind Kind,
                   std::vector<std::string> &Outputs, std::string &Error);

} // namespace wasmaot

#endif
