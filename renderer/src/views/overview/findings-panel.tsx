// Placeholder until the rules engine lands; says so plainly.
import { Panel } from '../../components/panel.tsx';

export function FindingsPanel() {
  return (
    <Panel title="Findings" className="findings-panel">
      <div className="findings-panel__body">
        <p>
          Bottleneck findings will appear here once the rules engine arrives in a later release. For now Chokepoint
          receives, stores and shows your telemetry.
        </p>
      </div>
    </Panel>
  );
}
