// What Reward Lens refuses in Restricted Mode, and why, in words a user can act on. Viewing and labelling
// need no trust; anything that loads a model or code the workspace names, or starts a process, does.

export const MANAGE_WORKSPACE_TRUST = 'Manage Workspace Trust';

/** Actions that need a trusted workspace. */
export type TrustedAction = 'score' | 'rescore';

const WHY: Record<TrustedAction, { what: string; because: string }> = {
  score: {
    what: 'scoring',
    because:
      'it loads the model folders the workspace names and runs them in worker threads, and may decode media with ffmpeg',
  },
  rescore: {
    what: 'rescoring (criterion probe and sweep)',
    because: 'it loads the model that a run file in the workspace names',
  },
};

export function untrustedRefusal(action: TrustedAction): string {
  const { what, because } = WHY[action];
  return `${what} needs a trusted workspace, because ${because}. Viewing and labelling work in Restricted Mode.`;
}

/** Appended to a media placeholder when the workspace's own media roots were set aside in Restricted Mode. */
export function ignoredMediaRootsNote(count: number): string {
  return `the workspace sets ${count} media root${count === 1 ? '' : 's'} (rewardLens.mediaRoots), ignored in Restricted Mode: trust the workspace or add the folder to your user settings`;
}
