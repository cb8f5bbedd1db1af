// The date rules' triggers (cheap tests a sentence passes before a rule's pattern runs on it),
// tested at most once per sentence each: 31 triggers, 27 distinct, were ~55 ms of 1 MB's analysis.
// Half of them are plain words ("quarter", "spring|summer|fall|autumn|winter"): one test of all
// their words together rules them all out in ~92 % of sentences. Each trigger still decides alone
// whenever that test passes, so a rule runs on exactly the sentences it ran on before.

import type { DateRule } from './dateRule';

const UNTESTED = 0;
const PASSED = 1;
const FAILED = 2;

/** The words of a trigger that is an alternation of plain words ("quarter|period", case-insensitive or not), else undefined. */
export function plainWords(trigger: RegExp): string[] | undefined {
  if (trigger.flags !== '' && trigger.flags !== 'i') return undefined;
  const source = trigger.source.replace(/^\(([^()]*)\)$/, '$1');
  return /^[A-Za-z ]+(?:\|[A-Za-z ]+)*$/.test(source) ? source.split('|') : undefined;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class RuleTriggers {
  /** Per rule: its trigger's index in `triggers`, or −1 when it has none. */
  private readonly ofRule: Int32Array;
  private readonly triggers: RegExp[] = [];
  private readonly plain: Uint8Array;
  /** Any plain trigger's word, case aside: failing it fails every plain trigger (case-sensitive ones too). */
  private readonly anyPlainWord: RegExp | undefined;
  private readonly state: Uint8Array;
  private plainState = UNTESTED;

  constructor(rules: readonly DateRule[]) {
    const bySource = new Map<string, number>();
    this.ofRule = new Int32Array(rules.length);
    rules.forEach((rule, r) => {
      if (!rule.trigger) {
        this.ofRule[r] = -1;
        return;
      }
      const key = `${rule.trigger.flags}/${rule.trigger.source}`;
      let at = bySource.get(key);
      if (at === undefined) {
        at = this.triggers.length;
        bySource.set(key, at);
        this.triggers.push(rule.trigger);
      }
      this.ofRule[r] = at;
    });
    this.plain = new Uint8Array(this.triggers.length);
    const words = new Set<string>();
    this.triggers.forEach((trigger, t) => {
      const plain = plainWords(trigger);
      if (!plain) return;
      this.plain[t] = 1;
      for (const w of plain) words.add(escape(w.toLowerCase()));
    });
    this.anyPlainWord = words.size ? new RegExp([...words].join('|'), 'i') : undefined;
    this.state = new Uint8Array(this.triggers.length);
  }

  /** A new sentence: no trigger tested on it yet. (Its text is not kept: a slice would keep its whole source.) */
  begin(): void {
    this.state.fill(UNTESTED);
    this.plainState = UNTESTED;
  }

  /** Whether `text`, the sentence begun, passes rule `r`'s trigger (a rule without one always does). */
  passes(r: number, text: string): boolean {
    const t = this.ofRule[r]!;
    if (t < 0) return true;
    let s = this.state[t]!;
    if (s === UNTESTED) {
      if (this.plain[t] && this.plainState === UNTESTED) this.plainState = this.anyPlainWord!.test(text) ? PASSED : FAILED;
      s = this.plain[t] && this.plainState === FAILED ? FAILED : this.triggers[t]!.test(text) ? PASSED : FAILED;
      this.state[t] = s;
    }
    return s === PASSED;
  }
}
