/**
 * The KL coefficient β of PPO's per-token penalty −β(log π − log π_ref).
 *
 * Adaptive (Ziegler et al. 2019): after each batch, β ← β·(1 + clip(KL/target − 1, −0.2, 0.2)·n/horizon)
 * where KL is the batch's mean per-sequence KL and n the number of sequences in it (TRL passes its batch
 * size). β grows while KL is above target and shrinks while below, by at most 20 %·n/horizon a batch.
 */
export interface KlController {
  readonly value: number;
  /** Feeds back the measured KL of a batch of nSteps sequences; returns the new β. */
  update(currentKl: number, nSteps: number): number;
}

export class AdaptiveKlController implements KlController {
  /** `floor`: β never falls below it (0 = no floor). */
  constructor(
    public value: number,
    readonly target: number,
    readonly horizon: number,
    readonly floor = 0,
  ) {
    if (!(value >= 0) || !(target > 0) || !(horizon > 0) || !(floor >= 0 && floor <= value))
      throw new Error('AdaptiveKlController: needs β ≥ 0, target > 0, horizon > 0, 0 ≤ floor ≤ β');
  }

  update(currentKl: number, nSteps: number): number {
    if (!Number.isFinite(currentKl)) return this.value; // a broken batch must not poison β
    const error = Math.min(0.2, Math.max(-0.2, currentKl / this.target - 1));
    this.value = Math.max(this.floor, this.value * (1 + (error * nSteps) / this.horizon));
    return this.value;
  }
}

export class FixedKlController implements KlController {
  constructor(readonly value: number) {}

  update(_currentKl?: number, _nSteps?: number): number {
    return this.value;
  }
}
