// C++ (built with -fno-exceptions): std::vector, std::map, std::string,
// std::sort / std::stable_sort, virtual calls through an abstract base,
// std::unique_ptr, std::function and lambdas, templates, static constructors
// and destructors. Output only through printf and std::string, and no
// container whose iteration order differs between libc++ and libstdc++.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

namespace {

struct Tracer {
  const char *Name;
  explicit Tracer(const char *N) : Name(N) { std::printf("static constructor: %s\n", Name); }
  ~Tracer() { std::printf("static destructor: %s\n", Name); }
};
Tracer GlobalTracer("global");

class Shape {
public:
  virtual ~Shape() = default;
  virtual double area() const = 0;
  virtual std::string name() const = 0;
  virtual int corners() const { return 0; }
};

class Rect : public Shape {
  double W, H;

public:
  Rect(double W, double H) : W(W), H(H) {}
  double area() const override { return W * H; }
  std::string name() const override { return "rect(" + std::to_string((int)W) + "x" + std::to_string((int)H) + ")"; }
  int corners() const override { return 4; }
};

class Square final : public Rect {
public:
  explicit Square(double S) : Rect(S, S) {}
  std::string name() const override { return "square:" + Rect::name(); }
};

class Circle : public Shape {
  double R;

public:
  explicit Circle(double R) : R(R) {}
  double area() const override { return 3.141592653589793 * R * R; }
  std::string name() const override { return "circle"; }
};

template <typename T> T sumOf(const std::vector<T> &V) { return std::accumulate(V.begin(), V.end(), T{}); }

uint32_t nextRandom(uint32_t &S) { return S = S * 1103515245u + 12345u; }

} // namespace

int main() {
  // Virtual calls.
  std::vector<std::unique_ptr<Shape>> Shapes;
  for (int I = 1; I <= 6; ++I) {
    if (I % 3 == 0)
      Shapes.push_back(std::make_unique<Circle>(I));
    else if (I % 3 == 1)
      Shapes.push_back(std::make_unique<Rect>(I, I + 1));
    else
      Shapes.push_back(std::make_unique<Square>(I));
  }
  std::stable_sort(Shapes.begin(), Shapes.end(),
                   [](const auto &A, const auto &B) { return A->area() < B->area(); });
  double Total = 0;
  for (const auto &S : Shapes) {
    std::printf("%-22s area=%10.4f corners=%d\n", S->name().c_str(), S->area(), S->corners());
    Total += S->area();
  }
  std::printf("total area %.17g\n", Total);

  // vector + sort.
  std::vector<int> V;
  uint32_t Seed = 42;
  for (int I = 0; I < 10000; ++I)
    V.push_back((int)(nextRandom(Seed) >> 8) % 100000);
  std::sort(V.begin(), V.end());
  V.erase(std::unique(V.begin(), V.end()), V.end());
  std::printf("sorted unique: %zu values, min %d max %d sum %lld\n", V.size(), V.front(), V.back(),
              (long long)sumOf(std::vector<long long>(V.begin(), V.end())));
  auto It = std::lower_bound(V.begin(), V.end(), 50000);
  std::printf("lower_bound(50000) -> index %td value %d\n", It - V.begin(), *It);
  std::sort(V.begin(), V.end(), std::greater<int>());
  std::printf("descending first three: %d %d %d\n", V[0], V[1], V[2]);

  // map + string: word frequencies.
  const std::string Text = "the quick brown fox jumps over the lazy dog the fox barks "
                           "and the dog sleeps while a quick bird sings over the lazy fox";
  std::map<std::string, int> Freq;
  std::string Word;
  for (char C : Text + " ") {
    if (C == ' ') {
      if (!Word.empty())
        ++Freq[Word];
      Word.clear();
    } else {
      Word += C;
    }
  }
  for (const auto &[W, N] : Freq)
    if (N > 1)
      std::printf("%s=%d ", W.c_str(), N);
  std::printf("\n%zu distinct words\n", Freq.size());
  std::vector<std::pair<std::string, int>> ByCount(Freq.begin(), Freq.end());
  std::stable_sort(ByCount.begin(), ByCount.end(),
                   [](const auto &A, const auto &B) { return A.second > B.second; });
  std::string Top;
  for (size_t I = 0; I < 4; ++I)
    Top += (I ? "," : "") + ByCount[I].first;
  std::printf("top: %s\n", Top.c_str());

  // std::string operations.
  std::string S = "WebAssembly ahead-of-time";
  std::string Upper = S;
  std::transform(Upper.begin(), Upper.end(), Upper.begin(), [](unsigned char C) { return (char)std::toupper(C); });
  std::reverse(S.begin(), S.end());
  std::printf("%s | %s | find=%zu | substr=%s\n", Upper.c_str(), S.c_str(), Upper.find("AHEAD"),
              Upper.substr(4, 8).c_str());
  std::string Num = std::to_string(123456789) + "/" + std::to_string(-42) + "/" + std::to_string(2.5);
  std::printf("to_string: %s stoi=%d stod=%.17g\n", Num.c_str(), std::stoi("  -314"), std::stod("2.718281828459045"));

  // std::function and a map of callbacks.
  std::map<std::string, std::function<long long(long long, long long)>> Ops = {
      {"add", [](long long A, long long B) { return A + B; }},
      {"mul", [](long long A, long long B) { return A * B; }},
      {"max", [](long long A, long long B) { return std::max(A, B); }},
  };
  long long Acc = 1;
  int Step = 0;
  for (int Round = 0; Round < 5; ++Round)
    for (const auto &[Name, Fn] : Ops) {
      Acc = Fn(Acc, ++Step) % 1000000007LL;
      std::printf("%s->%lld ", Name.c_str(), Acc);
    }
  std::printf("\n");

  // Nested containers.
  std::map<int, std::vector<std::string>> Buckets;
  for (const auto &[W, N] : Freq)
    Buckets[(int)W.size()].push_back(W);
  for (const auto &[Len, Words] : Buckets)
    std::printf("len %d: %zu words, first %s\n", Len, Words.size(), Words.front().c_str());
  return 0;
}
