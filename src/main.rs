use clap::Parser;

fn main() {
    let args = defer_fix::cli::Args::parse();
    std::process::exit(defer_fix::cli::main(args));
}
