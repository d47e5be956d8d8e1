// Makes sure no code-server or Chromium outlives the Node process that started it: on normal
// exit, on an uncaught failure, and on Ctrl+C / SIGTERM.

type Closer = { closeNow(): void; close(): Promise<void> };

const liveClosers = new Set<Closer>();
let handlersInstalled = false;
let shuttingDown = false;

/** True once a signal started closing everything: a process exiting now is expected. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

/** Registers something to end with this process; returns the function that unregisters it. */
export function closeOnExit(closer: Closer): () => void {
  installHandlers();
  liveClosers.add(closer);
  return () => liveClosers.delete(closer);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // 'exit' handlers may only do synchronous work (SIGKILL, rmSync); this also covers a
  // process.exit() that lands while an async close() is still under way.
  process.on('exit', () => {
    for (const closer of liveClosers) closer.closeNow();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      shuttingDown = true;
      void Promise.allSettled([...liveClosers].map((closer) => closer.close())).then(() => {
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    });
  }
}
