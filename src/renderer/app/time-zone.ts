/**
 * The time zone the UI counts days and weeks in: the person's own, as the browser (or the
 * desktop's Chromium) reports it. The one place every call that needs a zone takes it from (the
 * trend charts' buckets, the Team view's week, the weekly report export), so the screen and a
 * downloaded file cut the week at the same instants.
 */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
