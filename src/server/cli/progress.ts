/** A progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastTenth = -1;
  return {
    /** `note` follows the count (what is being done, time left). */
    update(done: number, total: number, note = '') {
      const tail = note ? ` ${note}` : '';
      const ratio = total === 0 ? 1 : Math.min(1, done / total);
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(ratio * width);
        stream.write(
          `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${tail}\x1b[K`,
        );
        if (done >= total) stream.write('\n');
        return;
      }
      const tenth = Math.floor(ratio * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`${label}: ${Math.round(ratio * 100)}% (${done}/${total})${tail}\n`);
      }
    },
  };
}
