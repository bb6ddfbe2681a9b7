//===- Linker.cpp - lld, in process ---------------------------------------===//
#include "codegen/Linker.h"
#include "codegen/ToolchainPaths.h"

#include "lld/Common/Driver.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ObjCopy/CommonConfig.h"
#include "llvm/ObjCopy/ELF/ELFConfig.h"
#include "llvm/ObjCopy/ELF/ELFObjcopy.h"
#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
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

/// Runs lld on Args (which name the output).
static bool runLldArgs(const std::vector<std::string> &Args,
                       std::string &Error) {
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
    Error = "link failed: " + firstLine(Err);
    return false;
  }
  return true;
}

/// A new temporary file beside OutputPath, for writing it whole then
/// renaming it into place.
static bool createTempBeside(const std::string &OutputPath,
                             SmallString<256> &TempPath, std::string &Error) {
  SmallString<256> Model(OutputPath);
  Model += ".tmp%%%%%%";
  int FD;
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, TempPath)) {
    Error = "cannot write '" + OutputPath + "': " + EC.message();
    return false;
  }
  sys::Process::SafelyCloseFileDescriptor(FD);
  return true;
}

/// Data in a new temporary file beside OutputPath (removed again on
/// failure).
static bool writeTempBeside(const std::string &OutputPath, StringRef Data,
                            SmallString<256> &TempPath, std::string &Error) {
  if (!createTempBeside(OutputPath, TempPath, Error))
    return false;
  std::error_code EC;
  raw_fd_ostream OS(TempPath, EC);
  if (!EC) {
    OS << Data;
    OS.close();
  }
  if (EC || OS.has_error()) {
    Error = "cannot write '" + OutputPath +
            "': " + (EC ? EC : OS.error()).message();
    OS.clear_error();
    sys::fs::remove(TempPath);
    return false;
  }
  return true;
}

static bool renameIntoPlace(const SmallString<256> &TempPath,
                            const std::string &OutputPath, std::string &Error) {
  if (std::error_code EC = sys::fs::rename(TempPath, OutputPath)) {
    sys::fs::remove(TempPath);
    Error = "cannot write '" + OutputPath + "': " + EC.message();
    return false;
  }
  return true;
}

