import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './appSlice';
import { createProfilesSlice, type ProfilesSlice } from './profilesSlice';

export type BurrowState = AppSlice & ProfilesSlice;

/** One store built from slices; components read it through the selectors below. */
export const useBurrowStore = create<BurrowState>()((...args) => ({
  ...createAppSlice(...args),
  ...createProfilesSlice(...args),
}));

export const selectApp = (state: BurrowState): BurrowState['app'] => state.app;
export const selectLoadAppInfo = (state: BurrowState): BurrowState['loadAppInfo'] => state.loadAppInfo;
export const selectProfiles = (state: BurrowState): BurrowState['profiles'] => state.profiles;
export const selectLoadProfiles = (state: BurrowState): BurrowState['loadProfiles'] => state.loadProfiles;
