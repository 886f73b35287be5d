import { EmptyMessage } from '../components/state-message.tsx';

export function NotFoundView({ path }: { path: string }) {
  return (
    <div className="view">
      <div className="view-header">
        <h1>Not found</h1>
      </div>
      <div className="panel">
        <EmptyMessage title={`Nothing at ${path}`}>
          Go to the <a href="#/">Overview</a> or the <a href="#/traces">recent traces</a>.
        </EmptyMessage>
      </div>
    </div>
  );
}
