// How many turns of the event loop went by while some work ran: the sliced paths must let other
// messages (a hover) be read between their slices.

/** Runs `work` and counts the turns of the event loop that passed meanwhile. */
export async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await work();
  } finally {
    done = true;
  }
  return turns;
}
