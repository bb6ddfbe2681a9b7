//===- CompileProgress.cpp - A progress line for long compiles ------------===//
#include "tools/wasmaot/CompileProgress.h"

#include <cstdio>
#include <unistd.h>

namespace wasmaot {

CompileProgress::CompileProgress(std::string Input)
    : Input(std::move(Input)), Start(std::chrono::steady_clock::now()) {
  if (isatty(STDERR_FILENO))
    Ticker = std::thread([this] { tick(); });
}

CompileProgress::~CompileProgress() {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Finished = true;
  }
  Wake.notify_all();
  if (Ticker.joinable())
    Ticker.join();
  if (Shown) {
    fputs("\r\033[K", stderr); // erase the line: the result speaks for itself
    fflush(stderr);
  }
}

void CompileProgress::attach(CodegenOptions &Opts) {
  if (!Ticker.joinable())
    return;
  Opts.OnPartDone = [this](unsigned PartsDone, unsigned PartsTotal) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Done = PartsDone;
    Total = PartsTotal;
    if (Shown)
      draw();
  };
}

/// Redraws the line every half second once the delay has passed.
void CompileProgress::tick() {
  std::unique_lock<std::mutex> Lock(Mutex);
  if (Wake.wait_for(Lock, ProgressDelay, [this] { return Finished; }))
    return;
  Shown = true;
  do
    draw();
  while (!Wake.wait_for(Lock, std::chrono::milliseconds(500),
                        [this] { return Finished; }));
}

void CompileProgress::draw() {
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  if (Total)
    fprintf(stderr, "\r\033[Kwasmaot: compiling %s: %u/%u parts, %.0f s",
            Input.c_str(), Done, Total, Seconds);
  else
    fprintf(stderr, "\r\033[Kwasmaot: compiling %s: %.0f s", Input.c_str(),
            Seconds);
  fflush(stderr);
}

} // namespace wasmaot
