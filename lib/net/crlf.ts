// nc -C: each LF read from stdin is sent as CR LF, unless a CR already precedes it (also across chunk borders).

/** A converter that remembers whether the previous chunk ended in CR. */
export function crlfConverter(): (chunk: Uint8Array) => Uint8Array {
  let lastWasCr = false;
  return (chunk) => {
    let extra = 0;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10 && !(i === 0 ? lastWasCr : chunk[i - 1] === 13)) extra++;
    const prevCr = lastWasCr;
    if (chunk.length > 0) lastWasCr = chunk[chunk.length - 1] === 13;
    if (extra === 0) return chunk;
    const out = new Uint8Array(chunk.length + extra);
    let j = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === 10 && !(i === 0 ? prevCr : chunk[i - 1] === 13)) out[j++] = 13;
      out[j++] = chunk[i]!;
    }
    return out;
  };
}
