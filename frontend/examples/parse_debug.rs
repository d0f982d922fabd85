//! Debug helper: parses a file (or `-c SOURCE`) and prints the tokens (`-t`), the
//! AST dump, or the SyntaxError.
//!     cargo run -p ladon-frontend --example parse_debug -- [-t] (-c SRC | FILE)
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_tokens = args.iter().any(|a| a == "-t");
    let src = if let Some(i) = args.iter().position(|a| a == "-c") {
        args.get(i + 1)
            .cloned()
            .unwrap_or_default()
            .replace("\\n", "\n")
    } else {
        let path = args
            .iter()
            .find(|a| !a.starts_with('-'))
            .cloned()
            .unwrap_or_default();
        match std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| frontend::decode_source(&b).map_err(|e| e.to_string()))
        {
            Ok(s) => s,
            Err(e) => {
                println!("{e}");
                return;
            }
        }
    };
    if show_tokens {
        let t = frontend::tokenizer::tokenize_partial(&src);
        for tok in &t.tokens {
            println!(
                "{:?} {}:{}-{}:{} {:?}",
                tok.kind,
                tok.lineno,
                tok.col,
                tok.end_lineno,
                tok.end_col,
                &src[tok.start as usize..tok.end as usize]
            );
        }
        if let Some(e) = t.error {
            println!("tokenizer error: {e:?}");
        }
    }
    match frontend::parser::parse(&src, frontend::Mode::Exec) {
        Ok((m, _)) => println!("{}", frontend::ast::dump::dump_mod(&m)),
        Err(e) => println!(
            "{}: {} ({}:{} - {}:{})",
            e.kind.name(),
            e.msg,
            e.lineno,
            e.col + 1,
            e.end_lineno,
            e.end_col + 1
        ),
    }
}
