import { describe, expect, it } from 'vitest';
import { isCorrectChoice, promptKey, scorePercent, ZDraw, ZQuestionInput } from './schema.js';

describe('grading', () => {
  it('counts a choice right only when it is exactly the set of correct options', () => {
    expect(isCorrectChoice(['b'], ['b'])).toBe(true);
    expect(isCorrectChoice(['a', 'c'], ['c', 'a'])).toBe(true);
    expect(isCorrectChoice(['a', 'c'], ['a'])).toBe(false);
    expect(isCorrectChoice(['a', 'c'], ['a', 'b', 'c'])).toBe(false);
    expect(isCorrectChoice(['b'], [])).toBe(false);
  });

  it('gives scores in percent with two decimals', () => {
    expect(scorePercent(2, 3)).toBe(66.67);
    expect(scorePercent(0, 0)).toBe(0);
    expect(scorePercent(10, 10)).toBe(100);
  });
});

describe('questions', () => {
  it('compare prompts without case, spacing or the closing question mark', () => {
    expect(promptKey('  Thời hạn   ĐĂNG KÝ khai sinh? ')).toBe(promptKey('thời hạn đăng ký khai sinh'));
    expect(promptKey('Câu A')).not.toBe(promptKey('Câu B'));
  });

  it('need an answer, exactly one for a single choice, and distinct options', () => {
    const base = {
      kind: 'single',
      prompt: 'Câu hỏi',
      options: [
        { text: 'A', correct: true },
        { text: 'B', correct: false },
      ],
    };
    expect(ZQuestionInput.safeParse(base).success).toBe(true);
    expect(
      ZQuestionInput.safeParse({
        ...base,
        options: [
          { text: 'A', correct: false },
          { text: 'B', correct: false },
        ],
      }).success,
    ).toBe(false);
    expect(
      ZQuestionInput.safeParse({
        ...base,
        options: [
          { text: 'A', correct: true },
          { text: 'B', correct: true },
        ],
      }).success,
    ).toBe(false);
    expect(
      ZQuestionInput.safeParse({
        ...base,
        kind: 'multiple',
        options: [
          { text: 'A', correct: true },
          { text: 'B', correct: true },
        ],
      }).success,
    ).toBe(true);
    expect(
      ZQuestionInput.safeParse({
        ...base,
        options: [
          { text: 'A', correct: true },
          { text: ' a ', correct: false },
        ],
      }).success,
    ).toBe(false);
  });

  it('draw at least one question, keeping only the topics asked', () => {
    expect(ZDraw.parse({ one_stop: 3, digital_skills: 0 })).toEqual({ one_stop: 3 });
    expect(ZDraw.safeParse({ one_stop: 0 }).success).toBe(false);
    expect(ZDraw.safeParse({ cooking: 2 }).success).toBe(false);
  });
});

describe('refinements on broken input', () => {
  it('answer field errors, never throw, when the fields they read are themselves wrong', async () => {
    const { ZCampaignUpdate } = await import('./schema.js');
    const { ZMethodInput } = await import('../staff-scores/schema.js');
    const campaign = ZCampaignUpdate.safeParse({
      title: 'x',
      opensAt: 'x',
      closesAt: 'y',
      durationMinutes: 1,
      passMark: 0,
      draw: { one_stop: 1 },
      audience: { units: ['123'], roles: ['specialist'] },
    });
    expect(campaign.success).toBe(false);
    expect(ZQuestionInput.safeParse({ kind: 'single', prompt: 'x', options: 'nope' }).success).toBe(false);
    expect(ZQuestionInput.safeParse({ kind: 'single', prompt: 'x', options: [null, 1] }).success).toBe(false);
    expect(ZMethodInput.safeParse({ weights: 'x', thresholds: null }).success).toBe(false);
    expect(
      ZMethodInput.safeParse({ weights: { on_time: 'a' }, thresholds: { excellent: 'b' } }).success,
    ).toBe(false);
  });
});
