// A Rust panic: the message goes to stderr, then (panic=abort on wasm32-wasi)
// the module aborts with `unreachable`, a trap.
fn checked_index(v: &[u32], i: usize) -> u32 {
    v[i]
}

fn main() {
    let v: Vec<u32> = (0..10).collect();
    println!("sum {}", v.iter().sum::<u32>());
    let i = std::env::args().count() + 20;
    println!("value {}", checked_index(&v, i));
}
