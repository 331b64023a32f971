import type { Profile } from '../../../../shared/profile';
import type { MenuItem } from '../../components/ContextMenu';
import { burrow } from '../../ipc/client';
import { useBurrowStore } from '../../store';
import { formFromProfile } from './profileDraft';

/** The question before deleting a connection, the same from the form and from the list. */
export const deleteQuestion = (name: string): string =>
  `Delete the connection “${name}”?\n\nIts saved passwords, kept query tabs, history and saved queries go with it. SSH keys, trusted host keys and queries saved for every connection stay.`;

/**
 * A saved connection's right-click menu in the list: connect, edit, duplicate, copy its URL (never
 * with the password), export it to a file, delete it. `say` reports what happened.
 */
export function profileMenuItems(profile: Profile, connect: () => void, say: (text: string, ok: boolean) => void): MenuItem[] {
  const failed = (error: { code: string; message: string }): void => say(`${error.code}: ${error.message}`, false);
  return [
    { label: 'Connect', action: connect },
    { label: 'Edit…', action: () => useBurrowStore.getState().openEditor(formFromProfile(profile)) },
    {
      label: 'Duplicate',
      action: () => void burrow().profiles.duplicate({ id: profile.id }).then(async (result) => {
        if (!result.ok) return failed(result.error);
        await useBurrowStore.getState().loadProfiles();
        say(`Duplicated as “${result.value.profile.name}”.`, true);
      }),
    },
    {
      label: 'Copy URL',
      action: () => void burrow().imports.profileUrl({ id: profile.id }).then(async (result) => {
        if (!result.ok) return failed(result.error);
        try {
          await navigator.clipboard.writeText(result.value.url);
          say(`Copied the URL of “${profile.name}” (without its password).`, true);
        } catch (error) {
          say(`Could not copy: ${error instanceof Error ? error.message : String(error)}`, false);
        }
      }),
    },
    {
      label: 'Export…',
      action: () => void burrow().imports.saveBundleFile({ ids: [profile.id] }).then((result) => {
        if (!result.ok) return failed(result.error);
        if (result.value.path) say(`Exported “${profile.name}” to ${result.value.path} (no passwords or keys in it).`, true);
      }),
    },
    {
      label: 'Delete…',
      action: () => {
        if (!window.confirm(deleteQuestion(profile.name))) return;
        void burrow().profiles.delete({ id: profile.id }).then(async (result) => {
          if (!result.ok) return failed(result.error);
          await useBurrowStore.getState().loadProfiles();
          say(`Deleted “${profile.name}”.`, true);
        });
      },
    },
  ];
}
