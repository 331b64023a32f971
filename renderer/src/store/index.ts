import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './appSlice';

export type BurrowState = AppSlice;

/** One store built from slices; components read it through the selectors below. */
export const useBurrowStore = create<BurrowState>()((...args) => ({
  ...createAppSlice(...args),
}));

export const selectApp = (state: BurrowState): BurrowState['app'] => state.app;
export const selectLoadAppInfo = (state: BurrowState): BurrowState['loadAppInfo'] => state.loadAppInfo;
