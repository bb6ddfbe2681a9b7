//===- Linker.h - Linking compiled modules with lld, in process -----------===//
#ifndef WASMAOT_CODEGEN_LINKER_H
#define WASMAOT_CODEGEN_LINKER_H

#include <string>
#include <vector>

namespace wasmaot {

struct LinkOptions {
  std::string Triple = "x86_64-linux-gnu";
  /// Where libwasmaot-rt.a and libwasmaot-wasi.a are (for executables).
  std::string RuntimeLibDir;
};

/// Links objects into a static executable with the runtime and WASI host.
/// The output appears at OutputPath only if linking succeeded.
bool linkExecutable(const std::vector<std::string> &ObjectPaths,
                    const std::string &OutputPath, const LinkOptions &Opts,
                    std::string &Error);

/// Links objects into a shared library for the runtime to dlopen; their
/// references to runtime helpers are resolved by the loading process.
bool linkSharedLibrary(const std::vector<std::string> &ObjectPaths,
                       const std::string &OutputPath, const LinkOptions &Opts,
                       std::string &Error);

} // namespace wasmaot

#endif
