import { Component, type ReactNode } from 'react';

interface Props {
  message: string;
  children: ReactNode;
}

/** A view that fails to render says so in place, and the rest of the dashboard keeps working. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override render(): ReactNode {
    if (this.state.error) return <p role="alert" className="error crash">{this.props.message}: {this.state.error.message}</p>;
    return this.props.children;
  }
}
