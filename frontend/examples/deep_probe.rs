//! Probe: how deep an AST chain can be parsed, dumped, compiled and dropped on a
//! given stack size.
//!     cargo run --release -p ladon-frontend --example deep_probe -- N STACK_KB
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(50000);
    let kb: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(2048);
    let kind = args.get(2).cloned().unwrap_or_else(|| "+".into());
    let src = match kind.as_str() {
        "call" => format!("f{}", "()".repeat(n)),
        "attr" => format!("a{}", ".b".repeat(n)),
        "neg" => format!("{}1", "-".repeat(n)),
        "lambda" => format!("{}1", "lambda:".repeat(n)),
        "paren" => format!("{}1{}", "(".repeat(n), ")".repeat(n)),
        _ => format!("{}1", "1+".repeat(n)),
    };
    let h = std::thread::Builder::new()
        .stack_size(kb * 1024)
        .spawn(move || {
            let r = frontend::parser::parse(&src, frontend::Mode::Exec);
            match &r {
                Ok((m, _)) => {
                    println!("parsed ok");
                    let d = frontend::ast::dump::dump_mod(m);
                    println!("dumped ok ({} bytes)", d.len());
                    match frontend::compile_module(m, "<deep>", frontend::Mode::Exec, 0) {
                        Ok(_) => println!("compiled ok"),
                        Err(e) => println!("compile error: {} {}", e.kind.name(), e.msg),
                    }
                }
                Err(e) => println!("error: {} {}", e.kind.name(), e.msg),
            }
            drop(r);
            println!("dropped ok");
        })
        .unwrap();
    let _ = h.join();
}