/// Runs lld on Args, writing to a temporary file beside OutputPath that is
/// renamed into place only on success: no half-written output is ever left.
static bool runLld(std::vector<std::string> Args, const std::string &OutputPath,
                   std::string &Error) {
  SmallString<256> TempPath;
  if (!createTempBeside(OutputPath, TempPath, Error))
    return false;
  Args.push_back("-o");
  Args.push_back(std::string(TempPath));
  if (!runLldArgs(Args, Error)) {
    sys::fs::remove(TempPath);
    return false;
  }
  return renameIntoPlace(TempPath, OutputPath, Error);
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

/// The toolchain files of Opts.Triple and the paths of the runtime
/// archives Libs; null with Error set when this build lacks either.
static const toolchain::TargetFiles *
findRuntime(const LinkOptions &Opts, const char *What,
            std::initializer_list<const char *> Libs,
            std::vector<std::string> &Paths, std::string &Error) {
  const toolchain::TargetFiles *TC = findTargetFiles(Opts.Triple);
  if (!TC) {
    std::string Built;
    for (const std::string &T : getLinkableTargets())
      Built += (Built.empty() ? "" : ", ") + T;
    Error = "this build of wasmaot cannot link " + std::string(What) +
            " for '" + Opts.Triple + "' (it has runtimes for: " + Built + ")";
    return nullptr;
  }
  for (const char *Lib : Libs) {
    SmallString<256> P(Opts.RuntimeLibDir);
    sys::path::append(P, Opts.Triple, Lib);
    if (!sys::fs::exists(P)) {
      Error = "runtime library not found: " + std::string(P);
      return nullptr;
    }
    Paths.push_back(std::string(P));
  }
  return TC;
}

bool linkExecutable(const std::vector<std::string> &ObjectPaths,
                    const std::string &OutputPath, const LinkOptions &Opts,
                    std::string &Error) {
  std::vector<std::string> Runtime;
  const toolchain::TargetFiles *TC =
      findRuntime(Opts, "executables",
                  {"libwasmaot-main.a", "libwasmaot-wasi.a", "libwasmaot-rt.a"},
                  Runtime, Error);
  if (!TC)
    return false;
  std::vector<std::string> Args = {
      "-m",
      getLinkerEmulation(Opts.Triple),
      "-static",
      "--gc-sections",
      "--build-id",
      // Wasm exceptions unwind through the module's code: the unwinder
      // finds its frame tables through PT_GNU_EH_FRAME.
      "--eh-frame-hdr",
      std::string("-L") + TC->GccDir,
      std::string("-L") + TC->LibcDir,
      TC->Crt1,
      TC->Crti,
      TC->CrtBeginT,
  };
  Args.insert(Args.end(), ObjectPaths.begin(), ObjectPaths.end());
  Args.insert(Args.end(), Runtime.begin(), Runtime.end());
  Args.insert(Args.end(), {
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
                                   "-shared", "--build-id", "--eh-frame-hdr"};
  Args.insert(Args.end(), ObjectPaths.begin(), ObjectPaths.end());
  return runLld(std::move(Args), OutputPath, Error);
}

/// Makes every defined symbol of the relocatable object Object local but
/// those Keep matches, and drops its COMDAT groups (two libraries'
/// private copies of one inline function must not be merged into one).
static bool localizeSymbols(const std::string &ObjectPath,
                            ArrayRef<std::string> Keep,
                            SmallVectorImpl<char> &Out, std::string &Error) {
  auto Buffer = MemoryBuffer::getFile(ObjectPath);
  if (!Buffer) {
    Error = "cannot read '" + ObjectPath + "': " + Buffer.getError().message();
    return false;
  }
  auto Obj = object::ObjectFile::createObjectFile((*Buffer)->getMemBufferRef());
  auto *Elf = Obj ? dyn_cast<object::ELFObjectFileBase>(Obj->get()) : nullptr;
  if (!Elf) {
    if (!Obj)
      consumeError(Obj.takeError());
    Error = "the partially linked library is not an ELF object";
    return false;
  }
  objcopy::CommonConfig Common;
  objcopy::ELFConfig ElfConfig;
  auto NoError = [](llvm::Error E) { return E; };
  auto AddMatcher = [&](objcopy::NameMatcher &M, StringRef Pattern) {
    return M.addMatcher(objcopy::NameOrPattern::create(
        Pattern, objcopy::MatchStyle::Wildcard, NoError));
  };
  for (const std::string &K : Keep)
    if (llvm::Error E = AddMatcher(Common.SymbolsToKeepGlobal, K)) {
      Error = toString(std::move(E));
      return false;
    }
  if (llvm::Error E = AddMatcher(Common.ToRemove, ".group")) {
    Error = toString(std::move(E));
    return false;
  }
  raw_svector_ostream OS(Out);
  if (llvm::Error E =
          objcopy::elf::executeObjcopyOnBinary(Common, ElfConfig, *Elf, OS)) {
    Error =
        "cannot make the library's symbols local: " + toString(std::move(E));
    return false;
  }
  return true;
}

bool linkEmbedLibrary(const std::vector<std::string> &ObjectPaths,
                      LibraryKind Kind, const std::string &Name,
                      const std::string &OutputPath, const LinkOptions &Opts,
                      std::string &Error) {
  std::vector<std::string> Runtime;
  const toolchain::TargetFiles *TC = findRuntime(
      Opts, "libraries",
      {"libwasmaot-embed.a", "libwasmaot-wasi.a", "libwasmaot-rt.a"}, Runtime,
      Error);
  if (!TC)
    return false;
  SmallString<256> Partial, Localized;
  if (!createTempBeside(OutputPath, Partial, Error))
    return false;
  auto Cleanup = make_scope_exit([&] {
    sys::fs::remove(Partial);
    if (!Localized.empty())
      sys::fs::remove(Localized);
  });
  // One relocatable object: the module, the runtime it needs and, privately,
  // the parts of libstdc++ and libgcc that the runtime uses. The C library
  // stays undefined: the program's own.
  std::vector<std::string> Args = {"-m", getLinkerEmulation(Opts.Triple), "-r",
                                   "-o", std::string(Partial)};
  Args.insert(Args.end(), ObjectPaths.begin(), ObjectPaths.end());
  Args.insert(Args.end(), Runtime.begin(), Runtime.end());
  SmallString<256> LibGcc(TC->GccDir), LibGccEh(TC->GccDir);
  sys::path::append(LibGcc, "libgcc.a");
  sys::path::append(LibGccEh, "libgcc_eh.a");
  Args.insert(Args.end(),
              {"--start-group", TC->LibStdCxx, std::string(LibGccEh),
               std::string(LibGcc), "--end-group"});
  if (!runLldArgs(Args, Error))
    return false;

  SmallVector<char, 0> Object;
  if (!localizeSymbols(std::string(Partial),
                       {Name + "_*", "wasmaot_last_error", "wasmaot_raise",
                        "wasmaot_embed_state_v1"},
                       Object, Error))
    return false;

  if (Kind == LibraryKind::SharedObject) {
    if (!writeTempBeside(OutputPath, StringRef(Object.data(), Object.size()),
                         Localized, Error))
      return false;
    return runLld({"-m", getLinkerEmulation(Opts.Triple), "-shared",
                   "--build-id", "--eh-frame-hdr", "-z", "noexecstack",
                   "-soname", std::string(sys::path::filename(OutputPath)),
                   std::string(Localized)},
                  OutputPath, Error);
  }

  std::string MemberName = Name + ".o";
  std::vector<NewArchiveMember> Members;
  Members.emplace_back(
      MemoryBufferRef(StringRef(Object.data(), Object.size()), MemberName));
  Expected<std::unique_ptr<MemoryBuffer>> Archive = writeArchiveToBuffer(
      Members, SymtabWritingMode::NormalSymtab, object::Archive::K_GNU,
      /*Deterministic=*/true, /*Thin=*/false);
  if (!Archive) {
    Error = "cannot write the archive: " + toString(Archive.takeError());
    return false;
  }
  SmallString<256> Temp;
  return writeTempBeside(OutputPath, (*Archive)->getBuffer(), Temp, Error) &&
         renameIntoPlace(Temp, OutputPath, Error);
}

} // namespace wasmaot
