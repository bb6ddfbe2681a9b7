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

bool linkExecutable(const std::vector<std::string> &ObjectPaths,
                    const std::string &OutputPath, const LinkOptions &Opts,
                    std::string &Error) {
  if (Opts.Triple.rfind("x86_64", 0) != 0) {
    Error =
        "linking executables for '" + Opts.Triple + "' is not supported yet";
    return false;
  }
  auto RuntimeLib = [&](const char *Name) {
    SmallString<256> P(Opts.RuntimeLibDir);
    sys::path::append(P, Name);
    return std::string(P);
  };
  for (const char *Lib :
       {"libwasmaot-main.a", "libwasmaot-wasi.a", "libwasmaot-rt.a"}) {
    if (!sys::fs::exists(RuntimeLib(Lib))) {
      Error = "runtime library not found: " + RuntimeLib(Lib);
      return false;
    }
  }
  namespace tc = toolchain;
  std::vector<std::string> Args = {
      "-m",
      "elf_x86_64",
      "-static",
      "--gc-sections",
      "--build-id",
      std::string("-L") + tc::X86_64GccDir,
      std::string("-L") + tc::X86_64LibcDir,
      tc::X86_64Crt1,
      tc::X86_64Crti,
      tc::X86_64CrtBeginT,
  };
  Args.insert(Args.end(), ObjectPaths.begin(), ObjectPaths.end());
  Args.insert(Args.end(), {
                              RuntimeLib("libwasmaot-main.a"),
                              RuntimeLib("libwasmaot-wasi.a"),
                              RuntimeLib("libwasmaot-rt.a"),
                              tc::X86_64LibStdCxx,
                              "-lm",
                              "--start-group",
                              "-lgcc",
                              "-lgcc_eh",
                              "-lc",
                              "--end-group",
                              tc::X86_64CrtEnd,
                              tc::X86_64Crtn,
                          });
  return runLld(std::move(Args), OutputPath, Error);
}

bool linkSharedLibrary(const std::vector<std::string> &ObjectPaths,
                       const std::string &OutputPath, const LinkOptions &Opts,
                       std::string &Error) {
  std::vector<std::string> Args = {"-shared", "--build-id"};
  Args.insert(Args.end(), ObjectPaths.begin(), ObjectPaths.end());
  if (Opts.Triple.rfind("aarch64", 0) == 0) {
    Args.insert(Args.begin(), {"-m", "aarch64linux"});
  } else {
    Args.insert(Args.begin(), {"-m", "elf_x86_64"});
  }
  return runLld(std::move(Args), OutputPath, Error);
}

} // namespace wasmaot
