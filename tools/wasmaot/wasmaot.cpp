//===- wasmaot.cpp - The command-line tool --------------------------------===//
//
// Thin: parses the command line with CLI11 and calls the driver. Exit codes:
// 0 success, 1 any error of wasmaot's own (see docs/design.md); `run` ends with
// the guest's own exit code (134 for a trap).
//
//===----------------------------------------------------------------------===//
#include "server/Server.h"
#include "tools/Commit.h"
#include "tools/driver/Driver.h"
#include "tools/wasmaot/CompileProgress.h"
#include "tools/wasmaot/Inspect.h"
#include "wasi-libhost/GrantChannel.h"
#include "wasi-libhost/Quantities.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <unistd.h>

extern char **environ;

using namespace wasmaot;
using llvm::SmallString;

namespace {

constexpr int ExitError = 1;

int fail(const DriverError &Err) {
  fprintf(stderr, "%s\n", Err.format().c_str());
  return ExitError;
}

int fail(const std::string &Message) {
  return fail(DriverError{"", std::nullopt, Message});
}

/// What `compile` and `run` share: how to compile and what to grant.
struct BuildArgs {
  std::string Input;
  std::string Bounds = "guard";
  unsigned OptLevel = 2;
  std::string Target = getHostTriple();
  std::string CPU;
  std::string Features;
  unsigned Jobs = 0;  // 0: one thread per core
  unsigned Parts = 0; // 0: by the module's size
  std::vector<std::string> Env;
  std::vector<std::string> Dirs;
  bool Interruptible = false;
  wasmaot::Features Enabled;
};

struct RunArgs : BuildArgs {
  std::string Timeout; // empty: none
};

struct CompileArgs : BuildArgs {
  std::string Output;
  std::string Emit = "exe";
  std::string Name;   // --emit=lib|shared: the C prefix (default: the input's)
  std::string Header; // --emit=lib|shared: NAME.h (default: beside Output)
};

std::string checkEnvGrant(const std::string &S) {
  return S.find('=') == std::string::npos || S.front() == '='
             ? "expected NAME=VALUE, got '" + escapeGrant(S) + "'"
             : std::string();
}

std::string checkDirGrant(const std::string &S) {
  std::string Host = S.substr(0, S.find("::"));
  return Host.empty() ? "expected HOST[::GUEST], got '" + escapeGrant(S) + "'"
                      : std::string();
}

/// `--disable-FEATURE` for each feature beyond Wasm 2.0 (wabt's names).
void addFeatureFlags(CLI::App &Cmd, Features &F) {
  for (std::string_view Name : Features::names()) {
    std::string N(Name);
    Cmd.add_flag_callback(
        "--disable-" + N, [&F, N] { F.set(N, false); },
        "Refuse modules that use " + N + " (on by default)");
  }
}

void addBuildOptions(CLI::App &Cmd, BuildArgs &A) {
  addFeatureFlags(Cmd, A.Enabled);
  Cmd.add_option("--bounds-checks", A.Bounds,
                 "guard: a guard-page reservation and no compares; explicit: "
                 "a compare before each access")
      ->check(CLI::IsMember({"guard", "explicit"}));
  Cmd.add_option("-O,--opt-level", A.OptLevel, "Optimisation level 0..3")
      ->check(CLI::Range(0u, 3u));
  Cmd.add_option("--target", A.Target,
                 "Target triple (default: this host's, " +
                     std::string(getHostTriple()) + ")")
      ->check(CLI::IsMember({"x86_64-linux-gnu", "aarch64-linux-gnu"}));
  Cmd.add_option("--cpu", A.CPU,
                 "Target CPU, e.g. skylake or neoverse-n1 ('native' for this "
                 "host; default: the portable baseline of the target, x86-64 "
                 "or generic ARMv8-A)");
  Cmd.add_option("--features", A.Features,
                 "Target features, e.g. +sse4.2,+avx2 or +lse,+crc");
  Cmd.add_option("-j,--jobs", A.Jobs,
                 "Threads that compile the parts of a large module (default: "
                 "one per core); the output is the same for every value")
      ->check(CLI::Range(1u, 256u));
  Cmd.add_option("--parts", A.Parts,
                 "Split the module into this many parts, compiled in parallel "
                 "(--emit=exe, asm or llvm; default: by its size for exe, "
                 "else 1)")
      ->check(CLI::Range(1u, 256u));
  Cmd.add_flag("--interruptible", A.Interruptible,
               "Let the code be stopped from outside: functions poll a page "
               "on entry and on every loop trip (what run --timeout and the "
               "server use; off by default, it costs a little speed)");
  Cmd.add_option("--env", A.Env,
                 "NAME=VALUE: an environment variable the guest sees; repeat "
                 "for more")
      ->allow_extra_args(false)
      ->check(checkEnvGrant);
  Cmd.add_option("--dir", A.Dirs,
                 "HOST[::GUEST]: a host directory the guest may use, seen by "
                 "it as GUEST (default: HOST); repeat for more")
      ->allow_extra_args(false)
      ->check(checkDirGrant);
}

/// Why the target options cannot be used together, or empty: `native` names
/// this host's CPU, which belongs to the host's target only.
std::string checkTargetOptions(const BuildArgs &A) {
  if (A.CPU == "native" && A.Target != getHostTriple())
    return "--cpu native names this host's CPU (" +
           std::string(getHostTriple()) + "), not one of " + A.Target +
           ": name the CPU, e.g. --cpu neoverse-n1";
  return "";
}

CompileOptions getCompileOptions(const BuildArgs &A) {
  CompileOptions Opts;
  Opts.Enabled = A.Enabled;
  Opts.Lowering.Bounds =
      A.Bounds == "guard" ? BoundsChecks::Guard : BoundsChecks::Explicit;
  Opts.Lowering.Interruptible = A.Interruptible;
  Opts.Codegen.Triple = A.Target;
  Opts.Codegen.CPU = A.CPU;
  Opts.Codegen.Features = A.Features;
  Opts.Codegen.OptLevel = A.OptLevel;
  Opts.Codegen.Jobs = A.Jobs;
  Opts.Codegen.Parts = A.Parts;
  return Opts;
}

/// Decodes and validates the input into M. An executable's imports must all
/// be WASI functions; other kinds may import anything (they are linked
/// elsewhere).
bool loadInputBytes(const BuildArgs &A, std::vector<uint8_t> Bytes,
                    bool ForExecutable, Module &M, DriverError &Err) {
  return loadWasm(A.Input, std::move(Bytes), M, Err, A.Enabled) &&
         (!ForExecutable || checkExecutableImports(A.Input, M, Err));
}

bool loadInput(const BuildArgs &A, bool ForExecutable, Module &M,
               DriverError &Err) {
  std::vector<uint8_t> Bytes;
  return readModuleFile(A.Input, Bytes, Err) &&
         loadInputBytes(A, std::move(Bytes), ForExecutable, M, Err);
}

/// Compiles M and links it at Output: into an executable with the runtime, or
/// into a shared library for a process that carries the runtime.
bool buildLinked(const Module &M, const BuildArgs &A,
                 const CompileOptions &Opts, LinkKind Kind,
                 const std::string &Output, const char *Argv0,
                 DriverError &Err) {
  std::vector<std::string> Objects;
  if (!compileWasm(A.Input, M, Opts, EmitKind::Object, Objects, Err))
    return false;
  LinkOptions Link;
  Link.Triple = A.Target;
  Link.RuntimeLibDir = getDefaultRuntimeLibDir(Argv0);
  return linkObjects(Objects, Kind, Output, Link, Err);
}

/// The text outputs of a split module, each headed by a line that starts with
/// Comment.
std::string joinParts(const std::vector<std::string> &Outputs,
                      const std::string &Comment) {
  if (Outputs.size() == 1)
    return Outputs[0];
  std::string Joined;
  for (size_t I = 0; I < Outputs.size(); ++I)
    Joined += Comment + " wasmaot part " + std::to_string(I + 1) + " of " +
              std::to_string(Outputs.size()) + "\n" + Outputs[I];
  return Joined;
}

bool isLibraryEmit(const std::string &Emit) {
  return Emit == "lib" || Emit == "shared";
}

/// Where `compile` writes without -o: beside the input, named after it with
/// the extension of the kind (none for an executable), or libNAME.a and
/// libNAME.so for a library.
std::string getDefaultOutput(const std::string &Input, const std::string &Emit,
                             const std::string &Name) {
  SmallString<256> Path(Input);
  if (isLibraryEmit(Emit)) {
    llvm::sys::path::remove_filename(Path);
    llvm::sys::path::append(Path,
                            "lib" + Name + (Emit == "lib" ? ".a" : ".so"));
    return std::string(Path);
  }
  static const std::map<std::string, const char *> Extensions = {
      {"exe", ""}, {"obj", ".o"}, {"asm", ".s"}, {"llvm", ".ll"}, {"bc", ".bc"},
  };
  llvm::sys::path::replace_extension(Path, Extensions.at(Emit));
  return std::string(Path);
}

/// `--emit=lib` and `--emit=shared`: the library at A.Output, NAME.h beside
/// it (or at --header). Neither is left behind when the other fails.
int runCompileLibrary(const CompileArgs &A, CompileOptions Opts,
                      const char *Argv0) {
  DriverError Err;
  Module M;
  if (!loadInput(A, /*ForExecutable=*/false, M, Err) ||
      !checkWasiImports(A.Input, M, Err))
    return fail(Err);
  EmbedInterface EI;
  Diagnostic Diag;
  if (!describeEmbedInterface(M, A.Name, EI, Diag))
    return fail(Diag.Offset ? DriverError{A.Input, Diag.Offset, Diag.Message}
                            : DriverError{"", std::nullopt, Diag.Message});
  Opts.Lowering.Embed = &EI;
  std::vector<std::string> Objects;
  if (!compileWasm(A.Input, M, Opts, EmitKind::Object, Objects, Err))
    return fail(Err);
  std::string HeaderPath = A.Header;
  if (HeaderPath.empty()) {
    SmallString<256> P(A.Output);
    llvm::sys::path::remove_filename(P);
    llvm::sys::path::append(P, A.Name + ".h");
    HeaderPath = std::string(P);
  }
  LinkOptions Link;
  Link.Triple = A.Target;
  Link.RuntimeLibDir = getDefaultRuntimeLibDir(Argv0);
  if (!linkObjects(Objects,
                   A.Emit == "lib" ? LinkKind::EmbedArchive
                                   : LinkKind::EmbedShared,
                   A.Output, Link, Err, A.Name))
    return fail(Err);
  std::string Header =
      writeEmbedHeader(EI, llvm::sys::path::filename(A.Input).str());
  if (!writeFileAtomically(HeaderPath, Header, Err)) {
    llvm::sys::fs::remove(A.Output);
    return fail(Err);
  }
  return 0;
}

int runCompile(CompileArgs A, const char *Argv0) {
  if (!isLibraryEmit(A.Emit) && (!A.Name.empty() || !A.Header.empty()))
    return fail("--name and --header need --emit=lib or --emit=shared");
  if (isLibraryEmit(A.Emit) && A.Name.empty())
    A.Name = getCIdentifier(llvm::sys::path::stem(A.Input).str());
  if (A.Output.empty())
    A.Output = getDefaultOutput(A.Input, A.Emit, A.Name);
  // An input without an extension would be replaced by its executable, or -o
  // may name the input itself: the input is never overwritten.
  bool SameFile = false;
  if (A.Output == A.Input ||
      (!llvm::sys::fs::equivalent(A.Input, A.Output, SameFile) && SameFile))
    return fail("the output would overwrite the input '" + A.Input +
                "': name another output with -o");
  static const std::map<std::string, EmitKind> Kinds = {
      {"exe", EmitKind::Object},   {"obj", EmitKind::Object},
      {"asm", EmitKind::Assembly}, {"llvm", EmitKind::LLVMIR},
      {"bc", EmitKind::Bitcode},
  };
  if ((A.Emit == "exe" || isLibraryEmit(A.Emit)) && A.Output == "-")
    return fail("--emit=" + A.Emit + " cannot be written to standard output");
  bool WholeOnly = A.Emit == "obj" || A.Emit == "bc";
  if (WholeOnly && A.Parts > 1)
    return fail("--parts needs --emit=exe, asm or llvm: --emit=" + A.Emit +
                " writes one file of the whole module");
  if (std::string Error = checkTargetOptions(A); !Error.empty())
    return fail(Error);
  CompileOptions Opts = getCompileOptions(A);
  CompileProgress Progress(A.Input);
  Progress.attach(Opts.Codegen);
  Opts.Lowering.BakedEnv = A.Env;
  Opts.Lowering.BakedDirs = A.Dirs;
  if (isLibraryEmit(A.Emit))
    return runCompileLibrary(A, Opts, Argv0);
  // Text output shows a split module only when asked to.
  if (A.Emit != "exe" && A.Parts == 0)
    Opts.Codegen.Parts = 1;
  DriverError Err;
  Module M;
  if (!loadInput(A, A.Emit == "exe", M, Err))
    return fail(Err);
  if (A.Emit == "exe")
    return buildLinked(M, A, Opts, LinkKind::Executable, A.Output, Argv0, Err)
               ? 0
               : fail(Err);
  std::vector<std::string> Outputs;
  if (!compileWasm(A.Input, M, Opts, Kinds.at(A.Emit), Outputs, Err))
    return fail(Err);
  std::string Comment = A.Emit == "llvm"                    ? ";"
                        : A.Target.rfind("aarch64", 0) == 0 ? "//"
                                                            : "#";
  return writeFileAtomically(A.Output, joinParts(Outputs, Comment), Err)
             ? 0
             : fail(Err);
}

/// `wasmaot VERSION (COMMIT) LLVM X.Y.Z targets: TRIPLE...`: the targets this
/// build can link executables for.
std::string getVersionLine() {
  std::string Line = "wasmaot " WASMAOT_VERSION " (" WASMAOT_COMMIT
                     ") LLVM " LLVM_VERSION_STRING " targets:";
  for (const std::string &Triple : getLinkableTargets())
    Line += " " + Triple;
  return Line;
}

/// `wasmaot compare`: bench/compare.py, installed with the engine definitions
/// it shares with bench/run.py in share/wasmaot/compare beside bin/ (the build
/// tree has the same layout), run by python3 with this program as wasmaot.
int runCompare(const std::vector<std::string> &Args, const char *Argv0) {
  static int Anchor;
  std::string Self = llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
  SmallString<256> Script(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(Self)));
  llvm::sys::path::append(Script, "share", "wasmaot", "compare", "compare.py");
  if (!llvm::sys::fs::exists(Script))
    return fail("compare: '" + std::string(Script) + "' is missing");
  // Debian's own python3 first: its packages (python3-matplotlib for
  // --plot) are what the install script and the package provide.
  const char *Python = llvm::sys::fs::can_execute("/usr/bin/python3")
                           ? "/usr/bin/python3"
                           : "python3";
  std::vector<std::string> Words = {Python, std::string(Script), "--wasmaot",
                                    Self};
  Words.insert(Words.end(), Args.begin(), Args.end());
  std::vector<char *> Argv;
  for (std::string &W : Words)
    Argv.push_back(W.data());
  Argv.push_back(nullptr);
  execvp(Python, Argv.data());
  return fail(std::string("compare needs python3: ") + strerror(errno));
}

