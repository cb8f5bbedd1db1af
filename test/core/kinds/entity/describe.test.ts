// describe().message of a entity: the diagnostic row names its finding.
import { describe, expect, it } from 'vitest';
import { describeEntity } from '../../../../src/core/kinds/entity/describe';
import { toPlain } from '../../../../src/core/text/richText';
import { finding, tag } from '../describeFixtures';

describe('entity messages', () => {
  const entity = (text: string, canonical: string, mentions: number, type: 'organisation' | 'person' | 'other' = 'organisation') =>
    finding('entity', text, { entity: { type, canonical, key: canonical.toLowerCase(), mentions, aliases: [] } });

  it('names the entity and its type, with its mention count', () => {
    expect(toPlain(describeEntity(entity('Xiaomi Corp', 'Xiaomi Corp', 3)).message)).toBe('Xiaomi Corp (organisation) · 3 mentions');
    expect(toPlain(describeEntity(entity('Lei Jun', 'Lei Jun', 1, 'person')).message)).toBe('Lei Jun (person) · 1 mention');
  });

  it('says how a mention is written when it is not the canonical name', () => {
    expect(toPlain(describeEntity(entity('Xiaomi', 'Xiaomi Corp', 3)).message)).toBe('Xiaomi Corp (organisation), written “Xiaomi” · 3 mentions');
  });

  it('adds the tag', () => {
    expect(toPlain(describeEntity(tag(entity('Xiaomi', 'Xiaomi Corp', 2), 'speculative')).message)).toBe('Xiaomi Corp (organisation), written “Xiaomi” · 2 mentions · tagged speculative');
  });

  it('names a mention with no entity information by its text', () => {
    expect(toPlain(describeEntity(finding('entity', 'Acme')).message)).toBe('Name “Acme”');
    expect(toPlain(describeEntity(tag(finding('entity', 'Acme'))).message)).toBe('Name “Acme” · tagged verified');
  });

  it('calls a name of no known type an other name', () => {
    expect(toPlain(describeEntity(entity('Smartphone', 'Smartphone', 1, 'other')).message)).toBe('Smartphone (other name) · 1 mention');
  });
});
