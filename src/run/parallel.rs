//! The threads: each worker thread (the calling thread is one of them)
//! reads its next batch of pieces itself (one at a time, under a lock:
//! the reader is sequential), scores it, and hands it to the assembler
//! (under a second lock), which writes whatever is ready. A fixed number
//! of tickets bounds the batches in flight, so memory stays flat however
//! large the input, and output order is input order whatever the thread
//! count. Holds no data of its own: it only moves batches between the
//! reader, the workers and the assembler.

use std::collections::HashSet;
use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::assemble::Assembler;
use super::options::RunOptions;
use super::piece::{Done, ReadEvent};
use super::read::PieceReader;
use super::worker::Worker;
use crate::error::{Error, Result};
use crate::output::{Printer, Schema};
use crate::scoring::Scorer;

/// Batches in flight per worker thread.
const BATCHES_PER_WORKER: usize = 4;
/// A batch is sent on once its pieces weigh this many bytes
/// ([`Piece::weight`](super::piece::Piece::weight))...
const BATCH_BYTES: usize = 256 * 1024;
/// ... or this many pieces.
const BATCH_EVENTS: usize = 256;

/// Runs the stages on `options.threads` threads, the calling thread one
/// of them, until the reader is done or the output fails.
pub(super) fn run_parallel<W: Write + Send>(
    scorer: &Scorer,
    printer: &dyn Printer,
    options: &RunOptions,
    schema: &Schema,
    reader: &mut PieceReader<'_>,
    assembler: &mut Assembler<'_, W>,
) -> Result<()> {
    let in_flight = options.threads * BATCHES_PER_WORKER;
    // Tickets bound the batches between the reader and the output: a
    // worker takes one per batch it reads, and one comes back once the
    // batch is written. A batch holds at most about a piece's bytes, so
    // memory stays flat.
    let (ticket_back, tickets) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        ticket_back
            .send(())
            .expect("the channel holds every ticket");
    }
    let stop = AtomicBool::new(false);
    // The workers read their own batches, one at a time under this lock,
    // rather than waiting on a reading thread: on few cores a thread that
    // only reads competes with the workers for them, and the workers starve
    // whenever it is not running.
    let source = Mutex::new(BatchSource {
        reader,
        tickets,
        finished: false,
        stop: &stop,
    });
    // ... and write their own batches, in order, under this one: the
    // calling thread is one of the workers, so the run uses as many threads
    // as it was given, with no thread of its own for the output (which,
    // woken for every batch, took turns on the cores with the workers).
    let output = Mutex::new(Output {
        assembler,
        batch_ends: HashSet::new(),
        failed: None,
    });
    let work = || {
        let mut worker = Worker::new(scorer, printer, options, schema);
        loop {
            // Hold the lock only to read a batch, not to score it.
            let batch = source.lock().expect("no worker panics").next_batch();
            let Some(batch) = batch else { break };
            let done: Vec<Done> = batch.into_iter().map(|e| worker.process(e)).collect();
            let mut output = output.lock().expect("no worker panics");
            if output.failed.is_some() {
                break;
            }
            if let Err(error) = output.write(done, &ticket_back) {
                output.failed = Some(error);
                // A worker may be waiting for a ticket: wake it to stop.
                stop.store(true, Ordering::Relaxed);
                while ticket_back.try_send(()).is_ok() {}
                break;
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..options.threads {
            scope.spawn(work);
        }
        work();
    });
    match output.into_inner().expect("no worker panics").failed {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// The workers' shared way to the output: finished batches go in, rows
/// come out in input order.
struct Output<'r, 'a, W: Write + Send> {
    assembler: &'r mut Assembler<'a, W>,
    /// The sequence numbers that end a batch: writing one frees a ticket.
    batch_ends: HashSet<u64>,
    /// The first output error; the run stops on it.
    failed: Option<Error>,
}

impl<W: Write + Send> Output<'_, '_, W> {
    /// Takes a finished batch and writes what is ready: it, and any batches
    /// that were waiting for it.
    fn write(&mut self, batch: Vec<Done>, ticket_back: &SyncSender<()>) -> Result<()> {
        if let Some(last) = batch.last() {
            self.batch_ends.insert(last.seq());
        }
        for done in batch {
            for seq in self.assembler.accept(done)? {
                if self.batch_ends.remove(&seq) {
                    // Never blocks: no more tickets come back than went out.
                    let _ = ticket_back.send(());
                }
            }
        }
        Ok(())
    }
}

/// The workers' shared way to their next batch.
struct BatchSource<'r, 'a> {
    reader: &'r mut PieceReader<'a>,
    tickets: Receiver<()>,
    /// Set once the reader is done, so no worker waits for a ticket after.
    finished: bool,
    /// Set when the output fails: no more batches.
    stop: &'r AtomicBool,
}

impl BatchSource<'_, '_> {
    /// Reads the next batch, once a ticket allows it: many small articles
    /// travel together, so the cost of passing work between threads is
    /// paid per batch, not per article. Standard input is passed on event
    /// by event, so a streaming filter answers as soon as it can. `None`
    /// when the inputs are done or the writer has stopped.
    fn next_batch(&mut self) -> Option<Vec<ReadEvent>> {
        if self.finished {
            return None;
        }
        self.tickets.recv().ok()?;
        if self.stop.load(Ordering::Relaxed) {
            self.finished = true;
            return None;
        }
        let mut batch = Vec::new();
        let mut bytes = 0;
        loop {
            let Some(event) = self.reader.next_event() else {
                self.finished = true;
                break;
            };
            if let ReadEvent::Piece(piece) = &event {
                bytes += piece.weight();
            }
            batch.push(event);
            if bytes >= BATCH_BYTES || batch.len() >= BATCH_EVENTS || self.reader.streaming() {
                break;
            }
        }
        (!batch.is_empty()).then_some(batch)
    }
}