struct ServeArgs {
  server::ServeOptions Options;
  std::string Timeout = "30s";
  std::string MaxMemory;
  std::string MaxRequest = "16MiB";
  std::string MaxResponse = "64MiB";
};

struct InspectArgs {
  std::string Input;
  bool Json = false;
  unsigned Top = 10;
};

int runInspect(const InspectArgs &A) {
  DriverError Err;
  std::vector<uint8_t> Bytes;
  Module M;
  if (!readModuleFile(A.Input, Bytes, Err) ||
      !loadWasm(A.Input, std::move(Bytes), M, Err))
    return fail(Err);
  ModuleReport R;
  std::string Error;
  if (!buildModuleReport(M, R, Error))
    return fail("cannot inspect '" + A.Input + "': " + Error);
  unsigned Top = A.Top ? A.Top : UINT32_MAX;
  std::string Out = A.Json ? formatReportJson(M, R, Top)
                           : formatReportText(A.Input, M, R, Top);
  return writeFileAtomically("-", Out, Err) ? 0 : fail(Err);
}

int runValidate(const std::vector<std::string> &Inputs,
                const Features &Enabled) {
  int Result = 0;
  for (const std::string &Input : Inputs) {
    DriverError Err;
    std::vector<uint8_t> Bytes;
    Module M;
    if (!readModuleFile(Input, Bytes, Err) ||
        !loadWasm(Input, std::move(Bytes), M, Err, Enabled))
      Result = fail(Err);
  }
  return Result;
}

