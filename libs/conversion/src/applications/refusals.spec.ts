import { localiseRefusal } from '@app/core';
import { NOT_APPROVABLE } from '../conversion.errors';
import { APPLICATION_STATUSES } from '../entities/exemption-application.entity';

describe('refusals before the engine is asked', () => {
  const sentences = [
    NOT_APPROVABLE.noActiveVersion,
    NOT_APPROVABLE.targetDropped,
    NOT_APPROVABLE.targetGone,
    ...APPLICATION_STATUSES.filter((status) => status !== 'SUBMITTED').map(NOT_APPROVABLE.decided),
    // The submission's own, before an application exists.
    'The rule has no active version.',
  ];

  it('are said in Chinese, each in its own words', () => {
    const chinese = sentences.map((sentence) => localiseRefusal('zh-CN', sentence));
    for (const said of chinese) expect(said).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/);
    expect(new Set(chinese).size).toBe(sentences.length);
  });

  it('stay as written in English', () => {
    for (const sentence of sentences) expect(localiseRefusal('en', sentence)).toBe(sentence);
  });
});
