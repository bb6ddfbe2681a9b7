//===- DecodeBench.cpp - Decode + validate throughput ---------------------===//
//
// A benchmark, not a test: decodes and validates each module given on the
// command line several times on one core and prints MB/s (the best run).
//
//===----------------------------------------------------------------------===//
#include "frontend/Frontend.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>

using namespace wasmaot;

int main(int Argc, char **Argv) {
  if (Argc < 2) {
    fprintf(stderr, "usage: %s MODULE.wasm... \n", Argv[0]);
    return 1;
  }
  constexpr int Runs = 5;
  for (int A = 1; A < Argc; ++A) {
    std::ifstream In(Argv[A], std::ios::binary);
    std::vector<uint8_t> Bytes((std::istreambuf_iterator<char>(In)),
                               std::istreambuf_iterator<char>());
    if (Bytes.empty()) {
      fprintf(stderr, "%s: cannot read\n", Argv[A]);
      return 1;
    }
    double Best = 1e30;
    for (int R = 0; R < Runs; ++R) {
      Module M;
      Diagnostic Diag;
      auto Start = std::chrono::steady_clock::now();
      bool Ok = loadModule(Bytes, M, Diag);
      double Seconds = std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - Start)
                           .count();
      if (!Ok) {
        fprintf(stderr, "%s:0x%x: error: %s\n", Argv[A], Diag.Offset,
                Diag.Message.c_str());
        return 1;
      }
      Best = std::min(Best, Seconds);
    }
    double MB = Bytes.size() / 1e6;
    printf("%s: %.2f MB decoded and validated in %.1f ms: %.0f MB/s\n", Argv[A],
           MB, Best * 1e3, MB / Best);
  }
  return 0;
}
