//===- CompileProgress.h - A progress line for long compiles --------------===//
//
// While a compile runs for more than ProgressDelay, a line on the terminal
// says how many parts of the module are done and how long it has taken,
// rewritten in place and erased at the end. Silent when standard error is not
// a terminal, and for compiles that finish before the delay.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_WASMAOT_COMPILEPROGRESS_H
#define WASMAOT_TOOLS_WASMAOT_COMPILEPROGRESS_H

#include "codegen/Codegen.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace wasmaot {

class CompileProgress {
public:
  static constexpr std::chrono::milliseconds ProgressDelay{1500};

  /// Starts showing progress for Input when standard error is a terminal.
  explicit CompileProgress(std::string Input);
  /// Erases the line, if one was shown.
  ~CompileProgress();

  /// Hooks Opts.OnPartDone to this progress line.
  void attach(CodegenOptions &Opts);

private:
  void tick();
  void draw();

  std::string Input;
  std::chrono::steady_clock::time_point Start;
  std::mutex Mutex;
  std::condition_variable Wake;
  bool Finished = false;
  bool Shown = false;
  unsigned Done = 0, Total = 0;
  std::thread Ticker;
};

} // namespace wasmaot

#endif
