//! Micro-benchmarks over fixed texts of our own: matching, splitting,
//! scoring and CSV rendering, each against a trivial baseline (a plain
//! byte scan of the same text), so that figures from different machines
//! can be compared as ratios. Run with `cargo bench --bench micro`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hedgescore::matching::{CueMatcher, MatchScratch};
use hedgescore::output::{
    Carried, CsvRows, Dialect, Level, Place, Printer, RowContext, ScoredPiece, Scratch,
};
use hedgescore::text::sentences::SentenceSplitter;
use hedgescore::{Lexicon, ScoredText, Scorer};

/// The sample article, repeated to about 100 KB.
fn fixed_text() -> String {
    let article = include_str!("../tests/fixtures/sample-article.txt");
    let body = article.split_once('\n').map_or(article, |(_, body)| body);
    body.repeat(100_000 / body.len() + 1)
}

fn benches(c: &mut Criterion) {
    let text = fixed_text();
    let scorer = Scorer::english();
    let matcher = CueMatcher::new(&Lexicon::english()).unwrap();
    let mut group = c.benchmark_group("100KB");
    group.throughput(Throughput::Bytes(text.len() as u64));

    group.bench_function("baseline: count spaces", |b| {
        b.iter(|| black_box(&text).bytes().filter(|&b| b == b' ').count())
    });
    group.bench_function("match cues", |b| {
        let mut scratch = MatchScratch::default();
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            matcher.find_into(black_box(&text), &mut scratch, &mut out);
            out.len()
        })
    });
    group.bench_function("split sentences", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            SentenceSplitter::english().split_into(black_box(&text), &mut out);
            out.len()
        })
    });
    group.bench_function("score text", |b| {
        let mut scored = ScoredText::default();
        b.iter(|| {
            scorer.score_text(black_box(&text), &mut scored);
            scored.sentences.len()
        })
    });
    group.bench_function("render CSV sentence rows", |b| {
        let mut scored = ScoredText::default();
        scorer.score_text(&text, &mut scored);
        let printer = CsvRows::new(Level::Sentence, Dialect::CSV);
        let mut scratch = Scratch::default();
        let carried = Carried::default();
        let context = RowContext {
            article: "bench",
            date: None,
            offset: 0,
            repairs: &hedgescore::text::utf8::Repairs::default(),
            carried: &carried,
        };
        let mut out = Vec::with_capacity(text.len() * 2);
        b.iter(|| {
            out.clear();
            let piece = ScoredPiece {
                scorer: &scorer,
                context,
                text: &text,
                scored: &scored,
                place: Place {
                    article: 1,
                    first_sentence: 1,
                    whole: true,
                },
            };
            printer.piece(&mut scratch, &piece, &mut out);
            out.len()
        })
    });
    group.finish();
}

criterion_group!(micro, benches);
criterion_main!(micro);
