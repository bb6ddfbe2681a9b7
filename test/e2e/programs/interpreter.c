// A small stack-machine interpreter that dispatches every instruction through
// an array of function pointers (call_indirect through the Wasm table), plus
// calls through pointers of several signatures. It assembles and runs three
// bytecode programs: a prime sieve count, Collatz lengths and a Fibonacci loop.
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct vm vm;
typedef void (*op_fn)(vm *);

struct vm {
  const int32_t *code;
  uint32_t pc;
  int32_t stack[256];
  int sp;
  int32_t mem[8192];
  int running;
  uint64_t steps;
};

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, DIV, MOD, LT, EQ, JMP, JZ, DUP, DROP, SWAP, PRINT, HALT, NOPS };

static void op_push(vm *m) { m->stack[m->sp++] = m->code[m->pc++]; }
static void op_load(vm *m) { m->stack[m->sp - 1] = m->mem[m->stack[m->sp - 1]]; }
static void op_store(vm *m) { m->mem[m->stack[m->sp - 1]] = m->stack[m->sp - 2]; m->sp -= 2; }
#define BIN(name, expr) \
  static void name(vm *m) { int32_t b = m->stack[--m->sp], a = m->stack[m->sp - 1]; m->stack[m->sp - 1] = (expr); }
BIN(op_add, (int32_t)((uint32_t)a + (uint32_t)b))
BIN(op_sub, (int32_t)((uint32_t)a - (uint32_t)b))
BIN(op_mul, (int32_t)((uint32_t)a * (uint32_t)b))
BIN(op_div, a / b)
BIN(op_mod, a % b)
BIN(op_lt, a < b)
BIN(op_eq, a == b)
static void op_jmp(vm *m) { m->pc = (uint32_t)m->code[m->pc]; }
static void op_jz(vm *m) {
  int32_t target = m->code[m->pc++];
  if (m->stack[--m->sp] == 0)
    m->pc = (uint32_t)target;
}
static void op_dup(vm *m) { m->stack[m->sp] = m->stack[m->sp - 1]; m->sp++; }
static void op_drop(vm *m) { m->sp--; }
static void op_swap(vm *m) { int32_t t = m->stack[m->sp - 1]; m->stack[m->sp - 1] = m->stack[m->sp - 2]; m->stack[m->sp - 2] = t; }
static void op_print(vm *m) { printf("  out: %d\n", m->stack[--m->sp]); }
static void op_halt(vm *m) { m->running = 0; }

static op_fn const table[NOPS] = {op_push, op_load, op_store, op_add, op_sub, op_mul,
                                  op_div,  op_mod,  op_lt,    op_eq,  op_jmp, op_jz,
                                  op_dup,  op_drop, op_swap,  op_print, op_halt};

static vm machine;

static void run(const char *name, const int32_t *code) {
  vm *m = &machine;
  m->code = code;
  m->pc = 0;
  m->sp = 0;
  m->running = 1;
  m->steps = 0;
  for (int i = 0; i < 8192; i++)
    m->mem[i] = 0;
  printf("%s:\n", name);
  while (m->running) {
    op_fn f = table[m->code[m->pc++]];
    f(m);
    m->steps++;
  }
  printf("  %llu steps, stack depth %d\n", (unsigned long long)m->steps, m->sp);
}

// A two-pass assembler for the bytecode: "name:" defines a label, an
// instruction name is followed by its operand (a number or a label) if any.
static const char *const names[NOPS] = {"PUSH", "LOAD", "STORE", "ADD", "SUB", "MUL",
                                        "DIV", "MOD", "LT", "EQ", "JMP", "JZ",
                                        "DUP", "DROP", "SWAP", "PRINT", "HALT"};
static int32_t code_buf[1024];

static const int32_t *assemble(const char *src) {
  char labels[32][16];
  int32_t label_pc[32];
  int nlabels = 0;
  for (int pass = 0; pass < 2; pass++) {
    int32_t pc = 0;
    const char *p = src;
    char tok[16];
    int n;
    while (sscanf(p, " %15s%n", tok, &n) == 1) {
      p += n;
      size_t len = strlen(tok);
      if (tok[len - 1] == ':') {
        if (pass == 0) {
          tok[len - 1] = 0;
          strcpy(labels[nlabels], tok);
          label_pc[nlabels++] = pc;
        }
        continue;
      }
      int op = -1;
      for (int i = 0; i < NOPS; i++)
        if (strcmp(tok, names[i]) == 0)
          op = i;
      if (op >= 0) {
        code_buf[pc++] = op;
        continue;
      }
      int32_t value = 0;
      if (isdigit((unsigned char)tok[0]) || tok[0] == '-') {
        value = (int32_t)strtol(tok, NULL, 10);
      } else if (pass == 1) {
        int found = 0;
        for (int i = 0; i < nlabels; i++)
          if (strcmp(tok, labels[i]) == 0)
            value = label_pc[i], found = 1;
        if (!found) {
          printf("unknown label %s\n", tok);
          exit(1);
        }
      }
      code_buf[pc++] = value;
    }
  }
  return code_buf;
}

