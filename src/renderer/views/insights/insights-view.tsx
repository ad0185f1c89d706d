/** Placeholder: replaced by the real view. */
export function InsightsView() {
  return <p>InsightsView</p>;
}
