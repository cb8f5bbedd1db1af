// What the tagger said of a capitalised word earlier in the same paragraph: a name introduced in a
// clear context ("striker Blinker scored") keeps its type where the context says little ("Blinker
// 's goal"). Read only within one paragraph, so a paragraph's findings still depend on it alone.
import { hashInt } from './features';

/** A template number apart from those of features.ts. */
const T_EARLIER = 43;
const CLASSES = 5; // O, then the four types
const LIMIT = 10_000;

function capitalised(w: string): boolean {
  const c = w.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c > 127 && w[0] !== w[0].toLowerCase());
}

export class PredictionHistory {
  /** Per capitalised token text: how often each class (O or a type) was chosen for it so far. */
  private readonly seen = new Map<string, Uint16Array>();

  /** The feature of a token: the class most often chosen for its text before, or undefined when never seen. */
  feature(w: string): number | undefined {
    const counts = this.seen.get(w);
    if (!counts) return undefined;
    let best = 0;
    for (let c = 1; c < CLASSES; c++) if (counts[c] > counts[best]) best = c;
    return hashInt(T_EARLIER, best);
  }

  /** Records a sentence's tags (BIO over the types) for its capitalised tokens. */
  record(texts: (i: number) => string, tags: Uint8Array): void {
    for (let i = 0; i < tags.length; i++) {
      const w = texts(i);
      if (!capitalised(w)) continue;
      let counts = this.seen.get(w);
      if (!counts) {
        // Bounded: a hostile paragraph of a million distinct names must not grow it for ever.
        if (this.seen.size >= LIMIT) this.seen.clear();
        this.seen.set(w, (counts = new Uint16Array(CLASSES)));
      }
      const c = tags[i] === 0 ? 0 : 1 + ((tags[i] - 1) >> 1);
      if (counts[c] < 0xffff) counts[c]++;
    }
  }
}
