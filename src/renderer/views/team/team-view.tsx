/** Placeholder: replaced by the real view. */
export function TeamView() {
  return <p>TeamView</p>;
}
