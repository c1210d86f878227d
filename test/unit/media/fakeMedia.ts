// A stand-in for HTMLMediaElement with the parts mediaSync uses: events are dispatched on a later tick, as
// browsers do, and play()/pause()/currentTime follow the spec's event order (play, pause; seeking, seeked).
export class FakeMedia extends EventTarget {
  paused = true;
  seeking = false;
  muted = false;
  error: { code: number } | null = null;
  readyState = 4;
  isConnected = true;
  private time = 0;

  constructor(public duration: number) {
    super();
  }

  get ended(): boolean {
    return this.time >= this.duration;
  }

  get currentTime(): number {
    return this.time;
  }

  set currentTime(t: number) {
    this.time = Math.min(Math.max(0, t), this.duration);
    this.seeking = true;
    this.fire('seeking', () => {
      this.seeking = false;
      this.fire('seeked');
    });
  }

  play(): Promise<void> {
    if (this.ended) this.time = 0;
    if (this.paused) {
      this.paused = false;
      this.fire('play');
    }
    return Promise.resolve();
  }

  pause(): void {
    if (!this.paused) {
      this.paused = true;
      this.fire('pause');
    }
  }

  /** Playback advancing by dt seconds (the clip stops at its end and pauses, firing pause then ended). */
  advance(dt: number): void {
    if (this.paused) return;
    this.time = Math.min(this.duration, this.time + dt);
    this.fire('timeupdate');
    if (this.ended) {
      this.paused = true;
      this.fire('pause');
      this.fire('ended');
    }
  }

  private fire(type: string, then?: () => void): void {
    setImmediate(() => {
      this.dispatchEvent(new Event(type));
      then?.();
    });
  }
}

/** Lets every queued fake event (and the events those cause) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}
