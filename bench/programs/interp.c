// A small stack-based bytecode interpreter (switch dispatch) running a
// program that counts primes by trial division and sums a series.
// Size: the upper bound of the prime search, in thousands.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, JZ, JMP, DUP, POP, HALT };

static int64_t run(const int32_t *code, int64_t *vars) {
  int64_t stack[64];
  int sp = 0, pc = 0;
  for (;;) {
    switch (code[pc++]) {
    case PUSH: stack[sp++] = code[pc++]; break;
    case LOAD: stack[sp++] = vars[code[pc++]]; break;
    case STORE: vars[code[pc++]] = stack[--sp]; break;
    case ADD: sp--; stack[sp - 1] += stack[sp]; break;
    case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
    case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
    case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
    case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
    case JZ: pc = stack[--sp] ? pc + 1 : code[pc]; break;
    case JMP: pc = code[pc]; break;
    case DUP: stack[sp] = stack[sp - 1]; sp++; break;
    case POP: sp--; break;
    case HALT: return vars[0];
    }
  }
}

int main(int argc, char **argv) {
  int limit = (argc > 1 ? atoi(argv[1]) : 500) * 1000;
  // vars: 0 count, 1 n, 2 d, 3 limit, 4 isprime
  // The program, assembled with its jump labels resolved.
  int32_t p[128];
  int k = 0;
#define E(x) p[k++] = (x)
  E(PUSH); E(2); E(STORE); E(1);
  int loop = k;
  E(LOAD); E(1); E(LOAD); E(3); E(LT); E(JZ); int exitFix = k; E(0);
  E(PUSH); E(1); E(STORE); E(4); E(PUSH); E(2); E(STORE); E(2);
  int inner = k;
  E(LOAD); E(2); E(LOAD); E(2); E(MUL); E(LOAD); E(1); E(PUSH); E(1); E(ADD);
  E(LT); E(JZ); int innerExitFix = k; E(0);
  E(LOAD); E(1); E(LOAD); E(2); E(MOD); E(JZ); int notPrimeFix = k; E(0);
  E(LOAD); E(2); E(PUSH); E(1); E(ADD); E(STORE); E(2); E(JMP); E(inner);
  int notPrime = k;
  E(PUSH); E(0); E(STORE); E(4);
  int innerExit = k;
  E(LOAD); E(0); E(LOAD); E(4); E(ADD); E(STORE); E(0);
  E(LOAD); E(1); E(PUSH); E(1); E(ADD); E(STORE); E(1); E(JMP); E(loop);
  int exit = k;
  E(HALT);
  p[exitFix] = exit;
  p[innerExitFix] = innerExit;
  p[notPrimeFix] = notPrime;
  int64_t vars[8] = {0, 0, 0, limit, 0};
  int64_t primes = run(p, vars);
  printf("interp %lld\n", (long long)primes);
  return 0;
}
