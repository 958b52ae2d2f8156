//! Scoring a list on every core, in the list's order.
//!
//! Standard scoped threads rather than rayon: the library's own run uses
//! std threads, a call's thread count is the caller's (`threads=`) with
//! no global pool to configure, and it adds no dependency. Items are taken
//! in small blocks from a shared counter, so a long text does not hold up
//! a whole share of the list, and the results are put back in input order.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Items a thread takes at a time: small enough to balance texts of very
/// different lengths, large enough that the counter is rarely contended.
const BLOCK: usize = 8;

/// `f` applied to every item on up to `threads` threads, the results in
/// the order of `items`. Each thread keeps its own state `S` (reusable
/// buffers). A panic in a thread is raised again in the caller, with its
/// message, once every thread has stopped.
pub fn map_ordered<I, T, S>(
    items: &[I],
    threads: usize,
    f: impl Fn(&mut S, &I) -> T + Sync,
) -> Vec<T>
where
    I: Sync,
    T: Send,
    S: Default,
{
    let blocks = items.len().div_ceil(BLOCK);
    let threads = threads.clamp(1, blocks.max(1));
    if threads == 1 {
        let mut state = S::default();
        return items.iter().map(|item| f(&mut state, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut state = S::default();
        let mut done: Vec<(usize, Vec<T>)> = Vec::new();
        loop {
            let block = next.fetch_add(1, Ordering::Relaxed);
            let start = block * BLOCK;
            if start >= items.len() {
                return done;
            }
            let chunk = &items[start..items.len().min(start + BLOCK)];
            done.push((
                block,
                chunk.iter().map(|item| f(&mut state, item)).collect(),
            ));
        }
    };
    let outcomes: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| scope.spawn(|| catch_unwind(AssertUnwindSafe(work))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(Err))
            .collect()
    });
    let mut done = Vec::with_capacity(blocks);
    for outcome in outcomes {
        match outcome {
            Ok(blocks) => done.extend(blocks),
            Err(payload) => resume_unwind(payload),
        }
    }
    done.sort_unstable_by_key(|(block, _)| *block);
    done.into_iter().flat_map(|(_, results)| results).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_input_order_on_any_number_of_threads() {
        for n in [0, 1, 7, 8, 9, 100, 1001] {
            let items: Vec<usize> = (0..n).collect();
            for threads in [1, 2, 3, 16] {
                let squares = map_ordered(&items, threads, |calls: &mut usize, &i| {
                    *calls += 1;
                    i * i
                });
                let expected: Vec<usize> = items.iter().map(|i| i * i).collect();
                assert_eq!(squares, expected, "{n} items, {threads} threads");
            }
        }
    }

    #[test]
    fn a_panic_in_a_thread_reaches_the_caller_with_its_message() {
        let items: Vec<usize> = (0..100).collect();
        let caught = catch_unwind(|| {
            map_ordered(&items, 2, |_: &mut (), &i| assert!(i != 50, "item fifty"))
        });
        let payload = caught.expect_err("the panic comes back");
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or(payload.downcast_ref::<String>().map(String::as_str))
            .expect("a message");
        assert!(message.contains("item fifty"), "{message}");
    }
}
