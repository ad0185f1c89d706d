/** Placeholder: replaced by the real view. */
export function MyFeedbackView() {
  return <p>MyFeedbackView</p>;
}