/// $WASMAOT_CACHE_DIR, else $XDG_CACHE_HOME/wasmaot, else ~/.cache/wasmaot.
std::string getCacheDir() {
  if (const char *Dir = getenv("WASMAOT_CACHE_DIR"); Dir && *Dir)
    return Dir;
  SmallString<256> Path;
  if (const char *Xdg = getenv("XDG_CACHE_HOME"); Xdg && *Xdg)
    Path = Xdg;
  else if (!llvm::sys::path::home_directory(Path))
    Path = "/tmp";
  else
    llvm::sys::path::append(Path, ".cache");
  llvm::sys::path::append(Path, "wasmaot");
  return std::string(Path);
}

/// "SIZE MTIME" of a file, or "missing": what tells a rebuilt file apart.
std::string describeFileVersion(const std::string &Path) {
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Path, St))
    return "missing";
  return std::to_string(St.getSize()) + " " +
         std::to_string(
             St.getLastModificationTime().time_since_epoch().count());
}

/// The cache key: the module's bytes, this compiler's version and every
/// option that changes the code, and the size and time of the compiler and
/// of the runtime archives it links (a rebuilt wasmaot of the same commit,
/// as in a working tree, must not reuse what an older one compiled). Grants
/// are not in it: `run` passes them at launch.
std::string getCacheKey(const std::vector<uint8_t> &Bytes, const BuildArgs &A,
                        LinkKind Kind, const char *Argv0) {
  llvm::SHA256 Hash;
  Hash.update(llvm::ArrayRef<uint8_t>(Bytes));
  std::string Options =
      getVersionLine() + "\n" +
      (Kind == LinkKind::Executable ? "executable" : "shared") + "\n" +
      A.Bounds + "\n" + std::to_string(A.OptLevel) + "\n" + A.Target + "\n" +
      A.CPU + "\n" + A.Features + "\n" + std::to_string(A.Parts) + "\n" +
      (A.Interruptible ? "interruptible" : "");
  // A disabled feature refuses modules a cached compile would accept.
  for (std::string_view Name : wasmaot::Features::names())
    Options += (A.Enabled.isEnabled(Name) ? " +" : " -") + std::string(Name);
  static int Anchor;
  Options += "\n" + describeFileVersion(
                        llvm::sys::fs::getMainExecutable(Argv0, &Anchor));
  for (const char *Lib :
       {"libwasmaot-main.a", "libwasmaot-wasi.a", "libwasmaot-rt.a"}) {
    SmallString<256> Path(getDefaultRuntimeLibDir(Argv0));
    llvm::sys::path::append(Path, A.Target, Lib);
    Options += "\n" + describeFileVersion(std::string(Path));
  }
  Hash.update(Options);
  return llvm::toHex(Hash.final(), /*LowerCase=*/true);
}

