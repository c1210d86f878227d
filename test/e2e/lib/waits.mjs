// What the running check is waiting for right now, so a failure can say so (the failure evidence's waiting.txt).
// `until` and `waitForElement` record their description here; a check clears it when it starts.
let current;

/** Records that the check now waits for `what` (a sentence a reader understands without the code). */
export function waitingFor(what) {
  current = { what, since: Date.now() };
}

/** The last wait recorded since `clearWait()`, with how long ago it began; undefined when none. */
export function lastWait() {
  return current && { what: current.what, forMs: Date.now() - current.since };
}

export function clearWait() {
  current = undefined;
}