// Primes below 4000 with a sieve in mem[100..]; mem[0]=i, mem[1]=j, mem[2]=count.
static const char sieve[] =
    "PUSH 2 PUSH 0 STORE "
    "loop_i: PUSH 0 LOAD PUSH 4000 LT JZ end "
    "  PUSH 0 LOAD PUSH 100 ADD LOAD JZ prime "
    "  JMP next_i "
    "prime: PUSH 2 LOAD PUSH 1 ADD PUSH 2 STORE "
    "  PUSH 0 LOAD DUP ADD PUSH 1 STORE "
    "loop_j: PUSH 1 LOAD PUSH 4000 LT JZ next_i "
    "  PUSH 1 PUSH 1 LOAD PUSH 100 ADD STORE "
    "  PUSH 1 LOAD PUSH 0 LOAD ADD PUSH 1 STORE "
    "  JMP loop_j "
    "next_i: PUSH 0 LOAD PUSH 1 ADD PUSH 0 STORE JMP loop_i "
    "end: PUSH 2 LOAD PRINT HALT";

// Total Collatz steps for n in 1..3000; mem[0]=n, mem[1]=x, mem[2]=total.
static const char collatz[] =
    "PUSH 1 PUSH 0 STORE "
    "loop_n: PUSH 0 LOAD PUSH 3001 LT JZ end "
    "  PUSH 0 LOAD PUSH 1 STORE "
    "loop_x: PUSH 1 LOAD PUSH 1 EQ JZ step "
    "  PUSH 0 LOAD PUSH 1 ADD PUSH 0 STORE JMP loop_n "
    "step: PUSH 2 LOAD PUSH 1 ADD PUSH 2 STORE "
    "  PUSH 1 LOAD PUSH 2 MOD JZ even "
    "  PUSH 1 LOAD PUSH 3 MUL PUSH 1 ADD PUSH 1 STORE JMP loop_x "
    "even: PUSH 1 LOAD PUSH 2 DIV PUSH 1 STORE JMP loop_x "
    "end: PUSH 2 LOAD PRINT HALT";

// Fibonacci numbers (mod 2^32), every tenth printed; mem[0]=a mem[1]=b mem[2]=k.
static const char fibo[] =
    "PUSH 0 PUSH 0 STORE PUSH 1 PUSH 1 STORE PUSH 0 PUSH 2 STORE "
    "loop: PUSH 2 LOAD PUSH 60 LT JZ end "
    "  PUSH 0 LOAD PUSH 1 LOAD DUP PUSH 0 STORE ADD PUSH 1 STORE "
    "  PUSH 2 LOAD PUSH 1 ADD DUP PUSH 2 STORE PUSH 10 MOD JZ print "
    "  JMP loop "
    "print: PUSH 0 LOAD PRINT JMP loop "
    "end: PUSH 0 LOAD PUSH 7 SWAP SUB PRINT HALT";

// Function pointers of other signatures.
typedef double (*unary_d)(double);
typedef int64_t (*binary_l)(int64_t, int64_t);
static double twice(double x) { return 2 * x; }
static double square(double x) { return x * x; }
static double negate(double x) { return -x; }
static int64_t lmax(int64_t a, int64_t b) { return a > b ? a : b; }
static int64_t lmix(int64_t a, int64_t b) { return (int64_t)((uint64_t)(a ^ b) * 1000003u + (uint64_t)(a >> 3)); }
struct shape {
  const char *name;
  double (*area)(const struct shape *);
  double w, h;
};
static double rect_area(const struct shape *s) { return s->w * s->h; }
static double tri_area(const struct shape *s) { return s->w * s->h / 2; }

int main(void) {
  run("sieve", assemble(sieve));
  run("collatz", assemble(collatz));
  run("fibonacci", assemble(fibo));
  unary_d fs[] = {twice, square, negate, square, twice};
  double d = 1.5;
  for (int r = 0; r < 20; r++)
    d = fs[r % 5](d) / 3.0 + 0.25;
  printf("composed doubles: %.17g\n", d);
  binary_l ls[] = {lmax, lmix};
  int64_t acc = 1;
  for (int i = 0; i < 100; i++)
    acc = ls[(i * 7) % 2](acc, (int64_t)i * 12345678901LL);
  printf("composed longs: %lld\n", (long long)acc);
  struct shape shapes[] = {{"rect", rect_area, 3, 4}, {"tri", tri_area, 3, 4}, {"sq", rect_area, 2.5, 2.5}};
  for (int i = 0; i < 3; i++)
    printf("%s area %g\n", shapes[i].name, shapes[i].area(&shapes[i]));
  return 0;
}
