/** Progress on a terminal (one line rewritten in place), plain lines elsewhere (CI, pipes). */
export interface Reporter {
  step(message: string): void;
  progress(done: number, total: number, label: string): void;
  info(message: string): void;
  done(): void;
}

export function createReporter(stream: NodeJS.WriteStream = process.stderr, quiet = false): Reporter {
  const live = Boolean(stream.isTTY) && !process.env.CI;
  let pending = false;
  const clear = () => {
    if (pending) stream.write('\r\x1b[2K');
    pending = false;
  };
  return {
    step(message) {
      if (quiet) return;
      clear();
      stream.write(`${message}\n`);
    },
    progress(done, total, label) {
      if (quiet) return;
      if (live) {
        stream.write(`\r\x1b[2K[${done}/${total}] ${label}`);
        pending = true;
      } else if (done === total || done % 25 === 0) {
        stream.write(`[${done}/${total}] ${label}\n`);
      }
    },
    info(message) {
      if (quiet) return;
      clear();
      stream.write(`${message}\n`);
    },
    done() {
      clear();
    },
  };
}
