//! `hedgescore explain`: why each sentence scored what it did.

use std::io::{IsTerminal, Read, Write};

use clap::Args;

use hedgescore::tune::explain;

use super::messages::{EXIT_OK, Outcome};
use super::scorer_flags::LexiconArgs;

#[derive(Args)]
pub struct ExplainArgs {
    /// The text to explain; standard input when absent.
    text: Option<String>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

/// Runs `hedgescore explain`.
pub fn run(args: ExplainArgs) -> Outcome {
    let scorer = args.lexicon.scorer()?;
    let text = match args.text {
        Some(text) => text,
        None => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes)?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let article = hedgescore::Article::new("-", &text);
    let explained = explain::explain_at(&scorer, article.body(), article.body_offset(), color);
    let mut out = std::io::stdout().lock();
    out.write_all(explained.as_bytes())?;
    out.flush()?;
    Ok(EXIT_OK)
}
