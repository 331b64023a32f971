import type { BurrowErrorShape } from '../../../shared/errors';

export function ErrorNotice({ error }: { error: BurrowErrorShape }) {
  return (
    <div className="error-notice" role="alert">
      <strong>{error.code}</strong>
      <span>{error.message}</span>
    </div>
  );
}