/// Compiles A.Input (once: into the cache, under getCacheKey) into an
/// executable or a shared library for this host, named in Output.
bool compileCached(const BuildArgs &A, LinkKind Kind, const char *Argv0,
                   std::string &Output, DriverError &Err) {
  std::vector<uint8_t> Bytes;
  if (!readModuleFile(A.Input, Bytes, Err))
    return false;
  std::string CacheDir = getCacheDir();
  if (std::error_code EC = llvm::sys::fs::create_directories(CacheDir)) {
    Err = DriverError{"", std::nullopt,
                      "cannot create the cache directory '" + CacheDir +
                          "': " + EC.message()};
    return false;
  }
  SmallString<256> Path(CacheDir);
  llvm::sys::path::append(Path,
                          getCacheKey(Bytes, A, Kind, Argv0) +
                              (Kind == LinkKind::Executable ? "" : ".so"));
  Output = std::string(Path);
  if (llvm::sys::fs::exists(Path))
    return true;
  Module M;
  CompileOptions Opts = getCompileOptions(A);
  CompileProgress Progress(A.Input); // erased before anything runs
  Progress.attach(Opts.Codegen);
  if (!loadInputBytes(A, std::move(Bytes), /*ForExecutable=*/true, M, Err))
    return false;
  return buildLinked(M, A, Opts, Kind, Output, Argv0, Err);
}

