import { describe, expect, it } from 'vitest';
import { stageNameProblem } from '../../renderer/components/stage-name.ts';
import { snapshot } from './fake-api.ts';

describe('stage name check in the add and rename dialogs', () => {
  const ws = snapshot();

  it('accepts a free, well-formed name and says nothing while the field is empty', () => {
    expect(stageNameProblem(ws, 'PRE_REGISTER', 'block-contractors')).toBeNull();
    expect(stageNameProblem(ws, 'PRE_REGISTER', '')).toBeNull();
  });

  it('names the clash with a stage of the same trigger, not of another', () => {
    expect(stageNameProblem(ws, 'PRE_REGISTER', 'check')).toMatch(
      /PRE_REGISTER pipeline already has a stage "check"/,
    );
    expect(stageNameProblem(ws, 'POST_REGISTER', 'check')).toBeNull();
  });

  it('lets a rename keep the current name and explains a malformed one', () => {
    expect(stageNameProblem(ws, 'PRE_REGISTER', 'check', 'check')).toBeNull();
    expect(stageNameProblem(ws, 'PRE_REGISTER', 'Bad Name!')).toMatch(/^A stage name uses /);
  });
});
