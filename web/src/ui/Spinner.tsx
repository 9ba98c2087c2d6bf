export interface SpinnerProps {
  /** Read to screen readers; visually hidden. */
  label?: string;
  size?: 'sm' | 'md' | 'lg';
}

export function Spinner({ label = 'Loading', size = 'md' }: SpinnerProps) {
  return (
    <span className={`spinner spinner--${size}`} role="status">
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** A centred spinner for a region that is loading. */
export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="loading">
      <Spinner label={label} size="lg" />
    </div>
  );
}
