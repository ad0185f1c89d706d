/** Progress on stderr when a person is watching it; silence when stderr is a file or a pipe. */
export function progressLine(label: string): {
  update: (done: number, total: number) => void;
  done: () => void;
} {
  const visible = process.stderr.isTTY === true;
  let shown = false;
  return {
    update: (done, total) => {
      if (!visible) return;
      shown = true;
      process.stderr.write(`\r${label} ${done.toLocaleString()}/${total.toLocaleString()}`);
    },
    done: () => {
      if (shown) process.stderr.write('\n');
    },
  };
}
