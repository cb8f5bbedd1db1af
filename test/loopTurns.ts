// Counts turns of the event loop, for tests that check work lets the loop turn (a hover waiting).

/** Starts counting: a callback that schedules itself again each turn, until `stop`. */
export function countTurns(): { turns: () => number; stop: () => void } {
  let turns = 0;
  let counting = true;
  const tick = () => {
    turns++;
    if (counting) setImmediate(tick);
  };
  setImmediate(tick);
  return { turns: () => turns, stop: () => (counting = false) };
}
