import type { SafetySlice } from '../../../renderer/src/store/safetySlice';

/** For stores built from a few slices: safe mode that never asks. */
export const noSafeMode: SafetySlice = { safeModeAsk: null, guardRun: async () => true, answerSafeMode: async () => {} };
