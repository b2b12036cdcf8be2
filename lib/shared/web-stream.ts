import type { Readable } from "node:stream";

/**
 * A Node stream as the web stream a Response sends: each chunk taken only when the reader asks
 * for one, and nothing handed on once the reader has gone.
 *
 * Node 20's Readable.toWeb hands every 'data' event to the web stream's controller. When the
 * reader cancels just after asking for more (the browser closes a download), the Node stream
 * still flows its buffered data out on the next tick and the enqueue throws on the closed
 * controller — outside any caller: "uncaughtException: TypeError: Invalid state: Controller is
 * already closed" in the app log, 9 of 10 cancels of a CSV with every field (tester round 9 P1-4).
 * Here the chunks are read in `pull`, which checks first that the reader is still there; a
 * cancel destroys the Node stream, which ends the export's writing (its `drain` sees it).
 */
export function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  let gone = false;
  /** Resolves at the source's next event that may change what `read()` gives. */
  const next = () =>
    new Promise<void>((resolve) => {
      const events = ["readable", "end", "error", "close"] as const;
      const done = () => {
        for (const e of events) source.off(e, done);
        resolve();
      };
      for (const e of events) source.on(e, done);
    });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (gone) return;
          const chunk = source.read() as Buffer | null;
          if (chunk !== null) {
            // A copy, as Readable.toWeb makes: a small Buffer is a view of Node's shared pool.
            controller.enqueue(new Uint8Array(chunk));
            return;
          }
          if (source.errored) return controller.error(source.errored);
          if (source.readableEnded) return controller.close();
          // Destroyed without an error and without its end: the file is not whole.
          if (source.destroyed) return controller.error(new Error("export stream closed before its end"));
          await next();
        }
      },
      cancel() {
        gone = true;
        source.destroy();
      },
    },
    // A queue of the Node stream's size, as Readable.toWeb keeps: the next chunk is taken while this one is sent.
    new ByteLengthQueuingStrategy({ highWaterMark: source.readableHighWaterMark }),
  );
}
