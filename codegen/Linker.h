//===- Linker.h - Linking compiled modules with lld, in process -----------===//
#ifndef WASMAOT_CODEGEN_LINKER_H
#define WASMAOT_CODEGEN_LINKER_H

#include "codegen/Codegen.h"

#include <string>
#include <vector>

namespace wasmaot {

/// The targets this build can link executables for (it has their runtime and
/// C library), the host's first.
std::vector<std::string> getLinkableTargets();

struct LinkOptions {
  std::string Triple = getHostTriple();
  /// Where the runtime archives are, one folder per target triple:
  /// RuntimeLibDir/TRIPLE/libwasmaot-{rt,wasi,main}.a (for executables).
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

/// What `--emit=lib` and `--emit=shared` write.
enum class LibraryKind { StaticArchive, SharedObject };

/// Links the objects of a module compiled with its embedding glue, with the
/// embedding runtime, the runtime, the WASI host and the target's libstdc++
/// and libgcc, into one relocatable object whose symbols are all local but
/// NAME_* and the shared API (wasmaot_last_error, wasmaot_raise and their
/// state): every library carries its own runtime, invisible to the rest of
/// the program. That object becomes the archive's one member, or is linked
/// into a shared object. The output appears at OutputPath only on success.
bool linkEmbedLibrary(const std::vector<std::string> &ObjectPaths,
                      LibraryKind Kind, const std::string &Name,
                      const std::string &OutputPath, const LinkOptions &Opts,
                      std::string &Error);

} // namespace wasmaot

#endif
