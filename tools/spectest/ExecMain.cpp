//===- ExecMain.cpp - wasmaot-spectest-exec: runs modules for the runner --===//
//
// The executing half of the spec runner, for modules compiled for a target
// other than the runner's own (or, with `wasmaot-spectest --remote`, for a test
// of this protocol on the host): built for each target without LLVM, started
// once per script by a RemoteSession (under qemu-user for a foreign target),
// it reads requests from standard input and answers each with one line on
// standard output (Protocol.h). The libraries it loads were linked by the
// runner for this target; instances live until standard input ends.
//
//===----------------------------------------------------------------------===//
#include "Protocol.h"

#include <cstdio>
#include <cstdlib>
#include <map>

using namespace wasmaot;
using namespace wasmaot::spectest;
using namespace wasmaot::spectest::protocol;

namespace {

/// The libraries loaded so far, by path: a script instantiates a module
/// many times. Never closed: instances of them live until the process ends.
const CompiledModule &load(std::map<std::string, CompiledModule> &Loaded,
                           const std::string &Path) {
  auto [It, Fresh] = Loaded.try_emplace(Path);
  if (Fresh) {
    void *Handle;
    It->second.LibraryPath = Path;
    loadModuleLibrary(Path, It->second, Handle);
  }
  return It->second;
}

/// The reply to one request line; empty for a line that is not a request.
std::string answer(LocalSession &S,
                   std::map<std::string, CompiledModule> &Loaded,
                   std::string_view Line) {
  LineReader R(Line);
  std::string_view Verb = R.word();
  if (Verb == "instantiate") {
    std::string Path = R.string();
    if (!R.ok())
      return "";
    return writeInstantiate(S.instantiate(load(Loaded, Path)));
  }
  if (Verb == "register") {
    int Id = int(R.number());
    std::string As = R.string();
    if (!R.ok())
      return "";
    std::string Error;
    bool Ok = S.registerInstance(Id, As, Error);
    return LineWriter().number(Ok).string(Error).str();
  }
  if (Verb == "invoke" || Verb == "get") {
    int Id = int(R.number());
    std::string Field = R.string();
    std::vector<Value> Args;
    if (Verb == "invoke") {
      int64_t N = R.number();
      for (int64_t I = 0; I < N && R.ok(); ++I)
        Args.push_back(R.value());
    }
    if (!R.ok())
      return "";
    return writeAction(Verb == "get" ? S.getGlobal(Id, Field)
                                     : S.invoke(Id, Field, Args));
  }
  return "";
}

} // namespace

int main() {
  LocalSession S;
  std::map<std::string, CompiledModule> Loaded;
  char *Line = nullptr;
  size_t Capacity = 0;
  ssize_t Length;
  while ((Length = getline(&Line, &Capacity, stdin)) > 0) {
    std::string_view Request(Line, size_t(Length));
    if (Request.back() == '\n')
      Request.remove_suffix(1);
    std::string Reply = answer(S, Loaded, Request);
    if (Reply.empty()) {
      fprintf(stderr, "wasmaot-spectest-exec: error: not a request: %.80s\n",
              Line);
      return 1;
    }
    fputs(Reply.c_str(), stdout);
    fflush(stdout);
  }
  free(Line);
  return 0;
}
