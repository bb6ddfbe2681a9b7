;; `wasmaot inspect`: sections with sizes and counts, imports and exports with
;; their types, memories, tables, globals, the start function, the features
;; the code uses, the largest functions by name, and the module's kind; the
;; same as JSON for scripts.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasmaot inspect %t.wasm | FileCheck %s --check-prefix=TEXT
;; RUN: %wasmaot inspect --json --top 2 %t.wasm | FileCheck %s --check-prefix=JSON
;; RUN: %wasmaot inspect --json %t.wasm | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['kind'], len(d['functions']), ' '.join(d['features']))" | FileCheck %s --check-prefix=PARSED

(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "env" "counter" (global $counter (mut i32)))
  (memory (export "memory") 1 16)
  (table 4 funcref)
  (global $limit i64 (i64.const -7))
  (data "hello")
  (func $init)
  (start $init)
  (func $pair (export "pair") (param i32) (result i32 i64)
    (local.get 0) (i64.const 1))
  (func $fill (export "fill") (param i32 i32)
    (memory.fill (local.get 0) (i32.const 0) (local.get 1)))
  (func $vec (param v128) (result v128)
    (i32x4.add (local.get 0) (local.get 0)))
  (func $_start (export "_start")
    (drop (call $fd_write (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    (call $pair (i32.const 1)) (drop) (drop)
    (call $fill (i32.const 0) (i32.const 8))
    (drop (call $vec (v128.const i64x2 1 2)))
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))))

;; TEXT:      inspect.wat.tmp.wasm: wasm module, version 1, WASI command
;; TEXT:      Sections:
;; TEXT-NEXT:       Type start=0x{{[0-9a-f]+}} end=0x{{[0-9a-f]+}} (size=0x{{[0-9a-f]+}}) count: 5
;; TEXT-NEXT:     Import start={{.*}} count: 2
;; TEXT-NEXT:   Function start={{.*}} count: 5
;; TEXT-NEXT:      Table start={{.*}} count: 1
;; TEXT-NEXT:     Memory start={{.*}} count: 1
;; TEXT-NEXT:     Global start={{.*}} count: 1
;; TEXT-NEXT:     Export start={{.*}} count: 4
;; TEXT-NEXT:      Start start={{.*}}){{$}}
;; TEXT-NEXT:       Code start={{.*}} count: 5
;; TEXT-NEXT:       Data start={{.*}} count: 1
;; TEXT-NEXT:     Custom start={{.*}} "name"
;; TEXT:      Features: bulk-memory multi-value mutable-globals simd
;; TEXT:      Imports[2]:
;; TEXT-NEXT:  - func[0] <fd_write> (i32, i32, i32, i32) -> (i32) <- wasi_snapshot_preview1.fd_write
;; TEXT-NEXT:  - global[0] i32 mutable=1 <- env.counter
;; TEXT-NEXT: Exports[4]:
;; TEXT-NEXT:  - memory[0] pages: initial=1 max=16 -> "memory"
;; TEXT-NEXT:  - func[2] <pair> (i32) -> (i32, i64) -> "pair"
;; TEXT-NEXT:  - func[3] <fill> (i32, i32) -> () -> "fill"
;; TEXT-NEXT:  - func[5] <_start> () -> () -> "_start"
;; TEXT-NEXT: Memories[1]:
;; TEXT-NEXT:  - memory[0] pages: initial=1 max=16
;; TEXT-NEXT: Tables[1]:
;; TEXT-NEXT:  - table[0] type=funcref size: initial=4
;; TEXT-NEXT: Globals[2]:
;; TEXT-NEXT:  - global[0] i32 mutable=1 (imported)
;; TEXT-NEXT:  - global[1] i64 mutable=0 - init i64=-7
;; TEXT-NEXT: Start: func[1] <init> () -> ()
;; TEXT:      Largest functions (5 of 5, {{[0-9]+}} bytes of code):
;; TEXT-NEXT:  - [[#]] bytes  _start
;; TEXT-NEXT:  - [[#]] bytes  fill
;; TEXT-NEXT:  - [[#]] bytes  vec
;; TEXT-NEXT:  - [[#]] bytes  pair
;; TEXT-NEXT:  - [[#]] bytes  init

;; JSON:      "functions": [
;; JSON-NEXT:   {
;; JSON-NEXT:     "index": 5,
;; JSON-NEXT:     "name": "_start",
;; JSON:          "index": 3,
;; JSON-NEXT:     "name": "fill",
;; JSON:        ],
;; JSON:      "kind": "command",
;; JSON:      "start": 1

;; PARSED: command 5 bulk-memory multi-value mutable-globals simd
