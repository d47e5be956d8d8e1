/**
 * The deal versions this panel's own edits produced. With several edits in flight, a later one is
 * based on a version an earlier one has since replaced, and the host reports a conflict; when the
 * only writes since its base were this panel's own, that is no conflict with anyone, and the edit
 * is simply sent again on the newer version.
 */
export class OwnVersions {
  /** Produced version → the version that write was based on. */
  private readonly producedFrom = new Map<string, string>();

  /** Records a stored edit; an overwrite skipped the check, so nothing can be assumed about it. */
  record(basedOn: string | undefined, produced: string | undefined, overwrite: boolean): void {
    if (basedOn && produced && !overwrite && basedOn !== produced) this.producedFrom.set(produced, basedOn);
  }

  /** Whether `current` was reached from `basedOn` through this panel's own writes only. */
  onlyOwnWritesBetween(basedOn: string | undefined, current: string | undefined): boolean {
    if (!basedOn || !current) return false;
    let version: string | undefined = current;
    for (let steps = 0; version !== undefined && steps <= this.producedFrom.size; steps++) {
      if (version === basedOn) return true;
      version = this.producedFrom.get(version);
    }
    return false;
  }
}
