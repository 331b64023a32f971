import { describe, expect, it } from 'vitest';
import { moveSelection } from '../../../renderer/src/features/query/gridSelection';

describe('keyboard moves in the results grid', () => {
  it('moves one row, a screen, or to the ends, staying inside the result', () => {
    expect(moveSelection(null, 'ArrowDown', false, 10, 4)).toEqual({ anchor: 0, focus: 0 });
    expect(moveSelection({ anchor: 3, focus: 3 }, 'ArrowDown', false, 10, 4)).toEqual({ anchor: 4, focus: 4 });
    expect(moveSelection({ anchor: 0, focus: 0 }, 'ArrowUp', false, 10, 4)).toEqual({ anchor: 0, focus: 0 });
    expect(moveSelection({ anchor: 2, focus: 2 }, 'PageDown', false, 10, 4)).toEqual({ anchor: 6, focus: 6 });
    expect(moveSelection({ anchor: 8, focus: 8 }, 'PageDown', false, 10, 4)).toEqual({ anchor: 9, focus: 9 });
    expect(moveSelection({ anchor: 5, focus: 5 }, 'Home', false, 10, 4)).toEqual({ anchor: 0, focus: 0 });
    expect(moveSelection(null, 'End', false, 10, 4)).toEqual({ anchor: 9, focus: 9 });
  });

  it('grows the range from its anchor with Shift, and ignores other keys or an empty result', () => {
    expect(moveSelection({ anchor: 2, focus: 3 }, 'ArrowDown', true, 10, 4)).toEqual({ anchor: 2, focus: 4 });
    expect(moveSelection({ anchor: 2, focus: 2 }, 'End', true, 10, 4)).toEqual({ anchor: 2, focus: 9 });
    expect(moveSelection({ anchor: 2, focus: 2 }, 'Enter', false, 10, 4)).toBeUndefined();
    expect(moveSelection(null, 'ArrowDown', false, 0, 4)).toBeUndefined();
  });
});
