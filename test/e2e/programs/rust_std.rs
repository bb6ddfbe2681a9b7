// Rust (rustc 1.63, wasm32-wasi): collections, strings and formatting (Rust's
// own float printing), trait objects, closures and iterators, i128, checked
// and wrapping arithmetic, std::env (args and the granted environment), and
// process::exit with a code.
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;

trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> String;
}
struct Circle(f64);
struct Rect {
    w: f64,
    h: f64,
}
impl Shape for Circle {
    fn area(&self) -> f64 {
        std::f64::consts::PI * self.0 * self.0
    }
    fn name(&self) -> String {
        format!("circle(r={})", self.0)
    }
}
impl Shape for Rect {
    fn area(&self) -> f64 {
        self.w * self.h
    }
    fn name(&self) -> String {
        format!("rect({}x{})", self.w, self.h)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Person {
    age: u32,
    name: String,
}

struct Matrix([[i64; 3]; 3]);
impl fmt::Display for Matrix {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for row in &self.0 {
            writeln!(f, "[{:>6} {:>6} {:>6}]", row[0], row[1], row[2])?;
        }
        Ok(())
    }
}
fn matmul(a: &Matrix, b: &Matrix) -> Matrix {
    let mut c = [[0i64; 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            c[i][j] = (0..3).map(|k| a.0[i][k] * b.0[k][j]).sum();
        }
    }
    Matrix(c)
}

fn collatz_len(mut n: u64, cache: &mut HashMap<u64, u32>) -> u32 {
    let start = n;
    let mut steps = 0;
    while n != 1 {
        if let Some(&c) = cache.get(&n) {
            steps += c;
            break;
        }
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        steps += 1;
    }
    cache.insert(start, steps);
    steps
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("args: {:?}", args);
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    println!("env: {:?}", vars);

    let shapes: Vec<Box<dyn Shape>> = vec![
        Box::new(Circle(1.5)),
        Box::new(Rect { w: 2.0, h: 3.5 }),
        Box::new(Circle(0.1)),
    ];
    for s in &shapes {
        println!("{:<14} area {:>12.6} {:e} {:?}", s.name(), s.area(), s.area(), s.area());
    }
    let total: f64 = shapes.iter().map(|s| s.area()).sum();
    println!("total {} {:.20} {:+.3e}", total, total, -total);
    println!("floats: {} {} {} {:?} {:?} {} {}", 0.1 + 0.2, 1e21, 1e-7, -0.0f64, f64::MIN_POSITIVE,
             f64::INFINITY, f32::MAX);

    let mut people = vec![
        Person { age: 30, name: "alice".into() },
        Person { age: 25, name: "bob".into() },
        Person { age: 30, name: "aaron".into() },
        Person { age: 41, name: "carol".into() },
    ];
    people.sort();
    println!("{:?}", people);
    let oldest = people.iter().max_by_key(|p| p.age).unwrap();
    println!("oldest: {:#?}", oldest);

    let text = "one two three two three three four four four four";
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for w in text.split_whitespace() {
        *counts.entry(w).or_insert(0) += 1;
    }
    println!("counts: {:?}", counts);
    let mut hm: HashMap<String, usize> = HashMap::new();
    for (i, w) in text.split(' ').enumerate() {
        hm.insert(format!("{}-{}", w, i % 3), i);
    }
    let mut keys: Vec<_> = hm.iter().collect();
    keys.sort();
    println!("hashmap (sorted): {:?}", keys);

    let mut cache = HashMap::new();
    let best = (1..20000u64).map(|n| (collatz_len(n, &mut cache), n)).max().unwrap();
    println!("longest collatz below 20000: {:?}", best);

    let a = Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 10]]);
    let mut m = Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    for _ in 0..5 {
        m = matmul(&m, &a);
    }
    print!("{}", m);

    let x: i128 = 170141183460469231731687303715884105727;
    println!("i128: {} {} {:x}", x, x / 3, (x as u128).wrapping_mul(0xdeadbeef));
    println!("checked: {:?} {:?} wrapping: {} saturating: {}", 250u8.checked_add(10),
             i32::MAX.checked_mul(1), i32::MAX.wrapping_add(1), (-100i8).saturating_sub(100));
    println!("bits: {} {} {} {}", 0x00f0u32.leading_zeros(), 0x00f0u32.trailing_zeros(),
             u64::MAX.count_ones(), 0x12345678u32.rotate_left(8));
    // `as` from float to int saturates in Rust (NaN gives 0).
    let fs = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e10, -1e10, 2147483647.9, -2147483648.9,
              -0.99, 255.5, 4294967296.0, 1e20, -1e20];
    let casts: Vec<String> = fs
        .iter()
        // read_volatile keeps rustc from folding the casts at compile time
        .map(|f| unsafe { std::ptr::read_volatile(f) })
        .map(|f| format!("{}:{},{},{},{},{}", f, f as i32, f as u32, f as i64, f as u8, (f as f32) as i16))
        .collect();
    println!("casts: {}", casts.join(" "));
    let i128s: [i128; 4] = [i128::MIN + 1, -12345678901234567890123456789, 98765432109876543210, i128::MAX];
    for a in i128s.iter().map(|a| unsafe { std::ptr::read_volatile(a) }) {
        println!("i128 {} / 7 = {} % 1000003 = {} >> 3 = {}", a, a / 7, a % 1000003, a >> 3);
    }
    let mut dq: VecDeque<i32> = (1..=10).collect();
    dq.rotate_left(3);
    dq.push_front(0);
    println!("deque: {:?}", dq);
    let s: String = "Hello, Wörld! ünïcödé".chars().rev().collect();
    println!("rev: {} upper: {} bytes: {}", s, s.to_uppercase(), s.len());
    let evens: Vec<u32> = (1..50).filter(|n| n % 2 == 0).map(|n| n * n).take_while(|&n| n < 1000).collect();
    println!("evens: {:?}", evens);
    let code = if args.iter().any(|a| a == "--exit5") { 5 } else { 0 };
    println!("exiting with {}", code);
    std::process::exit(code);
}