int runRun(RunArgs A, const std::vector<std::string> &GuestArgs,
           const char *Argv0) {
  if (A.Target != getHostTriple())
    return fail("run executes the module on this host (" +
                std::string(getHostTriple()) + "); for " + A.Target +
                " use `wasmaot compile --target " + A.Target +
                "` and run the executable there");
  if (std::string Error = checkTargetOptions(A); !Error.empty())
    return fail(Error);
  // A timeout needs the interrupt checks; the executable's watchdog reads
  // it from WASMAOT_TIMEOUT (CommandMain.cpp).
  if (!A.Timeout.empty()) {
    if (!parseDurationMs(A.Timeout))
      return fail("--timeout: expected <integer>ms|s|m (e.g. 500ms, 30s, "
                  "2m), got '" +
                  A.Timeout + "'");
    A.Interruptible = true;
  }
  DriverError Err;
  std::string Exe;
  if (!compileCached(A, LinkKind::Executable, Argv0, Exe, Err))
    return fail(Err);

  // The guest sees exactly the grants of this command line, never ones the
  // caller's environment happens to carry.
  setenv("WASMAOT_ENV", joinGrants(A.Env).c_str(), 1);
  setenv("WASMAOT_DIR", joinGrants(A.Dirs).c_str(), 1);
  if (A.Timeout.empty())
    unsetenv("WASMAOT_TIMEOUT");
  else
    setenv("WASMAOT_TIMEOUT", A.Timeout.c_str(), 1);
  std::vector<char *> Argv;
  Argv.push_back(const_cast<char *>(A.Input.c_str()));
  for (const std::string &Arg : GuestArgs)
    Argv.push_back(const_cast<char *>(Arg.c_str()));
  Argv.push_back(nullptr);
  execve(Exe.c_str(), Argv.data(), environ);
  return fail("cannot run '" + std::string(Exe) + "': " + strerror(errno));
}

