//===- Linker.cpp - lld, in process ---------------------------------------===//
#include "codegen/Linker.h"
#include "codegen/ToolchainPaths.h"

#include "lld/Common/Driver.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

LLD_HAS_DRIVER(elf)

using namespace llvm;

namespace wasmaot {

/// The first line of what lld said, which names the problem.
static std::string firstLine(const std::string &Text) {
  std::string Line = Text.substr(0, Text.find('\n'));
  constexpr std::string_view Prefix = "ld.lld: ";
  if (Line.compare(0, Prefix.size(), Prefix) == 0)
    Line.erase(0, Prefix.size());
  return Line;
}

/// Runs lld on Args, writing to a temporary file beside OutputPath that is
/// renamed into place only on success: no half-written output is ever left.
static bool runLld(std::vector<std::string> Args, const std::string &OutputPath,
                   std::string &Error) {
  SmallString<256> TempPath;
  SmallString<256> Model(OutputPath);
  Model += ".tmp%%%%%%";
  int FD;
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, TempPath)) {
    Error = "cannot write '" + OutputPath + "': " + EC.message();
    return false;
  }
  sys::Process::SafelyCloseFileDescriptor(FD);
  Args.push_back("-o");
  Args.push_back(std::string(TempPath));

  std::vector<const char *> Argv;
  Argv.push_back("ld.lld");
  for (const std::string &A : Args)
    Argv.push_back(A.c_str());

  std::string Out, Err;
  raw_string_ostream OutOS(Out), ErrOS(Err);
  // lld keeps global state during a link; one at a time in this process.
  static std::mutex LinkMutex;
  lld::Result R;
  {
    std::lock_guard<std::mutex> Lock(LinkMutex);
    R = lld::lldMain(Argv, OutOS, ErrOS, {{lld::Gnu, &lld::elf::link}});
  }
  if (R.retCode != 0) {
    sys::fs::remove(TempPath);
    Error = "link failed: " + firstLine(Err);
    return false;
  }
  if (std::error_code EC = sys::fs::rename(TempPath, OutputPath)) {
    sys::fs::remove(TempPath);
    Error = "cannot write '" + OutputPath + "': " + EC.message();
    return false;
  }
  return true;
}

std::vector<std::string> getLinkableTargets() {
  std::vector<std::string> Triples;
  for (const toolchain::TargetFiles &T : toolchain::Targets)
    Triples.push_back(T.Triple);
  return Triples;
}

/// The C toolchain files of Triple, or null when this build has none.
static const toolchain::TargetFiles *
findTargetFiles(const std::string &Triple) {
  for (const toolchain::TargetFiles &T : toolchain::Targets)
    if (Triple == T.Triple)
      return &T;
  return nullptr;
}

/// lld's emulation (-m) for Triple.
static const char *getLinkerEmulation(const std::string &Triple) {
  return Triple.rfind("aarch64", 0) == 0 ? "aarch64linux" : "elf_x86_64";
}

bool linkExecutable(const std::vector<std::string> &ObjectPaths,
                    const std::string &OutputPath, const LinkOptions &Opts,
                    std::string &Error) {
  const toolchain::TargetFiles *TC = findTargetFiles(Opts.Triple);
  if (!TC) {
    std::string Built;
    for (const std::string &T : getLinkableTargets())
      Built += (Built.empty() ? "" : ", ") + T;
    Error = "this build of wasmaot cannot link executables for '" +
            Opts.Triple + "' (it has runtimes for: " + Built + ")";
    return false;
  }
  auto RuntimeLib = [&](const char *Name) {
    SmallString<256> P(Opts.RuntimeLibDir);
    sys::path::append(P, Opts.Triple, Name);
    return std::string(P);
  };
  for (const char *Lib :
       {"libwasmaot-main.a", "libwasmaot-wasi.a", "libwasmaot-rt.a"}) {
    if (!sys::fs::exists(RuntimeLib(Lib))) {
      Error = "runtime library not found: " + RuntimeLib(Lib);
      return false;
    }
  }
  std::vector<std::string> Args = {
      "-m",
      getLinkerEmulation(Opts.Triple),
      "-static",
      "--gc-sections",
      "--build-id",
      std::string("-L") + TC->GccDir,
      std::string("-L") + TC->LibcDir,
      TC->Crt1,
      TC->Crti,
      TC->CrtBeginT,
  };
  Args.insert(Args.end(), ObjectPaths.begin(), ObjectPaths.end());
  Args.insert(Args.end(), {
                              RuntimeLib("libwasmaot-main.a"),
                              RuntimeLib("libwasmaot-wasi.a"),
                              RuntimeLib("libwasmaot-rt.a"),
                              TC->LibStdCxx,
                              "-lm",
                              "--start-group",
                              "-lgcc",
                              "-lgcc_eh",
                              "-lc",
                              "--end-group",
                              TC->CrtEnd,
                              TC->Crtn,
                          });
  return runLld(std::move(Args), OutputPath, Error);
}

bool linkSharedLibrary(const std::vector<std::string> &ObjectPaths,
                       const std::string &OutputPath, const LinkOptions &Opts,
                       std::string &Error) {
  std::vector<std::string> Args = {"-m", getLinkerEmulation(Opts.Triple),
                                   "-shared", "--build-id"};
  Args.insert(Args.end(), ObjectPaths.begin(), ObjectPaths.end());
  return runLld(std::move(Args), OutputPath, Error);
}

} // namespace wasmaot
