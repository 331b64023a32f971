import type { Diagnosis, StageResult } from '../../../../shared/diagnosis';
import type { EditorTest } from '../../store/editorSlice';

const stageLabels: Record<StageResult['stage'], string> = {
  dns: 'DNS',
  tcp: 'TCP connect',
  handshake: 'SSH handshake',
  hostkey: 'Host key',
  auth: 'Authentication',
  channel: 'Channel to the database',
  db: 'Database login',
};

function Stages({ stages }: { stages: StageResult[] }) {
  return (
    <ul className="stages">
      {stages.map((stage) => (
        <li key={stage.stage} className={stage.ok ? 'stage-ok' : 'stage-failed'} data-testid={`stage-${stage.stage}`}>
          <span aria-hidden="true">{stage.ok ? '✓' : '✗'}</span> {stageLabels[stage.stage]}
          <span className="muted"> {stage.ms.toFixed(1)} ms</span>
          {stage.detail && <span className="muted"> · {stage.detail}</span>}
          {stage.error && <div className="error-text">{stage.error.message}</div>}
        </li>
      ))}
    </ul>
  );
}

function Report({ report }: { report: Diagnosis }) {
  return (
    <div data-testid="diagnosis">
      <p className={report.ok ? 'stage-ok' : 'error-text'} role="status">
        {report.ok ? `Connection works (${report.totalMs.toFixed(0)} ms)` : `Failed: ${report.error?.code ?? 'error'}`}
      </p>
      {report.hops.map((hop) => (
        <section key={hop.index} data-testid="diagnosis-hop">
          <h4>Hop {hop.index}: {hop.name ? `${hop.name} (${hop.host}:${hop.port})` : `${hop.host}:${hop.port}`}</h4>
          <Stages stages={hop.stages} />
          {hop.debugLog.length > 0 && (
            <details>
              <summary>SSH debug log ({hop.debugLog.length} lines)</summary>
              <pre className="debug-log">{hop.debugLog.join('\n')}</pre>
            </details>
          )}
        </section>
      ))}
      {report.target.stages.length > 0 && (
        <section>
          <h4>Database{report.target.port !== null ? ` ${report.target.host}:${report.target.port}` : ''}</h4>
          <Stages stages={report.target.stages} />
        </section>
      )}
    </div>
  );
}

/** The form's "Test" result: each stage of each hop with its time, then the database. */
export function DiagnosisPanel({ test }: { test: EditorTest }) {
  if (test.running) return <p className="muted" role="status">Testing…</p>;
  if (test.error) return <p className="error-text" role="alert" data-testid="diagnosis-error">{test.error}</p>;
  if (!test.report) return null;
  return <Report report={test.report} />;
}