/// `wasmaot serve`: the server (server/), with modules compiled through the
/// cache `run` uses, as interruptible shared libraries for this host.
int runServe(ServeArgs A, const char *Argv0) {
  server::ServeOptions &O = A.Options;
  auto Duration = parseDurationMs(A.Timeout);
  if (!Duration)
    return fail("--timeout: expected <integer>ms|s|m (e.g. 500ms, 30s, 2m), "
                "got '" +
                A.Timeout + "'");
  O.TimeoutMs = *Duration;
  struct SizeFlag {
    const char *Name;
    const std::string &Text;
    uint64_t &Out;
  } Sizes[] = {{"--max-memory", A.MaxMemory, O.MaxMemoryBytes},
               {"--max-request-body", A.MaxRequest, O.MaxRequestBytes},
               {"--max-response", A.MaxResponse, O.MaxResponseBytes}};
  for (const SizeFlag &F : Sizes) {
    if (F.Text.empty())
      continue;
    auto Size = parseSizeBytes(F.Text);
    if (!Size)
      return fail(std::string(F.Name) +
                  ": expected <integer>KiB|MiB|GiB (e.g. 64MiB), got '" +
                  F.Text + "'");
    F.Out = *Size;
  }
  auto Compile = [Argv0](const std::string &Path, std::string &Library,
                         std::string &Error) {
    BuildArgs B;
    B.Input = Path;
    B.Interruptible = true;
    DriverError Err;
    if (compileCached(B, LinkKind::SharedLibrary, Argv0, Library, Err))
      return true;
    Error = Err.format();
    const std::string Prefix = "wasmaot: error: ";
    if (Error.compare(0, Prefix.size(), Prefix) == 0)
      Error.erase(0, Prefix.size());
    return false;
  };
  return server::runServer(O, Compile);
}

} // namespace

