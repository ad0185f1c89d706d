/** Placeholder: replaced by the real view. */
export function CaptureView() {
  return <p>CaptureView</p>;
}
