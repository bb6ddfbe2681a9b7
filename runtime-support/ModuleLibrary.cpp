//===- ModuleLibrary.cpp - A compiled module loaded from a shared library -===//
//
// Library mode (docs/design.md): the spec runner and the server load modules
// compiled with `-shared` into their own process. Alone in its file so that
// static executables, which never load a module, do not pull in dlopen.
//
//===----------------------------------------------------------------------===//
#include "wasmaot/Runtime.h"

#include <dlfcn.h>

namespace wasmaot {

const ModuleDescriptor *openModuleLibrary(const std::string &Path,
                                          void *&Handle, std::string &Error) {
  // RTLD_LOCAL: every module defines wasmaot_module, and its functions must
  // not bind to another module's.
  Handle = dlopen(Path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!Handle) {
    const char *Why = dlerror();
    Error = std::string("dlopen: ") + (Why ? Why : "failed");
    return nullptr;
  }
  auto *D =
      static_cast<const ModuleDescriptor *>(dlsym(Handle, DescriptorSymbol));
  if (!D) {
    Error = std::string("no ") + DescriptorSymbol + " in " + Path;
    dlclose(Handle);
    Handle = nullptr;
  }
  return D;
}

} // namespace wasmaot