int main(int Argc, char **Argv) {
  CLI::App App{"wasmaot: an ahead-of-time compiler from WebAssembly to "
               "sandboxed native executables"};
  App.set_version_flag("--version", getVersionLine());
  App.require_subcommand(1);

  CompileArgs Compile;
  CLI::App *CompileCmd = App.add_subcommand(
      "compile", "Compile a WASI module into a native executable");
  CompileCmd->add_option("input", Compile.Input, "The WebAssembly module")
      ->required();
  CompileCmd->add_option(
      "-o,--output", Compile.Output,
      "Where to write the result ('-' for standard output; "
      "default: beside the input, named after it: app, app.o, "
      "app.s, app.ll, app.bc, libapp.a, libapp.so by --emit)");
  CompileCmd
      ->add_option("--emit", Compile.Emit,
                   "What to write: exe, obj, asm, llvm, bc, or a C library "
                   "with its header NAME.h: lib (static), shared")
      ->check(
          CLI::IsMember({"exe", "obj", "asm", "llvm", "bc", "lib", "shared"}));
  CompileCmd->add_option("--name", Compile.Name,
                         "--emit=lib|shared: the prefix of the library's C "
                         "names, NAME_new... (default: the input's name)");
  CompileCmd->add_option("--header", Compile.Header,
                         "--emit=lib|shared: where to write NAME.h (default: "
                         "beside the library)");
  addBuildOptions(*CompileCmd, Compile);

  RunArgs Run;
  CLI::App *RunCmd = App.add_subcommand(
      "run", "Compile (cached) and run a WASI module: run [OPTIONS] "
             "app.wasm [ARGS...]");
  RunCmd->add_option("input", Run.Input, "The WebAssembly module")->required();
  addBuildOptions(*RunCmd, Run);
  RunCmd->add_option("--timeout", Run.Timeout,
                     "Stop the guest after DURATION (500ms, 30s, 2m): it "
                     "traps with 'interrupted' (exit 134); implies "
                     "--interruptible");
  // Everything after the module belongs to the guest, flags included.
  RunCmd->prefix_command();

  std::vector<std::string> ValidateInputs;
  CLI::App *ValidateCmd =
      App.add_subcommand("validate", "Decode and validate modules");
  Features ValidateFeatures;
  addFeatureFlags(*ValidateCmd, ValidateFeatures);
  ValidateCmd->add_option("inputs", ValidateInputs, "Modules (.wasm)")
      ->required();

  InspectArgs Inspect;
  CLI::App *InspectCmd = App.add_subcommand(
      "inspect", "Show what a module holds: sections, imports, exports, "
                 "memories, tables, globals, features, largest functions");
  InspectCmd->add_option("input", Inspect.Input, "The WebAssembly module")
      ->required();
  InspectCmd->add_flag("--json", Inspect.Json, "Print one JSON object");
  InspectCmd
      ->add_option("--top", Inspect.Top,
                   "How many of the largest functions to list (0: all)")
      ->capture_default_str();

  ServeArgs Serve;
  CLI::App *ServeCmd = App.add_subcommand(
      "serve", "Serve WASI modules as HTTP handlers (WAGI's modules.toml): "
               "serve -c modules.toml [-l 127.0.0.1:3000]");
  ServeCmd
      ->add_option("-c,--config", Serve.Options.ConfigPath,
                   "modules.toml: the routes and their modules")
      ->required();
  ServeCmd
      ->add_option("-l,--listen", Serve.Options.Listen,
                   "Address and port to listen on (port 0: any free one)")
      ->capture_default_str();
  ServeCmd
      ->add_option("--env", Serve.Options.Env,
                   "NAME=VALUE for every handler; repeat for more")
      ->allow_extra_args(false)
      ->check(checkEnvGrant);
  ServeCmd
      ->add_option("--env-file", Serve.Options.EnvFiles,
                   "A file of NAME=VALUE lines for every handler")
      ->allow_extra_args(false);
  ServeCmd
      ->add_option("--timeout", Serve.Timeout,
                   "How long a handler may run (500ms, 30s, 2m): then 504")
      ->capture_default_str();
  ServeCmd->add_option("--max-memory", Serve.MaxMemory,
                       "Linear memory of each instance at most (64MiB, 1GiB; "
                       "default: 4GiB)");
  ServeCmd
      ->add_option("--max-request-body", Serve.MaxRequest,
                   "Larger request bodies get 413")
      ->capture_default_str();
  ServeCmd
      ->add_option("--max-response", Serve.MaxResponse,
                   "A handler writing more to stdout or stderr gets 500")
      ->capture_default_str();
  ServeCmd->add_option(
      "--workers", Serve.Options.Workers,
      "Threads running handlers (default: 8 per core, at least 16)");

  CLI::App *CompareCmd = App.add_subcommand(
      "compare", "Run a module under wasmaot and every other Wasm engine "
                 "found, side by side: compare app.wasm [-- ARGS...] "
                 "[--runs N] [--warmup N] [--engine NAME=COMMAND]... [--csv] "
                 "[--json] [--plot FILE.png] (--help for all)");
  // Its own options are parsed by the script (bench/compare.py).
  CompareCmd->prefix_command();
  CompareCmd->set_help_flag();

  try {
    App.parse(Argc, Argv);
  } catch (const CLI::CallForHelp &E) {
    return App.exit(E);
  } catch (const CLI::CallForAllHelp &E) {
    return App.exit(E);
  } catch (const CLI::CallForVersion &E) {
    return App.exit(E);
  } catch (const CLI::ParseError &E) {
    return fail(E.what());
  }

  if (*CompileCmd)
    return runCompile(Compile, Argv[0]);
  if (*RunCmd)
    return runRun(Run, RunCmd->remaining(), Argv[0]);
  if (*ValidateCmd)
    return runValidate(ValidateInputs, ValidateFeatures);
  if (*InspectCmd)
    return runInspect(Inspect);
  if (*ServeCmd)
    return runServe(Serve, Argv[0]);
  if (*CompareCmd)
    return runCompare(CompareCmd->remaining(), Argv[0]);
  return ExitError;
}
